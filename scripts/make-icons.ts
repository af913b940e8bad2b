/**
 * Regenerates manifest/color.png and manifest/outline.png from scripts/icons/. The PNGs are committed;
 * run this only after changing the design: `npx tsx scripts/make-icons.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { drawColorIcon, drawOutlineIcon } from './icons/draw-icons';
import { encode } from 'fast-png';
import type { RgbaImage } from './png/rgba-image';

/** An 8-bit RGBA PNG, the form Teams documents for app icons. */
const encodePng = (image: RgbaImage): Uint8Array => encode({ ...image, channels: 4, depth: 8 });

const manifestDir = fileURLToPath(new URL('../manifest/', import.meta.url));

await writeFile(`${manifestDir}color.png`, encodePng(drawColorIcon()));
await writeFile(`${manifestDir}outline.png`, encodePng(drawOutlineIcon()));
console.log(`Wrote color.png and outline.png in ${manifestDir}`);
