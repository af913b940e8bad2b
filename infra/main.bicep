// SST Bridge in one resource group: a user-assigned managed identity that is both the bot's identity and
// the data-plane identity for Cosmos DB, the Azure Bot (Teams channel), an App Service plan and Linux web app
// on Node 24 LTS, Cosmos DB with key auth disabled, and a Log Analytics workspace for the app's logs.
// No secret exists anywhere: the bot authenticates as the managed identity (UserAssignedMSI), and so does
// the store. docs/deploy.md walks through deploying it; test/infra/main-bicep.test.ts keeps it in step with
// the code (container definitions, environment variables).
//
//   az deployment group create --resource-group <rg> --template-file infra/main.bicep \
//     --parameters @infra/main.parameters.json

targetScope = 'resourceGroup'

@description('Short name that the resource names are made from, e.g. sst-bridge-prod. Lower case letters, digits and -.')
@minLength(3)
@maxLength(30)
param baseName string

@description('Azure region of every resource except the bot (the Azure Bot resource is global).')
param location string = resourceGroup().location

@description('Name of the web app; the bot answers at https://<default host name>/api/messages.')
param appName string = '${baseName}-app'

@description('Name of the App Service plan.')
param planName string = '${baseName}-plan'

@description('Name of the user-assigned managed identity (the bot\'s app id is its client id).')
param identityName string = '${baseName}-id'

@description('Name of the Azure Bot resource (globally unique).')
param botName string = '${baseName}-bot'

@description('Display name of the bot in the Azure portal. The name people see in Teams comes from the app package (manifest/).')
param botDisplayName string = 'SST Bridge'

@description('Azure Bot pricing tier. Teams is a standard channel: messages are free on both; S1 carries the SLA.')
@allowed(['F0', 'S1'])
param botSku string = 'S1'

@description('Name of the Cosmos DB account (globally unique, 3-44 lower case letters, digits and -).')
@minLength(3)
@maxLength(44)
param cosmosAccountName string = '${baseName}-cosmos'

@description('Name of the Log Analytics workspace that receives the app\'s console and HTTP logs.')
param logAnalyticsName string = '${baseName}-logs'

@description('App Service plan SKU. Premium v3 gives zone redundancy, deployment slots and enough memory for two instances.')
param appServiceSku string = 'P0v3'

@description('Number of web app instances. The store makes two or more safe; see docs/deploy.md for what is counted per instance.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Spread the plan\'s instances over availability zones (needs a Premium SKU and a region with zones).')
param zoneRedundant bool = false

@description('serverless: pay per request unit, for the city\'s volume (thousands of cases a year). provisioned: autoscale throughput shared by the database.')
@allowed(['serverless', 'provisioned'])
param cosmosCapacityMode string = 'serverless'

@description('With provisioned capacity: the autoscale maximum in RU/s shared by all containers (it scales down to a tenth).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'sst-bridge'

@description('Default consistency. Session suits one region; Strong removes the short window in which another instance may not yet see a case just written (docs/cosmos.md), at twice the read cost.')
@allowed(['Session', 'BoundedStaleness', 'Strong'])
param cosmosConsistency string = 'Session'

@description('Continuous backup: point-in-time restore to any second within the last 7 or 30 days.')
@allowed(['Continuous7Days', 'Continuous30Days'])
param cosmosBackupTier string = 'Continuous30Days'

@description('Entra tenant ids whose activities the bot handles (ALLOWED_TENANTS); every other tenant is refused. The city\'s own tenant.')
@minLength(1)
param allowedTenantIds array = [subscription().tenantId]

@description('Absolute path of the routing directory in the app (DIRECTORY_FILE). docs/deploy.md: it is deployed with the package.')
param directoryFile string = '/home/site/wwwroot/directory/directory.yaml'

@description('LOG_LEVEL of the bot.')
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
param logLevel string = 'info'

@description('Days Log Analytics keeps the logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Tags put on every resource.')
param tags object = {}

// The containers the store expects, from the file the store itself reads (src/adapters/store/cosmos/cosmos-containers.ts).
var cosmosContainers = loadJsonContent('cosmos-containers.json').containers
var isServerless = cosmosCapacityMode == 'serverless'
// Cosmos DB Built-in Data Contributor: read, write and query items and read metadata; no database or container changes.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosAccountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: { defaultConsistencyLevel: cosmosConsistency }
    capabilities: isServerless ? [{ name: 'EnableServerless' }] : []
    // Only Entra ID: the account keys cannot be used, so there is no key to leak or rotate.
    disableLocalAuth: true
    // Databases and containers change only through ARM (this template), never through the data plane.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: cosmosBackupTier }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
    options: isServerless ? {} : { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } }
  }
}

// One container per entry of cosmos-containers.json, with its partition key and indexing policy as they are there.
resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in items(cosmosContainers): {
    parent: database
    name: container.value.id
    properties: {
      resource: {
        id: container.value.id
        partitionKey: container.value.partitionKey
        indexingPolicy: container.value.indexingPolicy
      }
    }
  }
]

// The identity may read and write items in this database only (docs/cosmos.md lists the actions the store uses).
resource cosmosDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: '${cosmos.id}/dbs/${cosmosDatabaseName}'
  }
  dependsOn: [database]
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Bot Connector calls are not sticky to a user; any instance answers any activity.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      // Runs the built output (dist/) with node; the package is built before it is deployed (docs/deploy.md).
      appCommandLine: 'npm start'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      webSocketsEnabled: false
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'STORE'
          value: 'cosmos'
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmos.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabaseName
        }
        {
          name: 'COSMOS_PROVISION'
          value: 'verify'
        }
        {
          name: 'COSMOS_MANAGED_IDENTITY_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'ALLOWED_TENANTS'
          value: join(allowedTenantIds, ',')
        }
        {
          name: 'DIRECTORY_FILE'
          value: directoryFile
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          // The package is built and its production dependencies installed before the zip deploy.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
}

// Deployments sign in with Entra ID (az webapp deploy); no FTP or basic-auth publishing credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

// The bot's structured logs (stdout, one JSON object per line, never pupil data) and the HTTP log.
resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    // The bot is the managed identity: no app registration secret exists.
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

@description('The bot\'s app id: BOT_ID for npm run package (docs/teams-app.md).')
output botAppId string = identity.properties.clientId

@description('Where the bot answers; the Azure Bot\'s messaging endpoint.')
output messagingEndpoint string = 'https://${app.properties.defaultHostName}/api/messages'

@description('The web app\'s host name: BOT_DOMAIN for npm run package.')
output appHostName string = app.properties.defaultHostName

output cosmosEndpoint string = cosmos.properties.documentEndpoint
output containerIds array = [for (container, i) in items(cosmosContainers): containers[i].name]
output logAnalyticsWorkspaceId string = logs.id
