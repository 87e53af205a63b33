// PrimeFunctions in Azure: a Flex Consumption function app (.NET 10 isolated) with Durable Functions on
// Azure Storage, reached only through a user-assigned managed identity, and Application Insights on
// Log Analytics. `azd up` deploys this file; it creates the resource group, the rest lives in modules.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of a user or group given data access to the storage account, so the deployer can inspect segments and manifests with Entra ID auth (shared keys are off). Empty: nobody.')
param principalId string = ''

@description('Whether principalId is a User, a Group or a ServicePrincipal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Memory of each Flex Consumption instance in MB; 2048 gives about one vCPU, 4096 about two. 512 is left out: two concurrent sieves of segments near 2^64 (~190 MB each) plus the host do not fit in it.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int = 100

@description('Extra app settings, for example the Primes__* options of the service.')
param appSettings object = {}

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    principalId: principalId
    principalType: principalType
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output SERVICE_API_NAME string = resources.outputs.functionAppName
output SERVICE_API_URI string = resources.outputs.functionAppUri
