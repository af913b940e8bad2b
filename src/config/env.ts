import { z } from 'zod';

/**
 * Process configuration from environment variables. `loadConfig(env)` takes the environment as an
 * argument, collects every problem at once and never falls back to a secret.
 */
const portSchema = z.coerce.number().int().min(0).max(65535);
const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const envObject = z.object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
    PORT: portSchema.default(3978),
    // Default depends on LOCAL_MODE: loopback when nothing validates tokens, every interface otherwise.
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    // Required in production; elsewhere the sample directory shipped with the code (see loadConfig).
    DIRECTORY_FILE: z.string().min(1).optional(),
    // A directory that declares `sample: true` is refused in production unless this is true.
    ALLOW_SAMPLE_DIRECTORY: z.enum(['true', 'false']).default('false'),
    STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
    TEAMS_SERVICE_URL: z.string().url().optional(),
    COSMOS_ENDPOINT: z
      .string()
      .url()
      .refine((u) => u.startsWith('https://'), 'must be an https:// URL, e.g. https://<account>.documents.azure.com:443/')
      .optional(),
    COSMOS_KEY: z.string().min(1).optional(),
    COSMOS_DATABASE: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\?#]+$/, 'may not contain / \\ ? or #')
      .default('sst-bridge'),
    COSMOS_PROVISION: z.enum(['create', 'verify']).optional(),
    COSMOS_MANAGED_IDENTITY_CLIENT_ID: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(4 * 1024 * 1024).default(256 * 1024),
    // New reports and questions per person per window; repeats of the same form never count.
    REPORT_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
    REPORT_RATE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: z.string().optional(),
    ALLOWED_TENANTS: csv.optional(),
    LOCAL_MODE: z.enum(['true', 'false']).default('false'),
});

/** Every environment variable the bot reads; README's table and .env.example list exactly these. */
export const environmentVariableNames: readonly string[] = Object.freeze(Object.keys(envObject.shape));

const envSchema = envObject.superRefine((e, ctx) => {
  const hasId = e.MicrosoftAppId !== undefined && e.MicrosoftAppId !== '';
  // Without credentials nothing vouches for a Bot Connector URL: local mode talks to this machine only.
  if (!hasId && e.TEAMS_SERVICE_URL !== undefined && !isLoopbackUrl(e.TEAMS_SERVICE_URL))
    ctx.addIssue({ code: 'custom', path: ['TEAMS_SERVICE_URL'], message: 'must be a loopback URL (http://127.0.0.1:…) when running without credentials' });
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
    // Production never falls back to the sample directory of fictional people.
    if (e.DIRECTORY_FILE === undefined)
      ctx.addIssue({ code: 'custom', path: ['DIRECTORY_FILE'], message: "required when NODE_ENV=production (the city's routing directory)" });
  } else if (!hasId && e.LOCAL_MODE !== 'true') {
    ctx.addIssue({
      code: 'custom',
      path: ['LOCAL_MODE'],
      message: 'set LOCAL_MODE=true to run without Bot Framework credentials (no token validation), or set MicrosoftAppId',
    });
  }
  // Local mode accepts activities without any token check: anyone who can reach the port could act as
  // anyone. Only this machine may reach it, whoever starts the process and however.
  if (e.LOCAL_MODE === 'true' && e.HOST !== undefined && !isLoopbackHost(e.HOST))
    ctx.addIssue({
      code: 'custom',
      path: ['HOST'],
      message: `must be a loopback address (127.0.0.1, ::1 or localhost) when LOCAL_MODE=true, found ${e.HOST}: local mode does not validate tokens`,
    });
  if (e.MicrosoftAppType === 'SingleTenant' && !e.MicrosoftAppTenantId)
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required when MicrosoftAppType=SingleTenant' });
  checkCosmosSettings(e, ctx);
});

/** Every variable the configuration reads; any other name is ignored (test/infra checks the Bicep's settings against it). */
export const configVariableNames: readonly string[] = Object.freeze(Object.keys(envSchema.innerType().shape));

const cosmosOnlyVariables = ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_PROVISION', 'COSMOS_MANAGED_IDENTITY_CLIENT_ID'] as const;

function checkCosmosSettings(
  e: { STORE: 'sqlite' | 'cosmos' } & Partial<Record<(typeof cosmosOnlyVariables)[number], string>>,
  ctx: z.RefinementCtx,
): void {
  if (e.STORE !== 'cosmos') {
    // Cases would silently go to a local file while the operator believes they are in Cosmos DB.
    for (const name of cosmosOnlyVariables) {
      if (e[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'only used when STORE=cosmos; set STORE=cosmos or remove it' });
    }
    return;
  }
  if (e.COSMOS_ENDPOINT === undefined)
    ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'required when STORE=cosmos (https://<account>.documents.azure.com:443/)' });
  if (e.COSMOS_KEY === undefined && e.COSMOS_PROVISION === 'create')
    ctx.addIssue({
      code: 'custom',
      path: ['COSMOS_PROVISION'],
      message: 'create needs COSMOS_KEY: a managed identity cannot create databases or containers; provision them (docs/cosmos.md) and use verify',
    });
  if (e.COSMOS_KEY !== undefined && e.COSMOS_MANAGED_IDENTITY_CLIENT_ID !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['COSMOS_MANAGED_IDENTITY_CLIENT_ID'],
      message: 'only used without COSMOS_KEY; remove one of the two',
    });
}

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

/** Where cases live. Cosmos DB authenticates with `key` when given, otherwise with Entra ID (managed identity). */
export type StoreConfig =
  | { kind: 'sqlite' }
  | {
      kind: 'cosmos';
      endpoint: string;
      key?: string;
      managedIdentityClientId?: string;
      databaseId: string;
      /** create: create database and containers when missing (needs the key); verify: only check they exist. */
      provisioning: 'create' | 'verify';
    };

export interface Config {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  host: string;
  dataDir: string;
  directoryFile: string;
  /** The operator allows a directory marked `sample: true` in production (ALLOW_SAMPLE_DIRECTORY=true). */
  allowSampleDirectory: boolean;
  store: StoreConfig;
  /** Bot Connector URL used to start a personal chat with someone the bot has not heard from yet. */
  teamsServiceUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxBodyBytes: number;
  /** At most `max` new reports and questions per person in any `windowMs`. */
  reportRateLimit: { max: number; windowMs: number };
  /** Absent only in explicit local mode: then the adapter does not validate tokens. */
  credentials?: BotCredentials;
  /** Tenants whose activities are accepted; empty means any (local mode only). */
  allowedTenants: readonly string[];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/**
 * The sample directory shipped with the code, outside production. run.ts passes its absolute path, found from
 * the running file, so the default holds from src/ (tsx) and from the built dist/ alike, whatever the cwd.
 */
export interface ConfigDefaults {
  sampleDirectoryFile: string;
}

export function loadConfig(
  env: Record<string, string | undefined>,
  defaults: ConfigDefaults = { sampleDirectoryFile: './directory/stockholm.sample.yaml' },
): ConfigResult {
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
      host: e.HOST ?? (e.LOCAL_MODE === 'true' ? '127.0.0.1' : '0.0.0.0'),
      dataDir: e.DATA_DIR,
      directoryFile: e.DIRECTORY_FILE ?? defaults.sampleDirectoryFile,
      allowSampleDirectory: e.ALLOW_SAMPLE_DIRECTORY === 'true',
      store: storeConfig(e),
      ...(e.TEAMS_SERVICE_URL !== undefined ? { teamsServiceUrl: e.TEAMS_SERVICE_URL } : {}),
      logLevel: e.LOG_LEVEL,
      maxBodyBytes: e.MAX_BODY_BYTES,
      reportRateLimit: Object.freeze({ max: e.REPORT_RATE_LIMIT, windowMs: e.REPORT_RATE_WINDOW_MINUTES * 60_000 }),
      credentials,
      allowedTenants: Object.freeze(e.ALLOWED_TENANTS ?? []),
    }),
  };
}

function storeConfig(e: z.output<typeof envSchema>): StoreConfig {
  if (e.STORE === 'sqlite') return Object.freeze({ kind: 'sqlite' });
  if (e.COSMOS_ENDPOINT === undefined) throw new Error('COSMOS_ENDPOINT must have been checked by checkCosmosSettings');
  return Object.freeze({
    kind: 'cosmos',
    endpoint: e.COSMOS_ENDPOINT,
    key: e.COSMOS_KEY,
    managedIdentityClientId: e.COSMOS_MANAGED_IDENTITY_CLIENT_ID,
    databaseId: e.COSMOS_DATABASE,
    provisioning: e.COSMOS_PROVISION ?? (e.COSMOS_KEY === undefined ? 'verify' : 'create'),
  });
}

/** True for a listen address only this machine can reach: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** True for http(s) URLs on this machine: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackUrl(value: string | URL): boolean {
  const url = typeof value === 'string' ? new URL(value) : value;
  const host = url.hostname;
  return (url.protocol === 'http:' || url.protocol === 'https:') && (host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}
