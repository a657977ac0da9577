// Managed Prometheus for the cluster: a data collection endpoint and rule send what the AKS metrics add-on
// scrapes (including pods annotated prometheus.io/scrape, see docs/OPERATIONS.md) to the Azure Monitor
// workspace that Grafana reads.

@description('Azure region.')
param location string

@description('Prefix of the resource names.')
param namePrefix string

@description('Name of the AKS cluster.')
param clusterName string

@description('Resource id of the Azure Monitor workspace.')
param prometheusWorkspaceId string

@description('Tags for every resource.')
param tags object

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: clusterName
}

resource endpoint 'Microsoft.Insights/dataCollectionEndpoints@2023-03-11' = {
  name: '${namePrefix}-prometheus-dce'
  location: location
  tags: tags
  kind: 'Linux'
  properties: {}
}

resource rule 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: '${namePrefix}-prometheus-dcr'
  location: location
  tags: tags
  kind: 'Linux'
  properties: {
    dataCollectionEndpointId: endpoint.id
    dataSources: {
      prometheusForwarder: [
        {
          name: 'PrometheusDataSource'
          streams: [
            'Microsoft-PrometheusMetrics'
          ]
          labelIncludeFilter: {}
        }
      ]
    }
    destinations: {
      monitoringAccounts: [
        {
          name: 'zkpotPrometheus'
          accountResourceId: prometheusWorkspaceId
        }
      ]
    }
    dataFlows: [
      {
        streams: [
          'Microsoft-PrometheusMetrics'
        ]
        destinations: [
          'zkpotPrometheus'
        ]
      }
    ]
  }
}

resource ruleAssociation 'Microsoft.Insights/dataCollectionRuleAssociations@2023-03-11' = {
  scope: cluster
  name: '${namePrefix}-prometheus-dcra'
  properties: {
    dataCollectionRuleId: rule.id
  }
}

// The metrics add-on fetches its configuration through the endpoint; Azure requires this association name.
resource endpointAssociation 'Microsoft.Insights/dataCollectionRuleAssociations@2023-03-11' = {
  scope: cluster
  name: 'configurationAccessEndpoint'
  properties: {
    dataCollectionEndpointId: endpoint.id
  }
}
