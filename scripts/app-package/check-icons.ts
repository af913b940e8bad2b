import { PngFormatError } from '../png/png-format-error';
import { readPng } from '../png/read-png';

export interface IconFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Teams app icons: the colour icon is 192×192, the outline icon 32×32 and only white on transparent
 * (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons).
 */
export const ICON_RULES = { colorSize: 192, outlineSize: 32 } as const;

/** Every way the two icons break Teams' rules; empty when both are fine. */
export function checkIcons(icons: { readonly color: IconFile; readonly outline: IconFile }): string[] {
  return [...reportingFormatErrors(icons.color, checkColorIcon), ...reportingFormatErrors(icons.outline, checkOutlineIcon)];
}

function checkColorIcon(icon: IconFile): string[] {
  const { width, height } = readPng(icon.bytes);
  return checkSize(icon.name, width, height, ICON_RULES.colorSize);
}

function checkOutlineIcon(icon: IconFile): string[] {
  const image = readPng(icon.bytes);
  const problems = checkSize(icon.name, image.width, image.height, ICON_RULES.outlineSize);
  let offending = 0;
  let first = '';
  let visible = 0;
  for (let i = 0; i < image.width * image.height; i += 1) {
    const [r = 0, g = 0, b = 0, a = 0] = image.data.subarray(i * 4, i * 4 + 4);
    if (a === 0) continue;
    visible += 1;
    if (r === 255 && g === 255 && b === 255) continue;
    offending += 1;
    if (first === '') first = `x=${i % image.width}, y=${Math.floor(i / image.width)}: rgba(${r}, ${g}, ${b}, ${a})`;
  }
  if (offending > 0) {
    problems.push(
      `${icon.name}: expected only white or fully transparent pixels, found ${offending} other pixel(s), the first at ${first}`,
    );
  }
  if (visible === 0) problems.push(`${icon.name}: expected a white outline, found a fully transparent image`);
  return problems;
}

function checkSize(name: string, width: number, height: number, size: number): string[] {
  return width === size && height === size ? [] : [`${name}: expected ${size}×${size} pixels, found ${width}×${height}`];
}

/** A damaged or unreadable PNG is a problem to report, not a crash; other errors are bugs and propagate. */
function reportingFormatErrors(icon: IconFile, check: (icon: IconFile) => string[]): string[] {
  try {
    return check(icon);
  } catch (error) {
    if (error instanceof PngFormatError) return [`${icon.name}: ${error.message}`];
    throw error;
  }
}
