#!/usr/bin/env node
'use strict';
// Checks Grafana dashboards: the JSON parses, panel ids are unique, every query has an expression, and every
// metric name in every PromQL expression is in the telemetry contract (docs/METRICS.md) or in
// infra/grafana/external-metrics.txt (Orleans and .NET runtime series); histogram_quantile reads a _bucket
// series grouped by le.
// Usage: node infra/grafana/check-dashboards.js [DASHBOARD.json...]   (default: infra/grafana/*.json)
// Exit code: 0 all dashboards pass, 1 a dashboard failed, 2 the contract could not be read.
const fs = require('fs');
const path = require('path');
const { metricNames } = require('./promql');
const { allPanels } = require('./panels');

const ROOT = path.resolve(__dirname, '..', '..');
const CONTRACT = path.join(ROOT, 'docs', 'METRICS.md');
const EXTERNAL = path.join(__dirname, 'external-metrics.txt');

/** The series names of the contract table: column 2 in backticks; histograms give _bucket, _sum and _count. */
function contractNames(file) {
  const names = new Set();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map(c => c.trim());
    if (cells.length < 5)
      continue;
    const m = /^`([a-zA-Z_:][a-zA-Z0-9_:]*)`$/.exec(cells[2]);
    if (!m)
      continue;
    if (cells[3] === 'histogram')
      ['_bucket', '_sum', '_count'].forEach(s => names.add(m[1] + s));
    else
      names.add(m[1]);
  }
  if (names.size === 0)
    throw new Error(`${file}: no metric table found`);
  return names;
}

function externalNames(file) {
  return new Set(fs.readFileSync(file, 'utf8').split('\n')
    .map(l => l.replace(/#.*/, '').trim()).filter(Boolean).map(l => l.split(/\s+/)[0]));
}

function checkDashboard(file, allowed) {
  const problems = [];
  let dash;
  try {
    dash = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not valid JSON: ${e.message}`];
  }
  if (typeof dash.title !== 'string' || typeof dash.uid !== 'string')
    problems.push('the dashboard needs a title and a uid');
  const ids = new Set();
  let queries = 0;
  for (const panel of allPanels(dash.panels)) {
    const where = `panel ${panel.id} "${panel.title}"`;
    if (ids.has(panel.id))
      problems.push(`${where}: id ${panel.id} is used twice`);
    ids.add(panel.id);
    if (panel.type === 'row')
      continue;
    const targets = panel.targets || [];
    if (targets.length === 0)
      problems.push(`${where}: no queries`);
    for (const t of targets) {
      if (typeof t.expr !== 'string' || t.expr.trim() === '') {
        problems.push(`${where} query ${t.refId}: no PromQL expression`);
        continue;
      }
      queries++;
      let names;
      try {
        names = metricNames(t.expr);
      } catch (e) {
        problems.push(`${where} query ${t.refId}: ${e.message}`);
        continue;
      }
      if (names.length === 0)
        problems.push(`${where} query ${t.refId}: no metric in ${t.expr}`);
      for (const n of names) {
        if (!allowed.has(n))
          problems.push(`${where} query ${t.refId}: metric ${n} is not in docs/METRICS.md nor infra/grafana/external-metrics.txt`);
      }
      if (/histogram_quantile\s*\(/.test(t.expr) &&
          (!names.every(n => n.endsWith('_bucket')) || !/\bby\s*\(([^)]*\b)?le\b/.test(t.expr)))
        problems.push(`${where} query ${t.refId}: histogram_quantile must read _bucket series summed by le`);
    }
  }
  if (queries === 0)
    problems.push('no PromQL queries');
  return problems;
}

function main(argv) {
  let allowed;
  try {
    allowed = new Set([...contractNames(CONTRACT), ...externalNames(EXTERNAL)]);
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  const files = argv.length > 0 ? argv : fs.readdirSync(__dirname).filter(f => f.endsWith('.json')).sort()
    .map(f => path.relative(process.cwd(), path.join(__dirname, f)));
  if (files.length === 0) {
    console.error('no dashboards to check');
    return 1;
  }
  let failed = false;
  for (const file of files) {
    const problems = checkDashboard(file, allowed);
    for (const p of problems)
      console.error(`${file}: ${p}`);
    if (problems.length === 0)
      console.log(`ok ${file}`);
    failed ||= problems.length > 0;
  }
  return failed ? 1 : 0;
}

process.exit(main(process.argv.slice(2)));
