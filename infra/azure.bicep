// Rådslag in Azure: the container on App Service (Linux), PostgreSQL flexible server, Key Vault for its
// secrets, and the Azure Bot for Teams. One user-assigned managed identity is the bot's identity
// (BOT_TYPE=UserAssignedMSI), signs in to Graph (AAD_APP_CREDENTIAL=managedIdentity), pulls the image and
// reads the Key Vault: no client secret exists in Azure.

@description('Names every resource: e.g. radslagdev.')
@minLength(3)
@maxLength(20)
param resourceBaseName string
param location string = resourceGroup().location
@description('The container image to run, e.g. myregistry.azurecr.io/radslag:1.0.0 (pushed by the deploy step).')
param containerImage string
@description('The Teams app id (the manifest id).')
param teamsAppId string
@description('The app\'s id in the organisation\'s app catalog; empty: looked up by the manifest id.')
param teamsAppCatalogId string = ''
@description('The app registration the tab\'s SSO tokens are issued for.')
param aadAppClientId string
param aadAppTenantId string = subscription().tenantId
param aadAppIdUri string
@secure()
@description('Signs personal links; every instance must share it.')
param linkSigningKey string
param postgresAdminLogin string = 'radslag'
@secure()
param postgresAdminPassword string
param appServiceSku string = 'B1'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

// Key Vault Secrets User, for the identity the app runs as.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, 'secrets-user')
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${resourceBaseName}-pg'
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: 'radslag'
}

// Azure services (the App Service) may connect; nothing else.
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource linkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'link-signing-key'
  properties: { value: linkSigningKey }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: { value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require' }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2022-09-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identity.properties.clientId
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'PORT', value: '8080' }
        { name: 'TEAMSFX_ENV', value: 'dev' }
        { name: 'LOCAL_MODE', value: 'off' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'DEMO_WORKSPACE', value: 'off' }
        { name: 'PUBLIC_BASE_URL', value: 'https://${resourceBaseName}.azurewebsites.net' }
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})' }
        { name: 'SECRET_LINK_SIGNING_KEY', value: '@Microsoft.KeyVault(SecretUri=${linkKeySecret.properties.secretUri})' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
        { name: 'AAD_APP_CLIENT_ID', value: aadAppClientId }
        { name: 'AAD_APP_TENANT_ID', value: aadAppTenantId }
        { name: 'AAD_APP_ID_URI', value: aadAppIdUri }
        { name: 'AAD_APP_CREDENTIAL', value: 'managedIdentity' }
        { name: 'MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
      ]
    }
  }
  dependsOn: [ secretsUser ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  sku: { name: 'F0' }
  kind: 'azurebot'
  properties: {
    displayName: resourceBaseName
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

// Written to env/.env.<env> by the toolkit's arm/deploy step (upper-case names).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output PUBLIC_HOSTNAME string = web.properties.defaultHostName
output PUBLIC_BASE_URL string = 'https://${web.properties.defaultHostName}'
output AZURE_WEB_APP_RESOURCE_ID string = web.id
