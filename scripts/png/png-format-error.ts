/** A PNG file that is damaged or in a format this project's decoder does not read. */
export class PngFormatError extends Error {
  override readonly name = 'PngFormatError';
}
