/**
 * `npm run package`: builds dist/sst-bridge-app.zip for upload to Teams. See docs/teams-app.md.
 * Needs BOT_ID; APP_ID, BOT_DOMAIN and APP_VERSION are optional. Exits 1 with a list of problems.
 */
import { fileURLToPath } from 'node:url';
import { packageApp } from './app-package/package-app';
import { readPackageVersion } from './app-package/read-package-version';

const root = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

const result = await packageApp({
  manifestDir: root('manifest'),
  outFile: root('dist/sst-bridge-app.zip'),
  env: process.env,
  defaultVersion: await readPackageVersion(root('package.json')),
});

if (result.ok) {
  const { outFile, settings, fileNames } = result.value;
  console.log(`Wrote ${outFile} (${fileNames.join(', ')})`);
  console.log(`  Teams app id ${settings.appId}, bot id ${settings.botId}, version ${settings.appVersion}`);
} else {
  console.error('The Teams app package was not built:');
  for (const problem of result.problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
}
