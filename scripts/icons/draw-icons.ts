import { createRgbaImage, type RgbaImage } from '../png/rgba-image';
import { isOnBridge, type BridgeStrokes } from './bridge-shape';

/** Teams app icon sizes: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** The app's accent colour; manifest.json `accentColor` uses the same value. */
export const ACCENT = { r: 0x1b, g: 0x5e, b: 0x9f } as const;

const COLOR_STROKES: BridgeStrokes = { main: 0.075, hanger: 0.035, hangers: [0.38, 0.5, 0.62] };
// Three-pixel arch and deck and one two-pixel hanger: whole pixels at 32 px.
const OUTLINE_STROKES: BridgeStrokes = { main: 3 / 32, hanger: 2 / 32, hangers: [0.5] };

/** 192×192 full-colour icon: the white bridge on a full-bleed accent background. */
export function drawColorIcon(): RgbaImage {
  const image = createRgbaImage(COLOR_ICON_SIZE, COLOR_ICON_SIZE);
  paint(image, 4, (x, y) => (isOnBridge(x, y, COLOR_STROKES) ? 1 : 0), (px, coverage) => {
    px.set([mix(ACCENT.r, 255, coverage), mix(ACCENT.g, 255, coverage), mix(ACCENT.b, 255, coverage), 255]);
  });
  return image;
}

/** 32×32 outline icon: white on transparent, as Teams requires; edges are white with partial alpha. */
export function drawOutlineIcon(): RgbaImage {
  const image = createRgbaImage(OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE);
  paint(image, 8, (x, y) => (isOnBridge(x, y, OUTLINE_STROKES) ? 1 : 0), (px, coverage) => {
    px.set([255, 255, 255, Math.round(coverage * 255)]);
  });
  return image;
}

/** Calls `write` for every pixel with the share of its samples × samples sub-pixels inside the shape. */
function paint(
  image: RgbaImage,
  samples: number,
  inside: (x: number, y: number) => number,
  write: (pixel: Uint8Array, coverage: number) => void,
): void {
  const { width, height } = image;
  for (let py = 0; py < height; py += 1) {
    for (let px = 0; px < width; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          hits += inside((px + (sx + 0.5) / samples) / width, (py + (sy + 0.5) / samples) / height);
        }
      }
      const at = (py * width + px) * 4;
      write(image.data.subarray(at, at + 4), hits / (samples * samples));
    }
  }
}

function mix(from: number, to: number, share: number): number {
  return Math.round(from + (to - from) * share);
}
