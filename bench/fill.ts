/**
 * Child process of `prefillStores` (bench/prefill.ts): `node --import tsx bench/fill.ts <sweep|statistics> <file>`
 * creates and fills that section's store at `file` and sends the fill's time (ms) to its parent.
 */
import { fillStatisticsStore } from './statistics';
import { fillSweepStore } from './sweep';

const [kind, file] = process.argv.slice(2);
if (file === undefined || (kind !== 'sweep' && kind !== 'statistics')) throw new Error(`usage: fill.ts <sweep|statistics> <file>, got ${process.argv.slice(2).join(' ')}`);
const fillMs = kind === 'sweep' ? await fillSweepStore(file) : await fillStatisticsStore(file);
process.send?.({ fillMs }, () => process.disconnect());
