// Monitoring: Log Analytics (container logs), an Azure Monitor workspace (managed Prometheus, the silos'
// /metrics) and Azure Managed Grafana reading both; infra/grafana/zkpot-dashboard.json is imported into it.

@description('Azure region.')
param location string

@description('Prefix of the resource names.')
param namePrefix string

@description('Days Log Analytics keeps container logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int

@description('Object id of a user or group made Grafana Admin; empty for none.')
param grafanaAdminObjectId string

@description('Tags for every resource.')
param tags object

var monitoringDataReader = 'b0d8363b-8ddd-447d-831f-62ca05bff136'
var grafanaAdmin = '22926164-76b3-42b3-bc55-97df8dab3e41'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource prometheus 'Microsoft.Monitor/accounts@2023-04-03' = {
  name: '${namePrefix}-prometheus'
  location: location
  tags: tags
}

resource grafana 'Microsoft.Dashboard/grafana@2023-09-01' = {
  name: '${namePrefix}-grafana'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
    zoneRedundancy: 'Disabled'
    grafanaIntegrations: {
      azureMonitorWorkspaceIntegrations: [
        {
          azureMonitorWorkspaceResourceId: prometheus.id
        }
      ]
    }
  }
}

// Grafana queries the Prometheus workspace and Log Analytics with its own identity.
resource grafanaReadsPrometheus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: prometheus
  name: guid(prometheus.id, grafana.id, monitoringDataReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringDataReader)
    principalId: grafana.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource grafanaReadsLogs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: logs
  name: guid(logs.id, grafana.id, monitoringDataReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringDataReader)
    principalId: grafana.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource grafanaAdminRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(grafanaAdminObjectId)) {
  scope: grafana
  name: guid(grafana.id, grafanaAdminObjectId, grafanaAdmin)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grafanaAdmin)
    principalId: grafanaAdminObjectId
  }
}

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsId string = logs.id

@description('Resource id of the Azure Monitor (Prometheus) workspace.')
output prometheusWorkspaceId string = prometheus.id

@description('Name of the Azure Monitor workspace.')
output prometheusWorkspaceName string = prometheus.name

@description('Grafana URL.')
output grafanaEndpoint string = grafana.properties.endpoint

@description('Name of the Grafana instance.')
output grafanaName string = grafana.name
