/**
 * `npm run build`: type-checks (in the npm script) and bundles the bot into dist/main.js with its source map.
 * `npm start` runs it with plain node. See README "Build and run".
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBot } from './build/build-bot';

const outDir = fileURLToPath(new URL('../dist', import.meta.url));
// The chunks' names carry a content hash: a fresh folder leaves no chunk of an earlier build behind.
rmSync(outDir, { recursive: true, force: true });
const built = await buildBot(outDir);
console.log(`Wrote ${built.entry} (imports at run time: ${built.imports.join(', ')}; loaded on first use: ${built.lazy.join(', ')})`);
