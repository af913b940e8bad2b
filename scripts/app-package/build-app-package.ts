import { z } from 'zod';
import { loadBundledSchema, schemaUrl } from './bundled-schema';
import type { Checked } from './checked';
import { checkIcons } from './check-icons';
import { checkLocalization, type CommandList } from './check-localization';
import { fillPlaceholders } from './fill-placeholders';
import { isJsonObject } from './is-json-object';
import type { PackageSettings } from './package-settings';
import { readPackageFile, readPackageJson } from './read-package-file';
import { validateAgainstSchema } from './validate-against-schema';

/** The files of a Teams app package, by name; Teams expects them all in the zip's root. */
export interface AppPackage {
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly manifest: Readonly<Record<string, unknown>>;
}

const MANIFEST = 'manifest.json';

const fileName = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'expected a file name in the manifest folder, without a path');

/** What the packager needs to read from a manifest that already passed the schema. */
const referencesSchema = z.object({
  manifestVersion: z.string(),
  icons: z.object({ color: fileName, outline: fileName }),
  localizationInfo: z
    .object({
      defaultLanguageFile: fileName.optional(),
      additionalLanguages: z.array(z.object({ file: fileName })).default([]),
    })
    .optional(),
  bots: z
    .array(z.object({ commandLists: z.array(z.object({ commands: z.array(z.object({ title: z.string() })) })).default([]) }))
    .default([]),
});
type References = z.infer<typeof referencesSchema>;

/**
 * Fills manifest/manifest.json with `settings`, validates it and its localization files offline against
 * the Teams schemas bundled with @microsoft/app-manifest, checks the icons, and returns the package files.
 * Every problem found is reported, not just the first.
 */
export async function buildAppPackage(manifestDir: string, settings: PackageSettings): Promise<Checked<AppPackage>> {
  const values = { BOT_ID: settings.botId, APP_ID: settings.appId, APP_VERSION: settings.appVersion };
  const template = await readPackageJson(manifestDir, MANIFEST);
  if (!template.ok) return template;
  const filled = fillPlaceholders(template.value, values, MANIFEST);
  if (!isJsonObject(filled.document)) return failed([`${MANIFEST}: expected a JSON object`]);
  const manifest = withValidDomain(filled.document, settings.botDomain);

  const problems = [...filled.problems];
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return failed([...problems, `${MANIFEST}: expected a manifestVersion such as "1.30", found none`]);
  if (manifest.$schema !== schemaUrl('manifest', version)) {
    problems.push(`${MANIFEST}: expected $schema ${schemaUrl('manifest', version)}, found ${String(manifest.$schema)}`);
  }
  const schema = await loadBundledSchema('manifest', version);
  if (!schema.ok) return failed([...problems, ...schema.problems]);
  const schemaProblems = await validateAgainstSchema(manifest, schema.value, MANIFEST);
  problems.push(...schemaProblems);

  const references = referencesSchema.safeParse(manifest);
  if (!references.success) {
    // The schema has already said what is wrong; these only add detail when it found nothing.
    if (schemaProblems.length === 0) problems.push(...references.error.issues.map((i) => `${MANIFEST}: /${i.path.join('/')} ${i.message}`));
    return failed(problems);
  }

  const files = new Map<string, Uint8Array>();
  problems.push(...(await addIcons(manifestDir, references.data, files)));
  problems.push(...(await addLocalizations(manifestDir, references.data, values, files)));
  if (problems.length > 0) return failed(problems);

  files.set(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  return { ok: true, value: { files, manifest } };
}

/** BOT_DOMAIN joins `validDomains`; a bot needs none of its own, so the template lists none. */
function withValidDomain(manifest: Record<string, unknown>, domain: string | undefined): Record<string, unknown> {
  if (domain === undefined) return manifest;
  const listed = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  return { ...manifest, validDomains: [...new Set([...listed, domain])] };
}

async function addIcons(dir: string, references: References, files: Map<string, Uint8Array>): Promise<string[]> {
  const color = await readPackageFile(dir, references.icons.color);
  const outline = await readPackageFile(dir, references.icons.outline);
  if (!color.ok || !outline.ok) return [...(color.ok ? [] : color.problems), ...(outline.ok ? [] : outline.problems)];
  files.set(references.icons.color, color.value);
  files.set(references.icons.outline, outline.value);
  return checkIcons({
    color: { name: references.icons.color, bytes: color.value },
    outline: { name: references.icons.outline, bytes: outline.value },
  });
}

async function addLocalizations(
  dir: string,
  references: References,
  values: Readonly<Record<string, string>>,
  files: Map<string, Uint8Array>,
): Promise<string[]> {
  const info = references.localizationInfo;
  const names = [
    ...(info?.defaultLanguageFile === undefined ? [] : [info.defaultLanguageFile]),
    ...(info?.additionalLanguages ?? []).map((language) => language.file),
  ];
  if (names.length === 0) return [];
  const schema = await loadBundledSchema('localization', references.manifestVersion);
  if (!schema.ok) return [...schema.problems];
  const commandLists: CommandList[] = references.bots[0]?.commandLists ?? [];
  const problems: string[] = [];
  for (const name of names) {
    const read = await readPackageJson(dir, name);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const filled = fillPlaceholders(read.value, values, name);
    problems.push(...filled.problems);
    if (!isJsonObject(filled.document)) {
      problems.push(`${name}: expected a JSON object`);
      continue;
    }
    problems.push(...(await validateAgainstSchema(filled.document, schema.value, name)));
    problems.push(...checkLocalization({ name, strings: filled.document }, references.manifestVersion, commandLists));
    files.set(name, Buffer.from(`${JSON.stringify(filled.document, null, 2)}\n`, 'utf8'));
  }
  return problems;
}

function failed(problems: readonly string[]): Checked<never> {
  return { ok: false, problems };
}
