/**
 * `npm run build`: type-checks (in the npm script) and bundles the bot into dist/main.js with its source map.
 * `npm start` runs it with plain node. See README "Build and run".
 */
import { fileURLToPath } from 'node:url';
import { buildBot } from './build/build-bot';

const built = await buildBot(fileURLToPath(new URL('../dist', import.meta.url)));
console.log(`Wrote ${built.entry} (imports at run time: ${built.imports.join(', ')})`);
