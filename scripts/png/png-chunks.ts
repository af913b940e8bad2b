import { crc32 } from 'node:zlib';
import { PngFormatError } from './png-format-error';

/** The eight bytes every PNG file starts with (PNG spec, section 5.2). */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngChunk {
  readonly type: string;
  readonly data: Uint8Array;
}

/** Serialises one chunk: length, type, data, and the CRC over type and data. */
export function writePngChunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const header = Buffer.alloc(8);
  header.writeUInt32BE(data.length, 0);
  typeBytes.copy(header, 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(typeBytes)), 0);
  return Buffer.concat([header, data, crc]);
}

/** Splits a PNG file into its chunks, checking the signature and every CRC; throws on damage. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 8 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new PngFormatError('not a PNG file (the PNG signature is missing)');
  }
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset + 12 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buffer.length) throw new PngFormatError(`PNG chunk at byte ${offset} runs past the end of the file`);
    const typeBytes = buffer.subarray(offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    const type = typeBytes.toString('latin1');
    if (buffer.readUInt32BE(offset + 8 + length) !== crc32(data, crc32(typeBytes))) {
      throw new PngFormatError(`PNG chunk ${type} at byte ${offset} has a bad CRC`);
    }
    chunks.push({ type, data });
    offset = end;
    if (type === 'IEND') return chunks;
  }
  throw new PngFormatError('PNG file ends without an IEND chunk');
}
