// Everything inside the resource group. The app's identity is user-assigned so that its roles exist
// before the app starts and the Flex deployment container can be reached with it from the first deploy.
param location string
param tags object
param resourceToken string
param principalId string
param principalType string
param instanceMemoryMB int
param maximumInstanceCount int
param appSettings object

var functionAppName = 'func-${resourceToken}'
// Flex Consumption reads the app package from this container, with the app's identity.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${resourceToken}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: 'st${resourceToken}'
    deploymentContainerName: deploymentContainerName
  }
}

module roles 'app/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.properties.principalId
    principalId: principalId
    principalType: principalType
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${resourceToken}'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
  }
  // The host reaches storage and Application Insights with the identity at its first start.
  dependsOn: [
    roles
  ]
}

output functionAppName string = functionApp.outputs.name
output functionAppUri string = functionApp.outputs.uri
output storageAccountName string = storage.outputs.name
