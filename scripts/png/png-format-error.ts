/** A PNG file that is damaged: fast-png cannot read it. */
export class PngFormatError extends Error {
  override readonly name = 'PngFormatError';
}
