#!/usr/bin/env node
'use strict';
// Structural checks of the telemetry configuration: every OpenTelemetry Collector pipeline names receivers,
// processors and exporters that the file defines, starts from OTLP and batches; the local Prometheus scrapes
// the three local silos' /metrics.
// Usage: node infra/otel/check-telemetry.js [--collector FILE]... [--prometheus FILE]
//   (default: every infra/otel/*.yaml and infra/prometheus/prometheus.yml)
// Exit code: 0 all hold, 1 a check failed.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const LOCAL_SILOS = ['127.0.0.1:8080', '127.0.0.1:8081', '127.0.0.1:8082'];
const SECTIONS = { receivers: 'receivers', processors: 'processors', exporters: 'exporters' };

function load(file) {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'));
  if (doc.errors.length > 0)
    throw new Error(doc.errors.map(e => e.message).join('; '));
  return doc.toJS() || {};
}

function collectorProblems(file) {
  const c = load(file);
  const problems = [];
  const pipelines = (c.service || {}).pipelines || {};
  if (Object.keys(pipelines).length === 0)
    problems.push('service.pipelines is empty');
  for (const [name, pipeline] of Object.entries(pipelines)) {
    const signal = name.split('/')[0];
    if (!['metrics', 'traces', 'logs'].includes(signal))
      problems.push(`pipeline ${name}: unknown signal ${signal}`);
    for (const [field, section] of Object.entries(SECTIONS)) {
      const ids = pipeline[field] || [];
      if (field !== 'processors' && ids.length === 0)
        problems.push(`pipeline ${name}: no ${field}`);
      for (const id of ids) {
        if (!c[section] || !(id in c[section]))
          problems.push(`pipeline ${name}: ${field} ${id} is not defined under ${section}`);
      }
    }
    if (!(pipeline.receivers || []).some(r => r.split('/')[0] === 'otlp'))
      problems.push(`pipeline ${name}: does not receive OTLP`);
    if (!(pipeline.processors || []).some(p => p.split('/')[0] === 'batch'))
      problems.push(`pipeline ${name}: does not batch`);
  }
  for (const id of (c.service || {}).extensions || []) {
    if (!c.extensions || !(id in c.extensions))
      problems.push(`service.extensions ${id} is not defined under extensions`);
  }
  for (const [field, section] of Object.entries(SECTIONS)) {
    for (const id of Object.keys(c[section] || {})) {
      if (!Object.values(pipelines).some(p => (p[field] || []).includes(id)))
        problems.push(`${section}.${id} is defined but no pipeline uses it`);
    }
  }
  return problems;
}

function prometheusProblems(file) {
  const p = load(file);
  const problems = [];
  const jobs = p.scrape_configs || [];
  const names = jobs.map(j => j.job_name);
  names.filter((n, i) => names.indexOf(n) !== i).forEach(n => problems.push(`job ${n} is defined twice`));
  const silo = jobs.find(j => j.job_name === 'zkpot-silo');
  if (!silo) {
    problems.push('no zkpot-silo scrape job');
  } else {
    const targets = (silo.static_configs || []).flatMap(s => s.targets || []).sort();
    if (JSON.stringify(targets) !== JSON.stringify(LOCAL_SILOS))
      problems.push(`zkpot-silo must scrape ${LOCAL_SILOS.join(', ')}, not ${targets.join(', ') || 'nothing'}`);
    if ((silo.metrics_path || '/metrics') !== '/metrics')
      problems.push(`zkpot-silo must scrape /metrics, not ${silo.metrics_path}`);
  }
  return problems;
}

function main(argv) {
  const collectors = [];
  let prometheus = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--collector')
      collectors.push(argv[++i]);
    else if (argv[i] === '--prometheus')
      prometheus = argv[++i];
    else {
      console.error(`unknown argument ${argv[i]}`);
      return 1;
    }
  }
  const rel = f => path.relative(process.cwd(), f);
  if (collectors.length === 0 && prometheus === null) {
    fs.readdirSync(__dirname).filter(f => f.endsWith('.yaml')).sort().forEach(f => collectors.push(rel(path.join(__dirname, f))));
    prometheus = rel(path.join(__dirname, '..', 'prometheus', 'prometheus.yml'));
  }
  const checks = [...collectors.map(f => [f, collectorProblems]), ...(prometheus ? [[prometheus, prometheusProblems]] : [])];
  let failed = false;
  for (const [file, check] of checks) {
    let problems;
    try {
      problems = check(file);
    } catch (e) {
      problems = [`cannot read: ${e.message}`];
    }
    problems.forEach(p => console.error(`${file}: ${p}`));
    if (problems.length === 0)
      console.log(`ok ${file}`);
    failed ||= problems.length > 0;
  }
  return failed ? 1 : 0;
}

process.exit(main(process.argv.slice(2)));
