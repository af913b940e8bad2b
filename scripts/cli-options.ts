import { z } from 'zod';

/**
 * Reads `--name value` pairs into `schema` for the export scripts. Every problem is listed (an unknown or
 * valueless option, each field the schema refuses), so that one run shows them all; the caller adds its usage line.
 */
export function parseOptions<S extends z.ZodTypeAny>(argv: readonly string[], schema: S): { ok: true; data: z.output<S> } | { ok: false; problems: string[] } {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i] ?? '';
    const value = argv[i + 1];
    if (!/^--[a-z]+$/.test(name)) {
      problems.push(`${JSON.stringify(name)}: expected an option such as --from`);
      continue;
    }
    if (value === undefined || value.startsWith('--')) {
      problems.push(`${name}: needs a value`);
      continue;
    }
    raw[name.slice(2)] = value;
    i += 1;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === z.ZodIssueCode.unrecognized_keys) problems.push(...issue.keys.map((k) => `--${k}: unknown option`));
      else problems.push(`--${issue.path.join('.')}: ${issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined' ? 'required' : issue.message}`);
    }
  }
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, data: parsed.data };
}
