'use strict';
// The subset of kustomize that infra/k8s uses: `resources` (files and kustomization folders), `patches`
// (strategic-merge patches from files or inline) and `images`. Anything else in a kustomization is an
// error, so a manifest never silently depends on a feature this renderer ignores.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const { strategicMerge } = require('./strategic-merge');

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'patches', 'images']);

/** Parses every YAML document of a file; each item is { doc, source } with source = "file#index". */
function readDocuments(file) {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = YAML.parseAllDocuments(text, { prettyErrors: true });
  const out = [];
  parsed.forEach((d, i) => {
    if (d.errors.length > 0)
      throw new Error(`${file}: YAML document ${i}: ${d.errors.map(e => e.message).join('; ')}`);
    const value = d.toJS();
    if (value === null || value === undefined)
      return;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${file}: YAML document ${i} is not a mapping`);
    out.push({ doc: value, source: `${file}#${i}` });
  });
  return out;
}

function kustomizationFile(dir) {
  for (const name of KUSTOMIZATION_FILES) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate))
      return candidate;
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

function identity(doc) {
  const meta = doc.metadata || {};
  return `${doc.kind}/${meta.namespace ? meta.namespace + '/' : ''}${meta.name}`;
}

function findTarget(resources, patch, where) {
  const meta = patch.metadata || {};
  const matches = resources.filter(r =>
    r.doc.kind === patch.kind && r.doc.apiVersion === patch.apiVersion &&
    (r.doc.metadata || {}).name === meta.name &&
    (meta.namespace === undefined || (r.doc.metadata || {}).namespace === meta.namespace));
  if (matches.length !== 1)
    throw new Error(`${where}: patch for ${identity(patch)} matches ${matches.length} resources (needs exactly one)`);
  return matches[0];
}

function imageName(image) {
  // Strip a digest, then a tag; a colon before the last slash belongs to a registry port.
  const noDigest = image.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function podSpecs(doc) {
  const spec = doc.spec || {};
  if (spec.template && spec.template.spec)
    return [spec.template.spec];
  if (doc.kind === 'Pod' && doc.spec)
    return [doc.spec];
  return [];
}

function applyImages(resources, images, where) {
  images.forEach((rule, i) => {
    if (!rule || typeof rule.name !== 'string')
      throw new Error(`${where}: images[${i}] needs a name`);
    let used = false;
    for (const r of resources) {
      for (const pod of podSpecs(r.doc)) {
        for (const c of [...(pod.initContainers || []), ...(pod.containers || [])]) {
          if (typeof c.image !== 'string' || imageName(c.image) !== rule.name)
            continue;
          const name = rule.newName || rule.name;
          c.image = rule.digest ? `${name}@${rule.digest}` : rule.newTag ? `${name}:${rule.newTag}` : name;
          used = true;
        }
      }
    }
    if (!used)
      throw new Error(`${where}: images[${i}] (${rule.name}) matches no container image`);
  });
}

/** Renders the kustomization in DIR to a list of { doc, source }, following resources recursively. */
function render(dir, seen = new Set()) {
  const full = path.resolve(dir);
  if (seen.has(full))
    throw new Error(`${dir}: kustomization cycle`);
  seen.add(full);
  const file = kustomizationFile(full);
  const k = YAML.parse(fs.readFileSync(file, 'utf8')) || {};
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field))
      throw new Error(`${file}: field '${field}' is not supported by infra/k8s/validate.js (supported: ${[...SUPPORTED_FIELDS].join(', ')})`);
  }
  if (k.kind !== undefined && k.kind !== 'Kustomization')
    throw new Error(`${file}: kind must be Kustomization, not ${k.kind}`);

  const resources = [];
  (k.resources || []).forEach((entry, i) => {
    if (typeof entry !== 'string')
      throw new Error(`${file}: resources[${i}] must be a path`);
    const target = path.resolve(full, entry);
    if (!fs.existsSync(target))
      throw new Error(`${file}: resources[${i}] ${entry} does not exist`);
    if (fs.statSync(target).isDirectory())
      resources.push(...render(target, new Set(seen)));
    else
      resources.push(...readDocuments(target));
  });

  (k.patches || []).forEach((entry, i) => {
    const where = `${file}: patches[${i}]`;
    if (!entry || (entry.path === undefined) === (entry.patch === undefined))
      throw new Error(`${where}: give exactly one of path or patch`);
    if (entry.target !== undefined)
      throw new Error(`${where}: target selectors are not supported; name the resource in the patch`);
    const docs = entry.path !== undefined
      ? readDocuments(path.resolve(full, entry.path))
      : YAML.parseAllDocuments(entry.patch).map((d, j) => ({ doc: d.toJS(), source: `${where}#${j}` }));
    for (const p of docs) {
      const target = findTarget(resources, p.doc, p.source);
      target.doc = strategicMerge(target.doc, p.doc);
    }
  });

  applyImages(resources, k.images || [], file);

  const names = new Set();
  for (const r of resources) {
    const id = identity(r.doc);
    if (names.has(id))
      throw new Error(`${file}: ${id} is defined twice (last in ${r.source})`);
    names.add(id);
  }
  return resources;
}

module.exports = { render, identity, readDocuments, podSpecs };
