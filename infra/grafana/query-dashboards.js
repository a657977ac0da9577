#!/usr/bin/env node
'use strict';
// Evaluates every PromQL query of Grafana dashboards against a running Prometheus, one instant query each through
// its HTTP API (/api/v1/query, at the time of the call); every query must return at least one series.
// Grafana's variables are replaced first: $__range and $__rate_interval (and $__interval) by the range given, so
// every window reaches back over the whole run being checked; the dashboard's own template variables by their
// current value. A variable with no value (such as a data source variable inside an expression) is an error.
// Usage: node infra/grafana/query-dashboards.js --prometheus URL --range DURATION [DASHBOARD.json...]
//   DURATION: seconds, or a number with s, m or h (90, 90s, 5m); default dashboards: infra/grafana/*.json
// Exit code: 0 every query returned series, 1 a query returned none or Prometheus refused it, 2 bad usage or
// Prometheus could not be reached.
const fs = require('fs');
const path = require('path');
const { allPanels } = require('./panels');

const UNITS = { s: 1, m: 60, h: 3600 };

class UsageError extends Error {}
class Unreachable extends Error {}

function parseArguments(argv) {
  const options = { prometheus: null, rangeSeconds: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--prometheus' || a === '--range') {
      if (i + 1 >= argv.length)
        throw new UsageError(`${a} needs a value`);
      const value = argv[++i];
      if (a === '--prometheus') {
        options.prometheus = value.replace(/\/+$/, '');
      } else {
        const m = /^([0-9]+)([smh]?)$/.exec(value);
        if (!m || Number(m[1]) === 0)
          throw new UsageError(`--range must be a positive duration such as 90s or 5m, got '${value}'`);
        options.rangeSeconds = Number(m[1]) * UNITS[m[2] || 's'];
      }
    } else if (a.startsWith('--')) {
      throw new UsageError(`unknown option ${a}`);
    } else {
      options.files.push(a);
    }
  }
  if (!options.prometheus || !options.rangeSeconds)
    throw new UsageError('usage: query-dashboards.js --prometheus URL --range DURATION [DASHBOARD.json...]');
  return options;
}

/** The value of every variable an expression may use: Grafana's built-ins, then the dashboard's own. */
function variableValues(dash, rangeSeconds) {
  const values = new Map([
    ['__range', `${rangeSeconds}s`], ['__range_s', `${rangeSeconds}`], ['__range_ms', `${rangeSeconds * 1000}`],
    ['__rate_interval', `${rangeSeconds}s`], ['__interval', `${rangeSeconds}s`], ['__interval_ms', `${rangeSeconds * 1000}`],
  ]);
  for (const v of (dash.templating && dash.templating.list) || []) {
    const current = v.current && v.current.value;
    if (typeof current === 'string' && current !== '')
      values.set(v.name, current);
    else if (Array.isArray(current) && current.length > 0)
      values.set(v.name, `(${current.join('|')})`);
  }
  return values;
}

/** EXPR with $name, ${name} and ${name:format} replaced; throws naming the first variable without a value. */
function substitute(expr, values) {
  return expr.replace(/\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z0-9_]+)/g, (whole, braced, bare) => {
    const name = braced || bare;
    if (!values.has(name))
      throw new Error(`variable $${name} has no value to check with`);
    return values.get(name);
  });
}

/** Runs one instant query; returns the number of series, or throws with Prometheus' own error. */
async function seriesCount(prometheus, query) {
  let response;
  try {
    response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(query)}`);
  } catch (e) {
    throw new Unreachable(`cannot reach Prometheus at ${prometheus}: ${e.cause ? e.cause.message : e.message}`);
  }
  const body = await response.json().catch(() => null);
  if (!body || body.status !== 'success')
    throw new Error(`Prometheus refused it (HTTP ${response.status}): ${body ? `${body.errorType}: ${body.error}` : 'no JSON answer'}`);
  const { resultType, result } = body.data;
  return resultType === 'vector' || resultType === 'matrix' ? result.length : 0;
}

/** Every problem of one dashboard, and how many queries it has. */
async function checkDashboard(file, options) {
  let dash;
  try {
    dash = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { problems: [`cannot read the dashboard: ${e.message}`], queries: 0 };
  }
  const values = variableValues(dash, options.rangeSeconds);
  const problems = [];
  let queries = 0;
  for (const panel of allPanels(dash.panels)) {
    for (const t of panel.targets || []) {
      if (typeof t.expr !== 'string' || t.expr.trim() === '')
        continue; // check-dashboards.js reports a query without an expression
      queries++;
      const where = `panel ${panel.id} "${panel.title}" query ${t.refId}`;
      try {
        const query = substitute(t.expr, values);
        if (await seriesCount(options.prometheus, query) === 0)
          problems.push(`${where}: no series for ${t.expr}${query === t.expr ? '' : ` (evaluated as ${query})`}`);
      } catch (e) {
        if (e instanceof Unreachable)
          throw e;
        problems.push(`${where}: ${t.expr}: ${e.message}`);
      }
    }
  }
  if (queries === 0)
    problems.push('no PromQL queries');
  return { problems, queries };
}

async function main(argv) {
  let options;
  try {
    options = parseArguments(argv);
  } catch (e) {
    if (!(e instanceof UsageError))
      throw e;
    console.error(e.message);
    return 2;
  }
  const files = options.files.length > 0 ? options.files : fs.readdirSync(__dirname).filter(f => f.endsWith('.json')).sort()
    .map(f => path.relative(process.cwd(), path.join(__dirname, f)));
  let failed = false;
  for (const file of files) {
    let outcome;
    try {
      outcome = await checkDashboard(file, options);
    } catch (e) {
      if (!(e instanceof Unreachable))
        throw e;
      console.error(`${file}: ${e.message}`);
      return 2;
    }
    for (const p of outcome.problems)
      console.error(`${file}: ${p}`);
    if (outcome.problems.length === 0)
      console.log(`ok ${file} (${outcome.queries} queries returned series)`);
    failed ||= outcome.problems.length > 0;
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(code => process.exit(code));
