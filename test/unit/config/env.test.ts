import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env';

describe('process configuration', () => {
  it('starts in explicit local mode with defaults', () => {
    const r = loadConfig({ LOCAL_MODE: 'true' });
    expect(r.ok && r.config).toMatchObject({ port: 3978, dataDir: './data', store: { kind: 'sqlite' }, credentials: undefined });
  });

  it('listens on this machine only in local mode unless HOST says otherwise, and on every interface with credentials', () => {
    const local = loadConfig({ LOCAL_MODE: 'true' });
    expect(local.ok && local.config.host).toBe('127.0.0.1');
    const authenticated = loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' });
    expect(authenticated.ok && authenticated.config.host).toBe('0.0.0.0');
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('accepts the loopback address %s in local mode', (host) => {
    const r = loadConfig({ LOCAL_MODE: 'true', HOST: host });
    expect(r.ok && r.config.host).toBe(host);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'sst-bridge.example.org', '128.0.0.1'])(
    'refuses to start local mode, where nothing checks tokens, listening on %s',
    (host) => {
      const r = loadConfig({ LOCAL_MODE: 'true', HOST: host });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors).toEqual([
        `HOST: must be a loopback address (127.0.0.1, ::1 or localhost) when LOCAL_MODE=true, found ${host}: local mode does not validate tokens`,
      ]);
    },
  );

  it('limits each person to 10 new reports per 10 minutes unless configured otherwise', () => {
    const byDefault = loadConfig({ LOCAL_MODE: 'true' });
    expect(byDefault.ok && byDefault.config.reportRateLimit).toEqual({ max: 10, windowMs: 600_000 });
    const configured = loadConfig({ LOCAL_MODE: 'true', REPORT_RATE_LIMIT: '3', REPORT_RATE_WINDOW_MINUTES: '60' });
    expect(configured.ok && configured.config.reportRateLimit).toEqual({ max: 3, windowMs: 3_600_000 });
  });

  it.each([['REPORT_RATE_LIMIT', '0'], ['REPORT_RATE_LIMIT', 'ten'], ['REPORT_RATE_WINDOW_MINUTES', '1.5'], ['REPORT_RATE_WINDOW_MINUTES', '0']])(
    'names the variable when %s=%s is not a usable limit',
    (name, value) => {
      const r = loadConfig({ LOCAL_MODE: 'true', [name]: value });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors.join('\n')).toContain(`${name}:`);
    },
  );

  it('refuses to run without credentials unless local mode is asked for', () => {
    const r = loadConfig({});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join('\n')).toContain('LOCAL_MODE');
  });

  it('lists every production problem at once', () => {
    const r = loadConfig({ NODE_ENV: 'production', LOCAL_MODE: 'true' });
    expect(r.ok).toBe(false);
    const text = !r.ok ? r.errors.join('\n') : '';
    expect(text).toContain('MicrosoftAppId: required when NODE_ENV=production');
    expect(text).toContain('MicrosoftAppPassword');
    expect(text).toContain('ALLOWED_TENANTS');
    expect(text).toContain('LOCAL_MODE: must not be true');
    expect(text).toContain('DIRECTORY_FILE: required when NODE_ENV=production');
  });

  it('accepts production with credentials and a tenant lock', () => {
    const r = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      ALLOWED_TENANTS: 'tenant, other ',
      PORT: '8080',
      DIRECTORY_FILE: '/etc/sst-bridge/directory.yaml',
    });
    expect(r.ok && r.config).toMatchObject({
      port: 8080,
      allowedTenants: ['tenant', 'other'],
      credentials: { appId: 'app-id' },
      directoryFile: '/etc/sst-bridge/directory.yaml',
      allowSampleDirectory: false,
    });
  });

  describe('the routing directory file', () => {
    const production = {
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-id',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 'tenant',
      ALLOWED_TENANTS: 'tenant',
    };

    it('is required in production: no fallback to the sample directory', () => {
      const r = loadConfig(production, { sampleDirectoryFile: '/app/directory/stockholm.sample.yaml' });
      expect(!r.ok && r.errors).toEqual(["DIRECTORY_FILE: required when NODE_ENV=production (the city's routing directory)"]);
    });

    it('defaults to the sample directory shipped with the code outside production', () => {
      const r = loadConfig({ LOCAL_MODE: 'true' }, { sampleDirectoryFile: '/app/directory/stockholm.sample.yaml' });
      expect(r.ok && r.config.directoryFile).toBe('/app/directory/stockholm.sample.yaml');
    });

    it('allows sample data only when ALLOW_SAMPLE_DIRECTORY=true says so', () => {
      const withFile = { ...production, DIRECTORY_FILE: 'directory/stockholm.sample.yaml' };
      const notSaid = loadConfig(withFile);
      expect(notSaid.ok && notSaid.config.allowSampleDirectory).toBe(false);
      const said = loadConfig({ ...withFile, ALLOW_SAMPLE_DIRECTORY: 'true' });
      expect(said.ok && said.config.allowSampleDirectory).toBe(true);
      const typo = loadConfig({ ...withFile, ALLOW_SAMPLE_DIRECTORY: 'yes' });
      expect(!typo.ok && typo.errors.join('\n')).toContain('ALLOW_SAMPLE_DIRECTORY:');
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['MAX_BODY_BYTES', '-1'],
  ])('names the variable when %s=%s is wrong', (name, value) => {
    const r = loadConfig({ LOCAL_MODE: 'true', [name]: value });
    expect(!r.ok && r.errors.some((e) => e.startsWith(`${name}:`))).toBe(true);
  });

  describe('Cosmos DB store', () => {
    const endpoint = 'https://sst-bridge.documents.azure.com:443/';
    const errorsOf = (env: Record<string, string>) => {
      const r = loadConfig({ LOCAL_MODE: 'true', ...env });
      return r.ok ? [] : r.errors;
    };

    it('switches to Cosmos DB with a managed identity, verifying provisioned containers, by default', () => {
      const r = loadConfig({ LOCAL_MODE: 'true', STORE: 'cosmos', COSMOS_ENDPOINT: endpoint });
      expect(r.ok && r.config.store).toEqual({
        kind: 'cosmos',
        endpoint,
        key: undefined,
        managedIdentityClientId: undefined,
        databaseId: 'sst-bridge',
        provisioning: 'verify',
      });
    });

    it('creates missing containers by default when given the account key', () => {
      const r = loadConfig({ LOCAL_MODE: 'true', STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: 'a2V5', COSMOS_DATABASE: 'sst-test' });
      expect(r.ok && r.config.store).toMatchObject({ kind: 'cosmos', key: 'a2V5', databaseId: 'sst-test', provisioning: 'create' });
    });

    it('requires an endpoint when STORE=cosmos', () => {
      expect(errorsOf({ STORE: 'cosmos' })).toEqual(['COSMOS_ENDPOINT: required when STORE=cosmos (https://<account>.documents.azure.com:443/)']);
    });

    it('refuses a plain-http or malformed endpoint', () => {
      expect(errorsOf({ STORE: 'cosmos', COSMOS_ENDPOINT: 'http://localhost:8081' }).join('\n')).toMatch(/^COSMOS_ENDPOINT: must be an https:\/\/ URL/);
      expect(errorsOf({ STORE: 'cosmos', COSMOS_ENDPOINT: 'not a url' }).some((e) => e.startsWith('COSMOS_ENDPOINT:'))).toBe(true);
    });

    it('explains that a managed identity cannot create containers', () => {
      expect(errorsOf({ STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_PROVISION: 'create' })).toEqual([
        expect.stringMatching(/^COSMOS_PROVISION: create needs COSMOS_KEY/),
      ]);
    });

    it('refuses a managed identity client id next to a key', () => {
      expect(errorsOf({ STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: 'a2V5', COSMOS_MANAGED_IDENTITY_CLIENT_ID: 'mi' })).toEqual([
        'COSMOS_MANAGED_IDENTITY_CLIENT_ID: only used without COSMOS_KEY; remove one of the two',
      ]);
    });

    it('refuses Cosmos settings while cases would go to SQLite, naming each one', () => {
      expect(errorsOf({ COSMOS_ENDPOINT: endpoint, COSMOS_KEY: 'a2V5' })).toEqual([
        'COSMOS_ENDPOINT: only used when STORE=cosmos; set STORE=cosmos or remove it',
        'COSMOS_KEY: only used when STORE=cosmos; set STORE=cosmos or remove it',
      ]);
    });

    it.each([['STORE', 'mongo'], ['COSMOS_DATABASE', 'a/b'], ['COSMOS_PROVISION', 'maybe']])('names the variable when %s=%s is wrong', (name, value) => {
      expect(errorsOf({ STORE: 'cosmos', COSMOS_ENDPOINT: endpoint, COSMOS_KEY: 'a2V5', [name]: value }).some((e) => e.startsWith(`${name}:`))).toBe(true);
    });
  });
});
