import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, writePngChunk } from './png-chunks';
import type { RgbaImage } from './rgba-image';

const BYTES_PER_PIXEL = 4;

/** Encodes an RGBA image as a non-interlaced 8-bit RGBA PNG (colour type 6), no filtering. */
export function encodePng(image: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: truecolour with alpha
  header.writeUInt8(0, 10); // compression: deflate
  header.writeUInt8(0, 11); // filter method 0
  header.writeUInt8(0, 12); // no interlace

  const stride = image.width * BYTES_PER_PIXEL;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    const rowStart = y * (stride + 1);
    raw[rowStart] = 0; // filter type None for every scanline
    raw.set(image.data.subarray(y * stride, (y + 1) * stride), rowStart + 1);
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    writePngChunk('IHDR', header),
    writePngChunk('IDAT', deflateSync(raw, { level: 9 })),
    writePngChunk('IEND', new Uint8Array(0)),
  ]);
}
