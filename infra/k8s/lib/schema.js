'use strict';
// Checks a manifest against the official Kubernetes OpenAPI schema of its apiVersion/kind, as compiled by the
// kubernetes-models package, and also rejects fields the schema does not know (as `kubectl apply
// --validate=strict` does). The schema alone allows unknown fields, so a typo such as `readinessprobe` would
// pass: a proxy records which fields the compiled validator looked at, and any other field is unknown.

const modelCache = new Map();

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return null;
  const module = apiVersion === 'v1' ? 'kubernetes-models/v1' : `kubernetes-models/${apiVersion}`;
  if (!modelCache.has(module)) {
    try {
      modelCache.set(module, await import(module));
    } catch {
      modelCache.set(module, null);
    }
  }
  const exports = modelCache.get(module);
  const model = exports ? exports[kind] : undefined;
  return typeof model === 'function' && model.kind === kind && model.apiVersion === apiVersion ? model : null;
}

function escapePointer(key) {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isMap(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Wraps VALUE so that reads and enumerations of every object inside it are logged by JSON pointer.
function track(value, pointer, log) {
  if (value === null || typeof value !== 'object')
    return value;
  const node = { value, read: new Set(), enumerated: false };
  log.set(pointer, node);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key))
        return v;
      node.read.add(key);
      if (v === null || typeof v !== 'object')
        return v;
      if (!children.has(key))
        children.set(key, track(v, `${pointer}/${escapePointer(key)}`, log));
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === 'string')
        node.read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      // The validator walks every key of free-form maps (labels, resource quantities): all are allowed.
      node.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

/**
 * Returns the problems of DOC as strings ("/spec/replicas must be integer"); an empty list when it is valid.
 * A document whose apiVersion/kind the schema set does not know is one problem.
 */
async function schemaProblems(doc) {
  const model = await modelFor(doc.apiVersion, doc.kind);
  if (!model)
    return [`apiVersion ${doc.apiVersion} kind ${doc.kind} has no Kubernetes schema`];
  const log = new Map();
  const data = JSON.parse(JSON.stringify(doc));
  try {
    model.prototype.validate.call(track(data, '', log));
  } catch (e) {
    if (!Array.isArray(e.errors))
      throw e;
    return e.errors.map(err => `${err.instancePath || '/'} ${err.message}`);
  }
  const unknown = [];
  for (const [pointer, node] of log) {
    if (!isMap(node.value) || node.enumerated)
      continue;
    for (const key of Object.keys(node.value)) {
      if (!node.read.has(key))
        unknown.push(`${pointer}/${escapePointer(key)} is not a field of the schema`);
    }
  }
  return unknown;
}

module.exports = { schemaProblems };
