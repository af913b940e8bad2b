/**
 * The SST Bridge mark in unit coordinates (0..1, origin top left): a through-arch bridge, an arch
 * rising over a deck with three hangers. Both icons draw this shape, so they stay recognisably the same.
 */
export interface BridgeStrokes {
  /** Thickness of the arch and the deck. */
  readonly main: number;
  /** Thickness of the hangers. */
  readonly hanger: number;
  /** Where the hangers stand, as x positions; fewer at small sizes, where thin lines blur. */
  readonly hangers: readonly number[];
}

const ARCH_CENTRE = { x: 0.5, y: 0.7 };
const ARCH_RADIUS = 0.32;
// 18.5/32: at 32 px a three-pixel deck then covers whole pixel rows and stays crisp.
const DECK_Y = 0.578125;
const DECK_FROM = 0.12;
const DECK_TO = 0.88;

/** True when the point lies on the mark. */
export function isOnBridge(x: number, y: number, strokes: BridgeStrokes): boolean {
  return isOnArch(x, y, strokes.main) || isOnDeck(x, y, strokes.main) || isOnHanger(x, y, strokes);
}

function isOnArch(x: number, y: number, stroke: number): boolean {
  const distance = Math.hypot(x - ARCH_CENTRE.x, y - ARCH_CENTRE.y);
  return y <= ARCH_CENTRE.y && Math.abs(distance - ARCH_RADIUS) <= stroke / 2;
}

function isOnDeck(x: number, y: number, stroke: number): boolean {
  const half = stroke / 2;
  if (Math.abs(y - DECK_Y) > half) return false;
  // Rounded ends: the deck is a capsule from DECK_FROM to DECK_TO.
  if (x < DECK_FROM) return Math.hypot(x - DECK_FROM, y - DECK_Y) <= half;
  if (x > DECK_TO) return Math.hypot(x - DECK_TO, y - DECK_Y) <= half;
  return true;
}

function isOnHanger(x: number, y: number, strokes: BridgeStrokes): boolean {
  if (y > DECK_Y) return false;
  return strokes.hangers.some((hx) => {
    if (Math.abs(x - hx) > strokes.hanger / 2) return false;
    const archInnerY = ARCH_CENTRE.y - Math.sqrt(Math.max(0, ARCH_RADIUS ** 2 - (x - ARCH_CENTRE.x) ** 2));
    return y >= archInnerY;
  });
}
