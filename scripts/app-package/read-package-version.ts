import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const packageJsonSchema = z.object({ version: z.string().min(1) });

/** The `version` of a package.json: the app version when APP_VERSION is not set. */
export async function readPackageVersion(packageJsonPath: string): Promise<string> {
  const raw: unknown = JSON.parse(await readFile(packageJsonPath, 'utf8'));
  const parsed = packageJsonSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${packageJsonPath}: expected a "version" string`, { cause: parsed.error });
  return parsed.data.version;
}
