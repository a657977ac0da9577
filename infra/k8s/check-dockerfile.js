#!/usr/bin/env node
'use strict';
// Static checks of the silo Dockerfile (no Docker engine is needed): two stages on .NET 10 images pinned to a
// 10.0 tag, a non-root final stage, the silo project published from a path that exists, every project it
// references copied into the build stage, the entry point naming the published assembly, the silo ports exposed.
// Usage: node infra/k8s/check-dockerfile.js [--root REPO] [DOCKERFILE]
//   REPO defaults to the repository holding this script, DOCKERFILE to REPO/infra/k8s/Dockerfile.
// Exit code: 0 all checks hold, 1 a check failed, 2 the file could not be read.
const fs = require('fs');
const path = require('path');

const SILO_PROJECT = 'silo/ZkPot.Silo/ZkPot.Silo.csproj';
const PORTS = ['8080', '11111', '30000'];
const IMAGE = /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps):(10\.0(?:\.\d+)?(?:-[a-z0-9.-]+)?)(@sha256:[0-9a-f]{64})?$/;

/** Splits a Dockerfile into instructions { keyword, args, line }, joining continued lines. */
function parse(text) {
  const instructions = [];
  let pending = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (pending === null && (line === '' || line.startsWith('#')))
      return;
    if (pending !== null && line.startsWith('#'))
      return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    pending = pending === null ? { text: body, line: i + 1 } : { text: `${pending.text} ${body}`, line: pending.line };
    if (!continued) {
      const m = /^(\S+)\s*(.*)$/.exec(pending.text.trim());
      instructions.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: pending.line });
      pending = null;
    }
  });
  return instructions;
}

function stagesOf(instructions) {
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ image: m ? m[1] : ins.args, name: m && m[2] ? m[2].toLowerCase() : undefined, line: ins.line, body: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].body.push(ins);
    }
  }
  return stages;
}

function projectReferences(project) {
  const text = fs.readFileSync(project, 'utf8');
  const refs = [];
  for (const m of text.matchAll(/<ProjectReference\s+Include="([^"]+)"/g))
    refs.push(path.resolve(path.dirname(project), m[1].replace(/\\/g, '/')));
  return refs;
}

function assemblyName(project) {
  const m = /<AssemblyName>([^<]+)<\/AssemblyName>/.exec(fs.readFileSync(project, 'utf8'));
  return m ? m[1].trim() : path.basename(project, '.csproj');
}

function check(file, ROOT) {
  const problems = [];
  const instructions = parse(fs.readFileSync(file, 'utf8'));
  const stages = stagesOf(instructions);
  const named = new Set(stages.map(s => s.name).filter(Boolean));

  if (stages.length < 2)
    problems.push(`expected a build stage and a runtime stage, found ${stages.length} FROM`);
  for (const s of stages) {
    if (named.has(s.image.toLowerCase()))
      continue; // FROM an earlier stage
    if (!IMAGE.test(s.image))
      problems.push(`line ${s.line}: FROM ${s.image} is not a .NET 10 image pinned to a 10.0 tag`);
  }
  if (stages.length >= 2) {
    const build = stages[0];
    const final = stages[stages.length - 1];
    if (!/\/dotnet\/sdk:/.test(build.image))
      problems.push(`line ${build.line}: the first stage must build with the .NET SDK image, not ${build.image}`);
    if (!/\/dotnet\/(aspnet|runtime):/.test(final.image))
      problems.push(`line ${final.line}: the final stage must run on the aspnet or runtime image, not ${final.image}`);

    const users = final.body.filter(i => i.keyword === 'USER');
    const user = users.length > 0 ? users[users.length - 1].args.split(':')[0] : undefined;
    if (user === undefined || user === 'root' || user === '0')
      problems.push(`the final stage must switch to a non-root USER (found ${user === undefined ? 'none' : user})`);

    const exposed = final.body.filter(i => i.keyword === 'EXPOSE').flatMap(i => i.args.split(/\s+/).map(p => p.split('/')[0]));
    for (const port of PORTS) {
      if (!exposed.includes(port))
        problems.push(`the final stage must EXPOSE ${port}`);
    }

    for (const s of stages) {
      for (const ins of s.body.filter(i => i.keyword === 'COPY')) {
        const from = /--from=(\S+)/.exec(ins.args);
        if (from && !named.has(from[1].toLowerCase()))
          problems.push(`line ${ins.line}: COPY --from=${from[1]} names no earlier stage`);
      }
    }

    const buildText = build.body.map(i => i.args).join('\n');
    if (!buildText.includes(`dotnet publish ${SILO_PROJECT}`))
      problems.push(`the build stage must run dotnet publish ${SILO_PROJECT}`);
    const copied = build.body.filter(i => i.keyword === 'COPY' && !/--from=/.test(i.args))
      .flatMap(i => i.args.split(/\s+/).filter(a => !a.startsWith('--')).slice(0, -1));
    for (const source of copied) {
      if (!fs.existsSync(path.join(ROOT, source)))
        problems.push(`COPY source ${source} does not exist in the repository`);
    }
    const project = path.join(ROOT, SILO_PROJECT);
    if (!fs.existsSync(project)) {
      problems.push(`${SILO_PROJECT} does not exist in the repository`);
    } else {
      const covered = p => copied.some(c => (path.relative(path.join(ROOT, c), p) || '.').split(path.sep)[0] !== '..');
      const seen = new Set();
      const queue = [project];
      while (queue.length > 0) {
        const p = queue.pop();
        if (seen.has(p))
          continue;
        seen.add(p);
        if (!fs.existsSync(p)) {
          problems.push(`${path.relative(ROOT, p)} is referenced but does not exist`);
          continue;
        }
        if (!covered(p))
          problems.push(`${path.relative(ROOT, p)} is in the silo's project graph but not copied into the build stage`);
        queue.push(...projectReferences(p));
      }
      const entry = final.body.filter(i => i.keyword === 'ENTRYPOINT').pop();
      const dll = `${assemblyName(project)}.dll`;
      if (!entry || !entry.args.includes(`"${dll}"`))
        problems.push(`the final stage's ENTRYPOINT must run ${dll}`);
    }
  }
  return problems;
}

function main(argv) {
  let root = path.resolve(__dirname, '..', '..');
  const rootAt = argv.indexOf('--root');
  if (rootAt >= 0) {
    root = path.resolve(argv[rootAt + 1] || '.');
    argv = argv.filter((_, i) => i !== rootAt && i !== rootAt + 1);
  }
  const file = argv[0] || path.join(root, 'infra', 'k8s', 'Dockerfile');
  let problems;
  try {
    problems = check(file, root);
  } catch (e) {
    console.error(`${file}: cannot check: ${e.message}`);
    return 2;
  }
  for (const p of problems)
    console.error(`${file}: ${p}`);
  if (problems.length === 0)
    console.log(`ok ${path.relative(process.cwd(), file)}`);
  return problems.length === 0 ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
