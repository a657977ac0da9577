// Container registry for the silo image; the AKS kubelet identity may pull from it; no admin user (no shared
// password): pushes use Entra ID.

@description('Azure region.')
param location string

@description('Globally unique registry name (5-50 letters and digits).')
@minLength(5)
@maxLength(50)
param name string

@description('Principal id of the AKS kubelet identity.')
param kubeletPrincipalId string

@description('Tags for every resource.')
param tags object

var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, kubeletPrincipalId, acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
    principalId: kubeletPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('Login server, the image prefix of the kustomize overlays (for example zkpotprod.azurecr.io).')
output loginServer string = registry.properties.loginServer
