import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * Bundles the bot into one ES module (`<outDir>/main.js` + source map) that plain `node` runs. Our own code,
 * the card templates and the i18n catalogues (JSON imports) are inlined; every npm package stays an external
 * import resolved from node_modules at run time, so native addons (better-sqlite3) and packages that read
 * their own files keep working, and `npm ci --omit=dev` installs all the bundle needs.
 */
export interface BuiltBot {
  entry: string;
  /**
   * Bare specifiers the bundle imports at run time (npm packages and node: built-ins), including the packages
   * it `require`s lazily with `createRequire(import.meta.url)(…)` (esbuild's metafile does not list those).
   */
  imports: string[];
  /** The packages among `imports` that are loaded on first use rather than at start-up. */
  lazy: string[];
}

/** How our code loads a package on first use (src/adapters/teams/cards/expand.ts), as esbuild prints it (it numbers `createRequire` when more than one module imports it). */
const lazyRequire = /createRequire\d*\(import\.meta\.url\)\("([^"]+)"\)/g;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function buildBot(outDir: string): Promise<BuiltBot> {
  const entry = join(outDir, 'main.js');
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['src/main.ts'],
    // The entry's dynamic import of the composition root becomes its own chunk, so that nothing (no package)
    // loads before the entry has turned the compile cache on (src/config/compile-cache.ts).
    splitting: true,
    outdir: outDir,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node in package.json `engines`.
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const imports = new Set<string>();
  const lazy = new Set<string>();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) imports.add(imported.path);
    if (!file.endsWith('.js')) continue;
    for (const match of readFileSync(join(repoRoot, file), 'utf8').matchAll(lazyRequire)) if (match[1] !== undefined) lazy.add(match[1]);
  }
  for (const specifier of lazy) imports.add(specifier);
  return { entry, imports: [...imports].sort(), lazy: [...lazy].sort() };
}
