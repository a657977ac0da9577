'use strict';
// Finds the metric names a PromQL expression reads. A small lexer, not a full parser: it drops strings,
// label matchers, range and subquery brackets, grouping clauses and Grafana variables, then every identifier
// that is not a function call, keyword or aggregation modifier is a metric name.

const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right',
  'offset', 'bool', 'atan2', 'inf', 'nan', 'start', 'end']);
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
// Aggregations may put their clause first: `sum by (le) (...)`.
const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values',
  'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);

function closing(text, open, from) {
  const close = { '{': '}', '[': ']', '(': ')' }[open];
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === open)
      depth++;
    else if (text[i] === close && --depth === 0)
      return i;
  }
  throw new Error(`unbalanced '${open}' at ${from} in ${text}`);
}

/** Returns the distinct metric names in EXPR, in order of appearance. */
function metricNames(expr) {
  // Grafana variables ($__rate_interval, ${datasource}) become a plain duration/word the lexer skips.
  let text = expr.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '5m');
  const names = [];
  const add = n => { if (!names.includes(n)) names.push(n); };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = text.indexOf(c, i + 1);
      if (end < 0)
        throw new Error(`unterminated string in ${expr}`);
      i = end + 1;
    } else if (c === '{') {
      const end = closing(text, '{', i);
      const byName = /__name__\s*=\s*"([^"]+)"/.exec(text.slice(i, end));
      if (byName)
        add(byName[1]);
      i = end + 1;
    } else if (c === '[') {
      i = closing(text, '[', i) + 1;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?(?:ms|[smhdwy])?)/.exec(text.slice(i));
      i += m ? m[0].length : 1;
    } else if (/[A-Za-z_:]/.test(c)) {
      const word = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(text.slice(i))[0];
      let j = i + word.length;
      while (j < text.length && /\s/.test(text[j]))
        j++;
      const lower = word.toLowerCase();
      if (GROUPING.has(lower) && text[j] === '(') {
        i = closing(text, '(', j) + 1; // label list, not metrics
      } else if (text[j] === '(' || KEYWORDS.has(lower) ||
          (AGGREGATIONS.has(lower) && /^(by|without)\s*\(/i.test(text.slice(j)))) {
        i += word.length; // function call or keyword
      } else {
        add(word);
        i += word.length;
      }
    } else {
      i++;
    }
  }
  return names;
}

module.exports = { metricNames };
