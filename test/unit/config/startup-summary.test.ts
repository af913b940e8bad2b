import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/env';
import { startupSummary } from '../../../src/config/startup-summary';

const configOf = (env: Record<string, string>): Config => {
  const r = loadConfig(env);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
};
const facts = { directoryVersion: 'city-2027-01', directorySample: false, appVersion: '1.2.3', nodeVersion: 'v24.11.0' };

describe('the start-up line', () => {
  it('says where the bot listens, that it validates tokens, where cases are, which directory and build', () => {
    const config = configOf({
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-id',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 'tenant',
      ALLOWED_TENANTS: 'tenant',
      DIRECTORY_FILE: '/home/site/directory.yaml',
      STORE: 'cosmos',
      COSMOS_ENDPOINT: 'https://sst-bridge-prod.documents.azure.com:443/',
    });
    expect(startupSummary(config, { address: '0.0.0.0', port: 8080 }, facts)).toEqual({
      level: 'info',
      line: {
        event: 'server.started',
        url: 'http://0.0.0.0:8080',
        nodeEnv: 'production',
        mode: 'authenticated',
        store: 'cosmos',
        cosmosAccount: 'sst-bridge-prod.documents.azure.com',
        cosmosDatabase: 'sst-bridge',
        directoryVersion: 'city-2027-01',
        appVersion: '1.2.3',
        node: 'v24.11.0',
      },
    });
  });

  it('warns, on the same line, when tokens are not validated, and names the data folder and sample data', () => {
    const config = configOf({ LOCAL_MODE: 'true', DATA_DIR: './data' });
    const { level, line } = startupSummary(config, { address: '::1', port: 3978 }, { ...facts, directorySample: true });
    expect(level).toBe('warn');
    expect(line).toMatchObject({
      url: 'http://[::1]:3978',
      mode: 'local',
      warning: 'LOCAL_MODE=true: Bot Framework tokens are NOT validated; loopback only, never in production',
      store: 'sqlite',
      dataDir: resolve('./data'),
      directorySample: true,
    });
  });
});
