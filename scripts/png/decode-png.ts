import { inflateSync } from 'node:zlib';
import { readPngChunks, type PngChunk } from './png-chunks';
import { PngFormatError } from './png-format-error';
import type { RgbaImage } from './rgba-image';

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly interlaced: boolean;
}

/** Channels per pixel for the 8-bit colour types we read (PNG spec, table 11.1); palette (3) is not read. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Reads the IHDR of any PNG file; throws {@link PngFormatError} if the file is damaged. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  return parseHeader(readPngChunks(bytes));
}

function parseHeader(chunks: readonly PngChunk[]): PngHeader {
  const [first] = chunks;
  if (first?.type !== 'IHDR' || first.data.length !== 13) throw new PngFormatError('PNG file does not start with an IHDR chunk');
  const ihdr = Buffer.from(first.data);
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr.readUInt8(8),
    colourType: ihdr.readUInt8(9),
    interlaced: ihdr.readUInt8(12) !== 0,
  };
}

/**
 * Decodes a non-interlaced 8-bit greyscale, grey+alpha, RGB or RGBA PNG into RGBA pixels. Throws
 * {@link PngFormatError} for damaged files and for formats outside that set.
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const chunks = readPngChunks(bytes);
  const header = parseHeader(chunks);
  const channels = CHANNELS[header.colourType];
  if (header.bitDepth !== 8 || channels === undefined || header.interlaced) {
    throw new PngFormatError(
      `unsupported PNG format (bit depth ${header.bitDepth}, colour type ${header.colourType}, ` +
        `${header.interlaced ? 'interlaced' : 'not interlaced'}); save it as 8-bit RGBA, not interlaced`,
    );
  }
  const compressed = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = inflate(compressed);
  const stride = header.width * channels;
  if (raw.length !== (stride + 1) * header.height) {
    throw new PngFormatError(`PNG image data has ${raw.length} bytes; ${(stride + 1) * header.height} were expected`);
  }
  const pixels = unfilter(raw, stride, header.height, channels);
  return { width: header.width, height: header.height, data: toRgba(pixels, channels) };
}

function inflate(compressed: Buffer): Buffer {
  try {
    return inflateSync(compressed);
  } catch (error) {
    throw new PngFormatError('PNG image data is not valid zlib data', { cause: error });
  }
}

/** Reverses the per-scanline filters (PNG spec, section 9). */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x += 1) {
      const a = x >= bpp ? (out[at + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[at - stride + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[at - stride + x - bpp] ?? 0) : 0;
      out[at + x] = ((row[x] ?? 0) + predict(filter, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number | undefined, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return Math.floor((a + b) / 2);
    case 4:
      return paeth(a, b, c);
    default:
      throw new PngFormatError(`unknown PNG filter type ${String(filter)}`);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(pixels: Uint8Array, channels: number): Uint8Array {
  if (channels === 4) return pixels;
  const count = pixels.length / channels;
  const rgba = new Uint8Array(count * 4);
  for (let i = 0; i < count; i += 1) {
    const p = i * channels;
    const grey = channels <= 2;
    const r = pixels[p] ?? 0;
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = grey ? r : (pixels[p + 1] ?? 0);
    rgba[i * 4 + 2] = grey ? r : (pixels[p + 2] ?? 0);
    rgba[i * 4 + 3] = channels === 2 ? (pixels[p + 1] ?? 0) : 255;
  }
  return rgba;
}
