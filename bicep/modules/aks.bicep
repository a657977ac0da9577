// AKS: a system pool (Kubernetes add-ons and the CPU silos, autoscaled) and a GPU pool for the prover silos,
// tainted sku=gpu:NoSchedule so only pods that tolerate it (infra/k8s/base/deployment-gpu.yaml) land there.
// OIDC issuer and workload identity let the silo pods use the managed identity; Entra ID with Azure RBAC
// replaces local accounts.

@description('Azure region.')
param location string

@description('Cluster name.')
param name string

@description('Kubernetes version; empty takes the region default.')
param kubernetesVersion string

@description('VM size of the system pool.')
param systemVmSize string

@description('Smallest number of system nodes.')
@minValue(1)
param systemMinCount int

@description('Largest number of system nodes.')
@minValue(1)
param systemMaxCount int

@description('VM size of the GPU pool (an NVIDIA GPU size, for example Standard_NC4as_T4_v3 or Standard_NC40ads_H100_v5).')
param gpuVmSize string

@description('Smallest number of GPU nodes (0 lets the pool scale to nothing when no prover silo runs).')
@minValue(0)
param gpuMinCount int

@description('Largest number of GPU nodes.')
@minValue(1)
param gpuMaxCount int

@description('Availability zones for the node pools; empty for regions without zones.')
param zones array

@description('Resource id of the Log Analytics workspace for container logs.')
param logAnalyticsId string

@description('Tags for every resource.')
param tags object

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: 'Base'
    tier: 'Standard'
  }
  properties: {
    kubernetesVersion: empty(kubernetesVersion) ? null : kubernetesVersion
    dnsPrefix: name
    enableRBAC: true
    disableLocalAccounts: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
    }
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      loadBalancerSku: 'standard'
    }
    autoUpgradeProfile: {
      upgradeChannel: 'patch'
      nodeOSUpgradeChannel: 'NodeImage'
    }
    azureMonitorProfile: {
      metrics: {
        enabled: true
      }
    }
    addonProfiles: {
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: logAnalyticsId
          useAADAuth: 'true'
        }
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: systemVmSize
        osType: 'Linux'
        osSKU: 'AzureLinux'
        type: 'VirtualMachineScaleSets'
        availabilityZones: zones
        enableAutoScaling: true
        count: systemMinCount
        minCount: systemMinCount
        maxCount: systemMaxCount
        maxPods: 60
        upgradeSettings: {
          maxSurge: '33%'
        }
      }
    ]
  }
}

resource gpuPool 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {
  parent: cluster
  name: 'gpu'
  properties: {
    mode: 'User'
    vmSize: gpuVmSize
    osType: 'Linux'
    osSKU: 'Ubuntu'
    type: 'VirtualMachineScaleSets'
    availabilityZones: zones
    enableAutoScaling: true
    count: gpuMinCount
    minCount: gpuMinCount
    maxCount: gpuMaxCount
    nodeTaints: [
      'sku=gpu:NoSchedule'
    ]
    nodeLabels: {
      'zkpot.io/pool': 'gpu'
    }
    upgradeSettings: {
      maxSurge: '1'
    }
  }
}

@description('Cluster name.')
output name string = cluster.name

@description('Resource id of the cluster.')
output id string = cluster.id

@description('OIDC issuer URL, trusted by the silo identity\'s federated credential.')
output oidcIssuerUrl string = cluster.properties.oidcIssuerProfile.issuerURL

@description('Principal id of the kubelet identity, which pulls images.')
output kubeletPrincipalId string = cluster.properties.identityProfile.kubeletidentity.objectId
