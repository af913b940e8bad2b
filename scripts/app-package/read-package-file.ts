import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checked } from './checked';

/** A file from the manifest folder; a missing file is a problem to report, any other I/O failure throws. */
export async function readPackageFile(dir: string, name: string): Promise<Checked<Uint8Array>> {
  try {
    return { ok: true, value: await readFile(join(dir, name)) };
  } catch (error) {
    if (isNotFound(error)) return { ok: false, problems: [`${name}: expected the file in ${dir}, found none`] };
    throw new Error(`could not read ${join(dir, name)}`, { cause: error });
  }
}

/** A JSON file from the manifest folder, parsed; missing files and JSON syntax errors are problems. */
export async function readPackageJson(dir: string, name: string): Promise<Checked<unknown>> {
  const file = await readPackageFile(dir, name);
  if (!file.ok) return file;
  try {
    const value: unknown = JSON.parse(Buffer.from(file.value).toString('utf8'));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, problems: [`${name}: expected valid JSON, ${error.message}`] };
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
