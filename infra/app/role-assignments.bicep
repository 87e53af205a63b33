// Data-plane roles, since no setting holds a key. Durable Functions' Azure Storage provider needs blob
// (leases, large messages), queue (control and work-item queues) and table (history, instances) access;
// Blob Data Owner also covers the Flex deployment container. Metrics Publisher lets the identity send
// telemetry to an Application Insights component whose local auth is off.
param storageAccountName string
param applicationInsightsName string
param identityPrincipalId string
param principalId string
param principalType string

var storageRoles = [
  {
    name: 'Storage Blob Data Owner'
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  }
  {
    name: 'Storage Queue Data Contributor'
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  }
  {
    name: 'Storage Table Data Contributor'
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  }
]
var monitoringMetricsPublisherId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storageAccount.id, identityPrincipalId, role.id)
    scope: storageAccount
    properties: {
      description: '${role.name} for the function app'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, monitoringMetricsPublisherId)
  scope: applicationInsights
  properties: {
    description: 'Monitoring Metrics Publisher for the function app'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: if (!empty(principalId)) {
    name: guid(storageAccount.id, principalId, role.id)
    scope: storageAccount
    properties: {
      description: '${role.name} for the deployer'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: principalId
      principalType: principalType
    }
  }
]
