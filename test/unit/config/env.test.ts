import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/env';

describe('process configuration', () => {
  it('starts in explicit local mode with defaults', () => {
    const r = loadConfig({ LOCAL_MODE: 'true' });
    expect(r.ok && r.config).toMatchObject({ port: 3978, dataDir: './data', store: 'sqlite', credentials: undefined });
  });

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
    });
    expect(r.ok && r.config).toMatchObject({ port: 8080, allowedTenants: ['tenant', 'other'], credentials: { appId: 'app-id' } });
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
});
