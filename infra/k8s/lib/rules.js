'use strict';
// Project rules the Kubernetes schema cannot express: the silo's contract (ports, health endpoints,
// configuration names, Orleans pod environment) and references between the rendered documents.

const { podSpecs } = require('./kustomize');

// Configuration the silo reads (silo/ZkPot.Silo); any other ZKPOT_ name is a typo the silo would ignore.
const SILO_SETTINGS = new Set([
  'ZKPOT_PROFILE', 'ZKPOT_SILO_GPU', 'ZKPOT_SILO_ENGINE', 'ZKPOT_SILO_OWNER', 'ZKPOT_STORAGE_CONNECTION',
  'ZKPOT_STORAGE_ACCOUNT_URI', 'ZKPOT_CLUSTER_ID', 'ZKPOT_SERVICE_ID', 'OTEL_EXPORTER_OTLP_ENDPOINT',
]);
const PROFILES = new Set(['Local', 'Azure', 'Kubernetes']);
const SILO_PORTS = { silo: 11111, gateway: 30000, http: 8080 };
const POD_FIELDS = { POD_NAME: 'metadata.name', POD_NAMESPACE: 'metadata.namespace', POD_IP: 'status.podIP' };
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass']);
const GPU = 'nvidia.com/gpu';

function name(doc) {
  return `${doc.kind} ${(doc.metadata || {}).name}`;
}

function selects(selector, labels) {
  const want = (selector && (selector.matchLabels || selector)) || {};
  return Object.keys(want).length > 0 && Object.entries(want).every(([k, v]) => (labels || {})[k] === v);
}

function checkConfigMap(doc, problems) {
  for (const [key, value] of Object.entries(doc.data || {})) {
    if (key.startsWith('ZKPOT_') && !SILO_SETTINGS.has(key))
      problems.push(`${name(doc)}: data.${key} is not a setting the silo reads`);
    if (key === 'ZKPOT_PROFILE' && !PROFILES.has(value))
      problems.push(`${name(doc)}: ZKPOT_PROFILE is '${value}', expected one of ${[...PROFILES].join(', ')}`);
  }
}

function checkSiloContainer(doc, pod, c, byKind, problems) {
  const where = `${name(doc)} container ${c.name}`;
  const ports = Object.fromEntries((c.ports || []).map(p => [p.name, p.containerPort]));
  for (const [portName, number] of Object.entries(SILO_PORTS)) {
    if (ports[portName] !== number)
      problems.push(`${where}: port '${portName}' must be ${number} (found ${ports[portName]})`);
  }
  const probes = { readinessProbe: '/health/ready', livenessProbe: '/health/live' };
  for (const [probe, path] of Object.entries(probes)) {
    const get = c[probe] && c[probe].httpGet;
    if (!get || get.path !== path)
      problems.push(`${where}: ${probe} must GET ${path}`);
    else if (get.port !== 'http' && get.port !== SILO_PORTS.http)
      problems.push(`${where}: ${probe} must use the http port ${SILO_PORTS.http}`);
  }
  if (typeof c.image !== 'string' || !/[:@]/.test(c.image.slice(c.image.lastIndexOf('/'))) || c.image.endsWith(':latest'))
    problems.push(`${where}: image '${c.image}' must carry a fixed tag or digest`);

  const env = new Map((c.env || []).map(e => [e.name, e]));
  for (const [variable, field] of Object.entries(POD_FIELDS)) {
    const e = env.get(variable);
    const ref = e && e.valueFrom && e.valueFrom.fieldRef && e.valueFrom.fieldRef.fieldPath;
    if (ref !== field)
      problems.push(`${where}: ${variable} must come from the downward API field ${field}`);
  }
  for (const e of c.env || []) {
    if (e.name.startsWith('ZKPOT_') && !SILO_SETTINGS.has(e.name))
      problems.push(`${where}: env ${e.name} is not a setting the silo reads`);
  }
  const configMaps = (c.envFrom || []).filter(s => s.configMapRef).map(s => s.configMapRef.name);
  for (const cm of configMaps) {
    if (!byKind('ConfigMap').some(d => d.metadata.name === cm))
      problems.push(`${where}: envFrom names ConfigMap ${cm}, which is not in the rendered set`);
  }

  const gpuLimit = ((c.resources || {}).limits || {})[GPU];
  const gpuEnv = env.get('ZKPOT_SILO_GPU');
  const saysGpu = gpuEnv !== undefined && gpuEnv.value === 'true';
  if (!gpuEnv || (gpuEnv.value !== 'true' && gpuEnv.value !== 'false'))
    problems.push(`${where}: ZKPOT_SILO_GPU must be set to "true" or "false"`);
  if (saysGpu !== (gpuLimit !== undefined))
    problems.push(`${where}: ZKPOT_SILO_GPU=${gpuEnv && gpuEnv.value} but resources.limits.${GPU} is ${gpuLimit}`);
  if (saysGpu) {
    const tolerates = (pod.tolerations || []).some(t => t.key === 'sku' && t.value === 'gpu' && t.effect === 'NoSchedule');
    if (!tolerates || !pod.nodeSelector)
      problems.push(`${name(doc)}: a GPU silo needs a nodeSelector and a toleration for sku=gpu:NoSchedule`);
  }
}

function checkWorkload(doc, byKind, configValue, problems) {
  const spec = doc.spec || {};
  const template = spec.template || {};
  const labels = (template.metadata || {}).labels || {};
  const annotations = (template.metadata || {}).annotations || {};
  if (!selects(spec.selector, labels))
    problems.push(`${name(doc)}: spec.selector does not match the pod template labels`);
  for (const pod of podSpecs(doc)) {
    if (pod.serviceAccountName && !byKind('ServiceAccount').some(d => d.metadata.name === pod.serviceAccountName))
      problems.push(`${name(doc)}: serviceAccountName ${pod.serviceAccountName} is not in the rendered set`);
    const silo = (pod.containers || []).find(c => c.name === 'silo');
    if (!silo) {
      problems.push(`${name(doc)}: no container named silo`);
      continue;
    }
    checkSiloContainer(doc, pod, silo, byKind, problems);
  }
  if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/port'] !== String(SILO_PORTS.http) ||
      annotations['prometheus.io/path'] !== '/metrics')
    problems.push(`${name(doc)}: pod template needs prometheus.io/scrape "true", port "${SILO_PORTS.http}", path /metrics`);
  for (const [label, setting] of [['orleans/clusterId', 'ZKPOT_CLUSTER_ID'], ['orleans/serviceId', 'ZKPOT_SERVICE_ID']]) {
    if (labels[label] !== configValue(setting))
      problems.push(`${name(doc)}: pod label ${label}=${labels[label]} differs from ${setting}=${configValue(setting)}`);
  }
}

/** Returns the rule violations of a rendered set of documents as strings; empty when all hold. */
function ruleProblems(docs) {
  const problems = [];
  const byKind = kind => docs.filter(d => d.kind === kind);
  const namespaces = new Set(byKind('Namespace').map(d => d.metadata.name));
  const configValue = setting => {
    const values = byKind('ConfigMap').map(d => (d.data || {})[setting]).filter(v => v !== undefined);
    return values.length === 1 ? values[0] : undefined;
  };

  for (const doc of docs) {
    const ns = (doc.metadata || {}).namespace;
    if (!CLUSTER_SCOPED.has(doc.kind) && !namespaces.has(ns))
      problems.push(`${name(doc)}: namespace ${ns} is not created by this set`);
  }
  byKind('ConfigMap').forEach(d => checkConfigMap(d, problems));
  byKind('Deployment').forEach(d => checkWorkload(d, byKind, configValue, problems));

  const podLabels = byKind('Deployment').map(d => ((d.spec.template || {}).metadata || {}).labels || {});
  for (const svc of byKind('Service')) {
    if (!podLabels.some(l => selects(svc.spec.selector, l)))
      problems.push(`${name(svc)}: selector matches no Deployment's pods`);
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!podLabels.some(l => selects(pdb.spec.selector, l)))
      problems.push(`${name(pdb)}: selector matches no Deployment's pods`);
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec.scaleTargetRef;
    if (!byKind(ref.kind).some(d => d.metadata.name === ref.name))
      problems.push(`${name(hpa)}: scaleTargetRef ${ref.kind} ${ref.name} is not in the rendered set`);
    if (hpa.spec.minReplicas > hpa.spec.maxReplicas)
      problems.push(`${name(hpa)}: minReplicas ${hpa.spec.minReplicas} exceeds maxReplicas ${hpa.spec.maxReplicas}`);
  }
  return problems;
}

module.exports = { ruleProblems };
