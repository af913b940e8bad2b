import { z } from 'zod';
import type { Checked } from './checked';
import { deriveAppId } from './derive-app-id';

/** Values filled into the manifest template; see docs/teams-app.md. */
export interface PackageSettings {
  /** Microsoft App ID of the Azure Bot registration (`bots[0].botId`). */
  readonly botId: string;
  /** Teams app id (`id`): APP_ID, or derived from the bot id. */
  readonly appId: string;
  /** Extra entry for `validDomains`, if any. */
  readonly botDomain: string | undefined;
  /** App version (`version`): APP_VERSION, or the default (package.json). */
  readonly appVersion: string;
}

/** The manifest schema's `definitions/guid` pattern. */
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const NIL_GUID = /^0{8}-(0{4}-){3}0{12}$/;
/** Teams wants MAJOR.MINOR.PATCH with numbers only (manifest schema `definitions/semver`). */
const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const blankIsMissing = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const guid = (meaning: string) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (!GUID.test(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a GUID (${meaning}), found "${value}"` });
      } else if (NIL_GUID.test(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a real GUID (${meaning}), found the all-zero GUID` });
      }
    });

const BOT_ID_MEANING = "the Microsoft App ID of the bot's Azure Bot registration";

const settingsSchema = z.object({
  BOT_ID: z.preprocess(
    blankIsMissing,
    z.string({ required_error: `required: ${BOT_ID_MEANING}, e.g. BOT_ID=3f2504e0-4f89-41d3-9a0c-0305e82c3301` }).pipe(guid(BOT_ID_MEANING)),
  ),
  APP_ID: z.preprocess(blankIsMissing, guid('the Teams app id').optional()),
  BOT_DOMAIN: z.preprocess(
    blankIsMissing,
    z
      .string()
      .trim()
      .refine((v) => HOST_NAME.test(v), (v) => ({
        message: `expected a host name without scheme, port or path, such as sst-bridge.azurewebsites.net, found "${v}"`,
      }))
      .optional(),
  ),
  APP_VERSION: z.preprocess(
    blankIsMissing,
    z
      .string()
      .trim()
      .refine((v) => VERSION.test(v), (v) => ({ message: `expected MAJOR.MINOR.PATCH with numbers only, such as 1.4.0, found "${v}"` }))
      .optional(),
  ),
});

/** Reads BOT_ID, APP_ID, BOT_DOMAIN and APP_VERSION from `env`; reports every problem as `NAME: what is wrong`. */
export function parsePackageSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { readonly appVersion: string },
): Checked<PackageSettings> {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const { BOT_ID, APP_ID, BOT_DOMAIN, APP_VERSION } = parsed.data;
  return {
    ok: true,
    value: {
      botId: BOT_ID,
      appId: APP_ID ?? deriveAppId(BOT_ID),
      botDomain: BOT_DOMAIN?.toLowerCase(),
      appVersion: APP_VERSION ?? defaults.appVersion,
    },
  };
}
