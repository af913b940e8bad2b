import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containerDefinitions } from '../../src/adapters/store/cosmos/cosmos-containers';
import { configVariableNames, loadConfig } from '../../src/config/env';

/**
 * No Bicep compiler runs here, so infra/main.bicep is read as text: simple patterns over a file we write in
 * one style. Each check fails with what to fix when the template and the code drift apart.
 */
const read = (path: string) => readFileSync(new URL(`../../infra/${path}`, import.meta.url), 'utf8');
const bicep = read('main.bicep')
  .split('\n')
  .filter((line) => !line.trim().startsWith('//'))
  .join('\n');
const containersFile = JSON.parse(read('cosmos-containers.json')) as { containers: Record<string, { id: string }> };

/** The text between the bracket that opens at `from` and the one that closes it. */
function enclosed(text: string, from: number, open: string, close: string): string {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === open) depth++;
    if (text[i] === close && --depth === 0) return text.slice(from + 1, i);
  }
  throw new Error(`unbalanced ${open}${close} in main.bicep`);
}

/** The object literals directly inside an array literal's text. */
function objectsIn(arrayText: string): string[] {
  const objects: string[] = [];
  for (let i = 0; i < arrayText.length; i++) {
    if (arrayText[i] !== '{') continue;
    const body = enclosed(arrayText, i, '{', '}');
    objects.push(body);
    i += body.length + 1;
  }
  return objects;
}

function appSettings(): Map<string, string> {
  const at = bicep.indexOf('appSettings: [');
  if (at < 0) throw new Error('main.bicep has no appSettings array');
  const settings = new Map<string, string>();
  for (const entry of objectsIn(enclosed(bicep, at + 'appSettings: '.length, '[', ']'))) {
    const name = /name:\s*'([^']+)'/.exec(entry)?.[1];
    const value = /value:\s*(.+)$/m.exec(entry)?.[1]?.trim();
    if (name === undefined || value === undefined) throw new Error(`an appSettings entry the test cannot read: ${entry}`);
    if (settings.has(name)) throw new Error(`${name} is set twice in appSettings`);
    settings.set(name, value);
  }
  return settings;
}

/** A plain quoted Bicep string without interpolation, or undefined for an expression. */
const literal = (expression: string): string | undefined => /^'([^'$]*)'$/.exec(expression)?.[1];

/** The bot resource's properties block. */
function botProperties(): string {
  const at = bicep.search(/resource \w+ 'Microsoft\.BotService\/botServices@[^']+' = \{/);
  if (at < 0) throw new Error('main.bicep declares no Microsoft.BotService/botServices resource');
  const resource = enclosed(bicep, bicep.indexOf('{', at), '{', '}');
  return enclosed(resource, resource.indexOf('properties: {') + 'properties: '.length, '{', '}');
}
const propertyOf = (block: string, name: string) => new RegExp(`^\\s*${name}:\\s*(.+)$`, 'm').exec(block)?.[1]?.trim();

// A production configuration as an operator would write it by hand; values for settings that the template
// computes (endpoints, ids) are taken from here.
const guid = (n: number) => `${n}0000000-0000-4000-8000-000000000000`;
const productionEnv: Record<string, string> = {
  NODE_ENV: 'production',
  STORE: 'cosmos',
  COSMOS_ENDPOINT: 'https://sst-bridge-prod-cosmos.documents.azure.com:443/',
  COSMOS_DATABASE: 'sst-bridge',
  COSMOS_PROVISION: 'verify',
  COSMOS_MANAGED_IDENTITY_CLIENT_ID: guid(1),
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppId: guid(1),
  MicrosoftAppTenantId: guid(2),
  ALLOWED_TENANTS: guid(2),
  DIRECTORY_FILE: '/home/site/wwwroot/directory/directory.yaml',
  LOG_LEVEL: 'info',
};

/** Variables without which the production configuration above no longer loads, derived from the schema. */
function requiredInProduction(): string[] {
  expect(loadConfig(productionEnv)).toMatchObject({ ok: true });
  return Object.keys(productionEnv).filter((name) => {
    const { [name]: _left, ...rest } = productionEnv;
    return !loadConfig(rest).ok;
  });
}

// App Service's own settings, read by the platform rather than by the bot.
const platformSettings = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT']);

describe('infra/main.bicep: the web app settings', () => {
  const settings = appSettings();

  it('sets every variable the production configuration requires', () => {
    const required = requiredInProduction();
    expect(required).toEqual(expect.arrayContaining(['STORE', 'COSMOS_ENDPOINT', 'MicrosoftAppId', 'MicrosoftAppType', 'ALLOWED_TENANTS']));
    const missing = required.filter((name) => !settings.has(name));
    expect(missing, 'add these to appSettings in infra/main.bicep').toEqual([]);
  });

  it('names no variable the bot does not read', () => {
    const unknown = [...settings.keys()].filter((name) => !configVariableNames.includes(name) && !platformSettings.has(name));
    expect(unknown, 'not in src/config/env.ts: a typo, or a variable that was renamed').toEqual([]);
  });

  it('loads as a production configuration: Cosmos DB through the managed identity, and a bot without a secret', () => {
    const env: Record<string, string> = {};
    for (const [name, expression] of settings) {
      if (platformSettings.has(name)) continue;
      const value = literal(expression) ?? productionEnv[name];
      if (value === undefined) throw new Error(`${name} is computed by the template (${expression}): give it a value in productionEnv`);
      env[name] = value;
    }
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(`the template's settings do not load:\n${loaded.errors.join('\n')}`);
    expect(loaded.config.nodeEnv).toBe('production');
    expect(loaded.config.store).toMatchObject({ kind: 'cosmos', provisioning: 'verify', key: undefined, managedIdentityClientId: guid(1) });
    expect(loaded.config.credentials).toMatchObject({ appType: 'UserAssignedMSI', appPassword: undefined });
    expect(loaded.config.allowedTenants.length).toBeGreaterThan(0);
  });

  it('sets production, the Cosmos store and the managed identity as fixed values, and no secret', () => {
    expect(literal(settings.get('NODE_ENV') ?? '')).toBe('production');
    expect(literal(settings.get('STORE') ?? '')).toBe('cosmos');
    expect(literal(settings.get('COSMOS_PROVISION') ?? '')).toBe('verify');
    expect(literal(settings.get('MicrosoftAppType') ?? '')).toBe('UserAssignedMSI');
    expect([...settings.keys()]).not.toContain('COSMOS_KEY');
    expect([...settings.keys()]).not.toContain('MicrosoftAppPassword');
  });

  it('gives the bot and the store the same identity, and the Azure Bot resource that identity too', () => {
    const clientId = settings.get('MicrosoftAppId');
    expect(clientId).toMatch(/^\w+\.properties\.clientId$/);
    expect(settings.get('COSMOS_MANAGED_IDENTITY_CLIENT_ID')).toBe(clientId);
    const bot = botProperties();
    expect(propertyOf(bot, 'msaAppId')).toBe(clientId);
    expect(propertyOf(bot, 'msaAppTenantId')).toBe(settings.get('MicrosoftAppTenantId'));
    expect(propertyOf(bot, 'msaAppType')).toBe("'UserAssignedMSI'");
    expect(propertyOf(bot, 'msaAppMSIResourceId')).toMatch(/^\w+\.id$/);
    expect(propertyOf(bot, 'endpoint')).toMatch(/^'https:\/\/\$\{\w+\.properties\.defaultHostName\}\/api\/messages'$/);
  });
});

describe('infra/main.bicep: hosting and security settings', () => {
  it.each([
    ['HTTPS only', /^\s*httpsOnly: true$/m],
    ['TLS 1.2 or newer', /^\s*minTlsVersion: '1\.2'$/m],
    ['Node 24 LTS on Linux', /^\s*linuxFxVersion: 'NODE\|24-lts'$/m],
    ['the health check on /healthz', /^\s*healthCheckPath: '\/healthz'$/m],
    ['always on', /^\s*alwaysOn: true$/m],
    ['Cosmos DB without keys', /^\s*disableLocalAuth: true$/m],
    ['the Teams channel', /^\s*channelName: 'MsTeamsChannel'$/m],
    ['the Cosmos DB Built-in Data Contributor role for the identity', /'00000000-0000-0000-0000-000000000002'/],
    ['a role assignment to the identity', /principalId: \w+\.properties\.principalId/],
    ['continuous backup', /type: 'Continuous'/],
  ])('has %s', (_what, pattern) => {
    expect(bicep).toMatch(pattern);
  });

  it('runs at least two instances by default', () => {
    const instances = /^param instanceCount int = (\d+)$/m.exec(bicep)?.[1];
    expect(Number(instances)).toBeGreaterThanOrEqual(2);
    expect(bicep).toMatch(/capacity: instanceCount$/m);
  });

  it('offers serverless and provisioned throughput as a parameter', () => {
    expect(bicep).toMatch(/^param cosmosCapacityMode string = '(serverless|provisioned)'$/m);
    expect(bicep).toMatch(/@allowed\(\['serverless', 'provisioned'\]\)/);
    expect(bicep).toMatch(/\{ name: 'EnableServerless' \}/);
    expect(bicep).toMatch(/autoscaleSettings: \{ maxThroughput: cosmosAutoscaleMaxThroughput \}/);
  });
});

describe('infra/main.bicep: the Cosmos DB containers', () => {
  it('loads them from infra/cosmos-containers.json, the file the store reads', () => {
    expect(bicep).toMatch(/= loadJsonContent\('cosmos-containers\.json'\)\.containers$/m);
    expect(containerDefinitions).toEqual(containersFile.containers);
  });

  it('creates one container per entry with the partition key and indexing policy from the file', () => {
    expect(bicep).toMatch(/for container in items\(cosmosContainers\): \{/);
    expect(bicep).toMatch(/^\s*id: container\.value\.id$/m);
    expect(bicep).toMatch(/^\s*partitionKey: container\.value\.partitionKey$/m);
    expect(bicep).toMatch(/^\s*indexingPolicy: container\.value\.indexingPolicy$/m);
  });

  it('writes no container name or partition key of its own', () => {
    for (const { id } of Object.values(containersFile.containers)) expect(bicep).not.toContain(`'${id}'`);
    expect(bicep).not.toMatch(/paths: \[/);
  });

  it('names the database as the store is told to', () => {
    expect(appSettings().get('COSMOS_DATABASE')).toBe('cosmosDatabaseName');
    expect(bicep).toMatch(/resource: \{ id: cosmosDatabaseName \}/);
    expect(bicep).toMatch(/scope: '\$\{cosmos\.id\}\/dbs\/\$\{cosmosDatabaseName\}'/);
  });
});

describe('infra/main.parameters.example.json', () => {
  const example = JSON.parse(read('main.parameters.example.json')) as { parameters: Record<string, unknown> };
  const declared = [...bicep.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => ({ name: m[1] ?? '', hasDefault: m[2] !== undefined }));

  it('sets only parameters the template declares', () => {
    const names = declared.map((p) => p.name);
    expect(Object.keys(example.parameters).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('sets every parameter that has no default', () => {
    const required = declared.filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required).toContain('baseName');
    expect(required.filter((name) => !(name in example.parameters))).toEqual([]);
  });
});
