// The silo's user-assigned managed identity. Pods reach it through Azure workload identity (the federated
// credential is created in workload-identity.bicep once the cluster's OIDC issuer exists).

@description('Azure region.')
param location string

@description('Name of the identity.')
param name string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id: the azure.workload.identity/client-id annotation of the silo service account.')
output clientId string = identity.properties.clientId

@description('Principal (object) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
