import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildAppPackage } from './build-app-package';
import type { Checked } from './checked';
import { parsePackageSettings, type PackageSettings } from './package-settings';
import { zipAppPackage } from './zip-app-package';

export interface PackageAppOptions {
  /** Folder with manifest.json, its localization files and the icons. */
  readonly manifestDir: string;
  /** Where the zip is written; its folder is created if needed. Nothing is written when a check fails. */
  readonly outFile: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** App version when APP_VERSION is not set. */
  readonly defaultVersion: string;
}

export interface PackagedApp {
  readonly outFile: string;
  readonly settings: PackageSettings;
  readonly fileNames: readonly string[];
}

/** Reads the settings, builds and checks the package, and writes the zip: `npm run package` end to end. */
export async function packageApp(options: PackageAppOptions): Promise<Checked<PackagedApp>> {
  const settings = parsePackageSettings(options.env, { appVersion: options.defaultVersion });
  if (!settings.ok) return settings;
  const built = await buildAppPackage(options.manifestDir, settings.value);
  if (!built.ok) return built;
  await mkdir(dirname(options.outFile), { recursive: true });
  await writeFile(options.outFile, await zipAppPackage(built.value));
  return {
    ok: true,
    value: { outFile: options.outFile, settings: settings.value, fileNames: [...built.value.files.keys()].sort() },
  };
}
