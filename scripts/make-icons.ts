/**
 * Regenerates manifest/color.png and manifest/outline.png from scripts/icons/. The PNGs are committed;
 * run this only after changing the design: `npx tsx scripts/make-icons.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { drawColorIcon, drawOutlineIcon } from './icons/draw-icons';
import { encodePng } from './png/encode-png';

const manifestDir = fileURLToPath(new URL('../manifest/', import.meta.url));

await writeFile(`${manifestDir}color.png`, encodePng(drawColorIcon()));
await writeFile(`${manifestDir}outline.png`, encodePng(drawOutlineIcon()));
console.log(`Wrote color.png and outline.png in ${manifestDir}`);
