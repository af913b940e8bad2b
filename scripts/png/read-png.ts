import { convertIndexedToRgb, decode, type DecodedPng } from 'fast-png';
import { PngFormatError } from './png-format-error';
import type { RgbaImage } from './rgba-image';

/**
 * Reads any PNG that operators may supply (greyscale, RGB, palette, with or without alpha; 1–16 bits per
 * sample; interlaced or not) into 8-bit RGBA with fast-png. Throws {@link PngFormatError} when the file is
 * damaged (bad signature, bad CRC, truncated or undecodable data).
 */
export function readPng(bytes: Uint8Array): RgbaImage {
  let png: DecodedPng;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (error) {
    // fast-png throws plain Errors for every kind of damage; all of them mean "this file is not a readable PNG".
    throw new PngFormatError(`not a readable PNG file (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return { width: png.width, height: png.height, data: toRgba8(png) };
}

function toRgba8(png: DecodedPng): Uint8Array {
  const count = png.width * png.height;
  if (png.palette !== undefined) return expand(convertIndexedToRgb(png), png.palette[0]?.length ?? 3, count, 8);
  const samples = png.depth < 8 ? unpack(png) : png.data;
  const rgba = expand(samples, png.channels, count, png.depth);
  applyColourKey(png, samples, rgba);
  return rgba;
}

/** Scales one sample of `depth` bits to 8 bits, rounding (0xFF00 in 16 bits is 254, not white). */
const to8 = (value: number, depth: number): number => (depth === 8 ? value : Math.round((value * 255) / (2 ** depth - 1)));

/** Grey, grey+alpha, RGB or RGBA samples (one number each) → RGBA bytes. */
function expand(samples: ArrayLike<number>, channels: number, count: number, depth: number): Uint8Array {
  const rgba = new Uint8Array(count * 4);
  const grey = channels <= 2;
  const hasAlpha = channels === 2 || channels === 4;
  for (let i = 0; i < count; i += 1) {
    const p = i * channels;
    const r = to8(samples[p] ?? 0, depth);
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = grey ? r : to8(samples[p + 1] ?? 0, depth);
    rgba[i * 4 + 2] = grey ? r : to8(samples[p + 2] ?? 0, depth);
    rgba[i * 4 + 3] = hasAlpha ? to8(samples[p + channels - 1] ?? 0, depth) : 255;
  }
  return rgba;
}

/** 1-, 2- and 4-bit greyscale rows are packed, each row starting on a byte (PNG spec, section 7.2). */
function unpack(png: DecodedPng): Uint8Array {
  const out = new Uint8Array(png.width * png.height);
  const rowBytes = Math.ceil((png.width * png.depth) / 8);
  const mask = 2 ** png.depth - 1;
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const bit = x * png.depth;
      const byte = png.data[y * rowBytes + Math.floor(bit / 8)] ?? 0;
      out[y * png.width + x] = (byte >> (8 - png.depth - (bit % 8))) & mask;
    }
  }
  return out;
}

/** A tRNS chunk on greyscale or RGB names one colour that is fully transparent (PNG spec, section 11.3.2.1). */
function applyColourKey(png: DecodedPng, samples: ArrayLike<number>, rgba: Uint8Array): void {
  const key = png.transparency;
  if (key === undefined || (png.channels !== 1 && png.channels !== 3)) return;
  for (let i = 0; i < png.width * png.height; i += 1) {
    let matches = true;
    for (let c = 0; c < png.channels; c += 1) if (samples[i * png.channels + c] !== key[c]) matches = false;
    if (matches) rgba[i * 4 + 3] = 0;
  }
}
