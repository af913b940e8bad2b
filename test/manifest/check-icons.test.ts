import { crc32 } from 'node:zlib';
import { encode, type ImageData } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { checkIcons, ICON_RULES } from '../../scripts/app-package/check-icons';
import { readPng } from '../../scripts/png/read-png';

/**
 * Operators replace the icons with their own files, saved by whatever tool they use: palette, 16-bit and
 * interlaced PNGs must be read and checked like the 8-bit RGBA ones we generate (issue 13).
 */
const size = ICON_RULES.outlineSize;
const pixels = size * size;
/** Pixel index of the bridge's first visible pixel in these test images: row 5, column 3. */
const marked = 5 * size + 3;

const goodColor = { name: 'color.png', bytes: encode({ width: 192, height: 192, data: new Uint8Array(192 * 192 * 3).fill(90), channels: 3, depth: 8 }) };
const check = (outline: ImageData, interlace: 'null' | 'Adam7' = 'null') =>
  checkIcons({ color: goodColor, outline: { name: 'outline.png', bytes: encode(outline, { interlace }) } });

/** A palette outline: index 0 transparent, 1 white, 2 the colour given; the marked pixel uses `markedIndex`. */
function paletteOutline(markedIndex: number, third: number[]): ImageData {
  const data = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i += 1) data[i] = i % 3 === 0 ? 1 : 0;
  data[marked] = markedIndex;
  return { width: size, height: size, data, channels: 1, depth: 8, palette: [[0, 0, 0, 0], [255, 255, 255, 255], third] };
}

/** A 16-bit RGBA outline: white lines on transparent; the marked pixel gets `rgba`. */
function sixteenBitOutline(rgba: number[]): ImageData {
  const data = new Uint16Array(pixels * 4);
  for (let i = 0; i < pixels; i += 1) if (i % 3 === 0) data.set([65535, 65535, 65535, 65535], i * 4);
  data.set(rgba, marked * 4);
  return { width: size, height: size, data, channels: 4, depth: 16 };
}

/** An 8-bit RGBA outline, white on transparent, with `rgba` on the marked pixel. */
function rgbaOutline(rgba: number[], width: number = size): ImageData {
  const data = new Uint8Array(width * width * 4);
  for (let i = 0; i < width * width; i += 1) if (i % 3 === 0) data.set([255, 255, 255, 255], i * 4);
  data.set(rgba, marked * 4);
  return { width, height: width, data, channels: 4, depth: 8 };
}

const colourAtMarked = (rgba: string) =>
  `outline.png: expected only white or fully transparent pixels, found 1 other pixel(s), the first at x=3, y=5: rgba(${rgba})`;

describe('icons operators supply', () => {
  it('a palette outline icon, white and transparent, passes; one red palette pixel is named', () => {
    expect(check(paletteOutline(1, [200, 0, 0, 255]))).toEqual([]);
    expect(check(paletteOutline(2, [200, 0, 0, 255]))).toEqual([colourAtMarked('200, 0, 0, 255')]);
  });

  it('a 16-bit outline icon passes when white; 16-bit off-white is not white', () => {
    expect(check(sixteenBitOutline([65535, 65535, 65535, 32768]))).toEqual([]);
    expect(check(sixteenBitOutline([65535, 65280, 65535, 65535]))).toEqual([colourAtMarked('255, 254, 255, 255')]);
  });

  it('an interlaced (Adam7) outline icon is read pixel for pixel', () => {
    expect(check(rgbaOutline([255, 255, 255, 128]), 'Adam7')).toEqual([]);
    expect(check(rgbaOutline([0, 0, 255, 255]), 'Adam7')).toEqual([colourAtMarked('0, 0, 255, 255')]);
    expect(check(rgbaOutline([255, 255, 255, 255], 40), 'Adam7')).toEqual([`outline.png: expected ${size}×${size} pixels, found 40×40`]);
  });

  it('a palette colour icon of the wrong size is named', () => {
    const color = { width: 100, height: 100, data: new Uint8Array(100 * 100), channels: 1, depth: 8 as const, palette: [[27, 94, 159]] };
    const problems = checkIcons({ color: { name: 'color.png', bytes: encode(color) }, outline: { name: 'outline.png', bytes: encode(rgbaOutline([255, 255, 255, 255])) } });
    expect(problems).toEqual(['color.png: expected 192×192 pixels, found 100×100']);
  });

  it('a fully transparent outline icon is refused', () => {
    expect(check({ width: size, height: size, data: new Uint8Array(pixels * 2), channels: 2, depth: 8 })).toEqual([
      'outline.png: expected a white outline, found a fully transparent image',
    ]);
  });

  it('a damaged file is reported as a problem, not a crash', () => {
    const bytes = encode(rgbaOutline([255, 255, 255, 255]));
    const notPng = Uint8Array.from(bytes);
    notPng[1] = 0;
    const badCrc = Uint8Array.from(bytes);
    const inData = bytes.length - 20; // inside the image data, before IEND
    badCrc[inData] = (badCrc[inData] ?? 0) ^ 0xff;
    for (const broken of [notPng, badCrc, bytes.subarray(0, 60)]) {
      const problems = checkIcons({ color: goodColor, outline: { name: 'outline.png', bytes: broken } });
      expect(problems).toEqual([expect.stringMatching(/^outline\.png: not a readable PNG file/)]);
    }
  });
});

describe('reading PNG formats into RGBA', () => {
  it('unpacks 1-bit greyscale with a transparent colour key (tRNS)', () => {
    // 3×2, rows packed to whole bytes: 1 0 1 / 0 1 0; grey 0 is the transparent key.
    const bytes = encode({ width: 3, height: 2, data: Uint8Array.of(0b1010_0000, 0b0100_0000), channels: 1, depth: 1 });
    const withKey = withChunkBeforeIdat(bytes, 'tRNS', Uint8Array.of(0, 0));
    expect(Array.from(readPng(withKey).data)).toEqual([
      255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255,
      0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0,
    ]);
  });
});

/** Inserts a chunk (with its CRC) right before the first IDAT; fast-png's encoder writes no tRNS for greyscale. */
function withChunkBeforeIdat(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const view = Buffer.from(png);
  let offset = 8;
  while (view.toString('latin1', offset + 4, offset + 8) !== 'IDAT') offset += 12 + view.readUInt32BE(offset);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([view.subarray(0, offset), length, typeAndData, crc, view.subarray(offset)]);
}
