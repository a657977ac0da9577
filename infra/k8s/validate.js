#!/usr/bin/env node
'use strict';
// Renders kustomizations offline and checks every document: against the Kubernetes schema of its kind
// (unknown fields included) and against the project rules in lib/rules.js.
// Usage: node infra/k8s/validate.js [--print] [KUSTOMIZATION_DIR...]   (default: every folder under infra/k8s/overlays)
//   --print writes the rendered documents as one JSON array per folder to stdout instead of checking them.
// Exit code: 0 all valid, 1 a document or rule failed, 2 a kustomization could not be rendered.
const fs = require('fs');
const path = require('path');
const { render, identity } = require('./lib/kustomize');
const { schemaProblems } = require('./lib/schema');
const { ruleProblems } = require('./lib/rules');

function defaultTargets() {
  const overlays = path.join(__dirname, 'overlays');
  return fs.readdirSync(overlays).sort().map(d => path.relative(process.cwd(), path.join(overlays, d)))
    .filter(d => fs.statSync(d).isDirectory());
}

async function main(argv) {
  const print = argv[0] === '--print';
  const folders = print ? argv.slice(1) : argv;
  const targets = folders.length > 0 ? folders : defaultTargets();
  let failed = false;
  for (const target of targets) {
    let resources;
    try {
      resources = render(target);
    } catch (e) {
      console.error(`${target}: cannot render: ${e.message}`);
      return 2;
    }
    if (print) {
      console.log(JSON.stringify(resources.map(r => r.doc)));
      continue;
    }
    const problems = [];
    for (const r of resources) {
      for (const p of await schemaProblems(r.doc))
        problems.push(`${identity(r.doc)} (${r.source}): ${p}`);
    }
    problems.push(...ruleProblems(resources.map(r => r.doc)));
    if (problems.length > 0) {
      failed = true;
      for (const p of problems)
        console.error(`${target}: ${p}`);
    } else {
      console.log(`ok ${target}: ${resources.length} documents (${resources.map(r => identity(r.doc)).join(', ')})`);
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(code => process.exit(code), e => {
  console.error(e.stack || String(e));
  process.exit(2);
});
