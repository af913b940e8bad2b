import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Checked } from './checked';
import { isJsonObject } from './is-json-object';

export type SchemaKind = 'manifest' | 'localization';

const SCHEMA_FILES: Readonly<Record<SchemaKind, string>> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

/** The `$schema` URL a manifest or localization file of this manifest version must declare. */
export function schemaUrl(kind: SchemaKind, manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/${SCHEMA_FILES[kind]}`;
}

/** Where @microsoft/app-manifest keeps the Teams schemas it ships (build/json-schemas/teams/v<version>/). */
function bundledSchemasDir(): string {
  const packageJson = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  return join(dirname(packageJson), 'build', 'json-schemas', 'teams');
}

/** Manifest versions whose schemas @microsoft/app-manifest ships, oldest first. */
async function listBundledManifestVersions(): Promise<string[]> {
  const entries = await readdir(bundledSchemasDir());
  return entries
    .map((name) => /^v(\d+\.\d+)$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Loads a Teams schema from the copy bundled with @microsoft/app-manifest. It never fetches: a version
 * the package does not ship is reported as a problem, so packaging works offline and is repeatable.
 */
export async function loadBundledSchema(kind: SchemaKind, manifestVersion: string): Promise<Checked<object>> {
  const bundled = await listBundledManifestVersions();
  if (!bundled.includes(manifestVersion)) {
    return {
      ok: false,
      problems: [
        `manifestVersion "${manifestVersion}" has no schema bundled with @microsoft/app-manifest ` +
          `(bundled: ${bundled.join(', ')}); packaging validates offline only`,
      ],
    };
  }
  const text = await readFile(join(bundledSchemasDir(), `v${manifestVersion}`, SCHEMA_FILES[kind]), 'utf8');
  const schema: unknown = JSON.parse(text);
  if (!isJsonObject(schema)) throw new Error(`bundled ${SCHEMA_FILES[kind]} v${manifestVersion} is not a JSON object`);
  return { ok: true, value: kind === 'localization' ? repairPropertyPatterns(schema) : schema };
}

/**
 * Microsoft's localization schemas (every version up to at least 1.30) contain two property patterns with
 * an unescaped `]` (`activities.activityTypes\[\b(...)\b]`), which is a syntax error in the Unicode-mode
 * regular expressions ajv compiles, so the validator throws before checking anything. Escaping that `]`
 * keeps the meaning the pattern has in non-Unicode mode (a literal `]`).
 * See https://github.com/MicrosoftDocs/msteams-docs/issues/8858.
 */
function repairPropertyPatterns(schema: Record<string, unknown>): Record<string, unknown> {
  const patterns = schema.patternProperties;
  if (!isJsonObject(patterns)) return schema;
  const repaired = Object.entries(patterns).map(([pattern, rule]): [string, unknown] => {
    if (compilesAsUnicode(pattern)) return [pattern, rule];
    const fixed = pattern.replaceAll('\\b]', '\\b\\]');
    if (!compilesAsUnicode(fixed)) throw new Error(`bundled localization schema has an unreadable pattern: ${pattern}`);
    return [fixed, rule];
  });
  return { ...schema, patternProperties: Object.fromEntries(repaired) };
}

function compilesAsUnicode(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}
