// ZkPot on Azure: AKS (system + GPU pools), Storage (Blob + Table, managed identity only), a container
// registry, and monitoring (Log Analytics, managed Prometheus, Managed Grafana). Deploy with
//   az deployment group create -g RG -f bicep/main.bicep -p bicep/main.bicepparam
// The outputs are the silo's configuration (docs/OPERATIONS.md shows where each one goes).

targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Environment; it selects defaults and names.')
@allowed([
  'dev'
  'prod'
])
param environment string

@description('Prefix of resource names (letters and digits, at most 10).')
@minLength(3)
@maxLength(10)
param namePrefix string = 'zkpot'

@description('Kubernetes namespace of the silos (infra/k8s/base/namespace.yaml).')
param kubernetesNamespace string = 'zkpot'

@description('Service account of the silos (infra/k8s/base/serviceaccount.yaml).')
param serviceAccountName string = 'zkpot-silo'

@description('Whether the storage account accepts traffic from public networks.')
@allowed([
  'Enabled'
  'Disabled'
])
param storagePublicNetworkAccess string = 'Enabled'

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = environment == 'prod' ? 'Standard_ZRS' : 'Standard_LRS'

@description('Days deleted blobs stay recoverable (point-in-time restore reaches one day less).')
@minValue(2)
@maxValue(365)
param blobSoftDeleteDays int = 14

@description('Kubernetes version; empty takes the region default.')
param kubernetesVersion string = ''

@description('VM size of the AKS system pool, which also runs the CPU silos.')
param systemVmSize string = 'Standard_D4ds_v5'

@description('Smallest number of system nodes.')
@minValue(1)
param systemMinCount int = environment == 'prod' ? 3 : 1

@description('Largest number of system nodes.')
@minValue(1)
param systemMaxCount int = environment == 'prod' ? 10 : 3

@description('VM size of the GPU pool.')
param gpuVmSize string = 'Standard_NC4as_T4_v3'

@description('Smallest number of GPU nodes.')
@minValue(0)
param gpuMinCount int = 0

@description('Largest number of GPU nodes.')
@minValue(1)
param gpuMaxCount int = environment == 'prod' ? 4 : 1

@description('Availability zones of the node pools; empty where the region or the GPU size has none.')
param zones array = []

@description('Days Log Analytics keeps container logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Object id of a user or group made Grafana Admin; empty for none.')
param grafanaAdminObjectId string = ''

@description('Tags for every resource.')
param tags object = {
  application: 'zkpot'
  environment: environment
}

// Storage and registry names are global and allow no dashes: prefix, environment and a hash of the group.
var suffix = take(uniqueString(resourceGroup().id), 6)
var storageName = toLower('${namePrefix}${environment}${suffix}')
var registryName = toLower('${namePrefix}${environment}${suffix}')
var baseName = '${namePrefix}-${environment}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: '${baseName}-silo'
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: baseName
    logRetentionDays: logRetentionDays
    grafanaAdminObjectId: grafanaAdminObjectId
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: storageName
    skuName: storageSku
    publicNetworkAccess: storagePublicNetworkAccess
    softDeleteDays: blobSoftDeleteDays
    siloPrincipalId: identity.outputs.principalId
    tags: tags
  }
}

module aks 'modules/aks.bicep' = {
  name: 'aks'
  params: {
    location: location
    name: '${baseName}-aks'
    kubernetesVersion: kubernetesVersion
    systemVmSize: systemVmSize
    systemMinCount: systemMinCount
    systemMaxCount: systemMaxCount
    gpuVmSize: gpuVmSize
    gpuMinCount: gpuMinCount
    gpuMaxCount: gpuMaxCount
    zones: zones
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    tags: tags
  }
}

module workloadIdentity 'modules/workload-identity.bicep' = {
  name: 'workload-identity'
  params: {
    identityName: identity.outputs.name
    oidcIssuerUrl: aks.outputs.oidcIssuerUrl
    namespace: kubernetesNamespace
    serviceAccountName: serviceAccountName
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    name: registryName
    kubeletPrincipalId: aks.outputs.kubeletPrincipalId
    tags: tags
  }
}

module prometheusCollection 'modules/prometheus-collection.bicep' = {
  name: 'prometheus-collection'
  params: {
    location: location
    namePrefix: baseName
    clusterName: aks.outputs.name
    prometheusWorkspaceId: monitoring.outputs.prometheusWorkspaceId
    tags: tags
  }
}

@description('ZKPOT_STORAGE_ACCOUNT_URI of the silo (the ConfigMap in the kustomize overlay).')
output storageBlobUri string = storage.outputs.blobUri

@description('Table endpoint of the same account: Orleans clustering (membership table).')
output storageTableUri string = storage.outputs.tableUri

@description('Name of the storage account (backups and restores name it).')
output storageAccountName string = storage.outputs.name

@description('azure.workload.identity/client-id annotation of the silo service account.')
output siloIdentityClientId string = identity.outputs.clientId

@description('azure.workload.identity/tenant-id annotation of the silo service account.')
output tenantId string = tenant().tenantId

@description('AKS cluster name (az aks get-credentials -n).')
output aksClusterName string = aks.outputs.name

@description('Registry login server: the image prefix of the overlay (images.newName).')
output registryLoginServer string = registry.outputs.loginServer

@description('Grafana URL; import infra/grafana/zkpot-dashboard.json there.')
output grafanaEndpoint string = monitoring.outputs.grafanaEndpoint

@description('Name of the Grafana instance (az grafana dashboard import -n).')
output grafanaName string = monitoring.outputs.grafanaName
