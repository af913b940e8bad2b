import { z } from 'zod';

/**
 * Process configuration from environment variables. `loadConfig(env)` takes the environment as an
 * argument, collects every problem at once and never falls back to a secret.
 */
const portSchema = z.coerce.number().int().min(0).max(65535);
const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
    PORT: portSchema.default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DIRECTORY_FILE: z.string().min(1).default('./directory/stockholm.sample.yaml'),
    STORE: z.enum(['sqlite']).default('sqlite'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(4 * 1024 * 1024).default(256 * 1024),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
    ALLOWED_TENANTS: csv.optional(),
    LOCAL_MODE: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((e, ctx) => {
    const hasId = e.MicrosoftAppId !== undefined && e.MicrosoftAppId !== '';
    if (e.NODE_ENV === 'production') {
      if (!hasId) ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'required when NODE_ENV=production' });
      if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword)
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppPassword'],
          message: 'required when NODE_ENV=production (or set MicrosoftAppType=UserAssignedMSI)',
        });
      if (!e.ALLOWED_TENANTS || e.ALLOWED_TENANTS.length === 0)
        ctx.addIssue({ code: 'custom', path: ['ALLOWED_TENANTS'], message: 'required when NODE_ENV=production (comma-separated tenant ids)' });
      if (e.LOCAL_MODE === 'true')
        ctx.addIssue({ code: 'custom', path: ['LOCAL_MODE'], message: 'must not be true when NODE_ENV=production' });
    } else if (!hasId && e.LOCAL_MODE !== 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['LOCAL_MODE'],
        message: 'set LOCAL_MODE=true to run without Bot Framework credentials (no token validation), or set MicrosoftAppId',
      });
    }
    if (e.MicrosoftAppType === 'SingleTenant' && !e.MicrosoftAppTenantId)
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required when MicrosoftAppType=SingleTenant' });
  });

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

export interface Config {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  host: string;
  dataDir: string;
  directoryFile: string;
  store: 'sqlite';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  /** Absent only in explicit local mode: then the adapter does not validate tokens. */
  credentials?: BotCredentials;
  /** Tenants whose activities are accepted; empty means any (local mode only). */
  allowedTenants: readonly string[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`) };
  }
  const e = parsed.data;
  const credentials: BotCredentials | undefined =
    e.MicrosoftAppId !== undefined && e.MicrosoftAppId !== ''
      ? {
          appId: e.MicrosoftAppId,
          appPassword: e.MicrosoftAppPassword,
          appType: e.MicrosoftAppType ?? 'MultiTenant',
          tenantId: e.MicrosoftAppTenantId,
        }
      : undefined;
  return {
    ok: true,
    config: Object.freeze({
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST,
      dataDir: e.DATA_DIR,
      directoryFile: e.DIRECTORY_FILE,
      store: e.STORE,
      logLevel: e.LOG_LEVEL,
      maxBodyBytes: e.MAX_BODY_BYTES,
      credentials,
      allowedTenants: Object.freeze(e.ALLOWED_TENANTS ?? []),
    }),
  };
}
