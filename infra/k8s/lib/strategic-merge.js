'use strict';
// Strategic-merge patch as Kubernetes defines it for the fields these manifests patch: maps merge key by
// key, a null value deletes, lists of named things merge by their merge key, every other list is replaced.

// Merge keys of the core types (from the patchMergeKey markers of the Kubernetes API types).
const MERGE_KEYS = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

function isMap(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeKeyFor(field, base, patch) {
  if (field === 'ports') {
    // Container ports merge on containerPort, Service ports on port.
    const sample = [...base, ...patch].find(isMap);
    return sample && 'containerPort' in sample ? 'containerPort' : 'port';
  }
  return MERGE_KEYS[field];
}

function mergeList(field, base, patch) {
  const key = mergeKeyFor(field, base, patch);
  if (!key || !base.every(isMap) || !patch.every(isMap))
    return clone(patch);
  const out = base.map(clone);
  for (const item of patch) {
    if (item[key] === undefined)
      throw new Error(`strategic merge: an item of '${field}' lacks its merge key '${key}'`);
    const at = out.findIndex(b => b[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0)
        out.splice(at, 1);
    } else if (at >= 0) {
      out[at] = strategicMerge(out[at], item);
    } else {
      out.push(clone(item));
    }
  }
  return out;
}

function clone(v) {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/** Returns BASE with PATCH applied; neither argument is changed. */
function strategicMerge(base, patch) {
  if (!isMap(base) || !isMap(patch))
    return clone(patch);
  const out = clone(base);
  for (const [field, value] of Object.entries(patch)) {
    if (value === null)
      delete out[field];
    else if (Array.isArray(value) && Array.isArray(out[field]))
      out[field] = mergeList(field, out[field], value);
    else if (isMap(value) && isMap(out[field]))
      out[field] = strategicMerge(out[field], value);
    else
      out[field] = clone(value);
  }
  return out;
}

module.exports = { strategicMerge };
