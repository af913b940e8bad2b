import { smallestShownCell, type Figure } from './statistics-report';

/**
 * Disclosure control (docs/statistics.md): a count of 1–4 is not shown; every other count is shown rounded to
 * the nearest multiple of 5 (0 stays 0). So every shown count, and every sum or difference of shown counts,
 * whatever the filters, is a multiple of 5 and never 1–4. Shares are computed from the rounded counts, so they
 * tell nothing the rounded counts do not; order statistics (median, p90) need at least 5 cases.
 */
export const roundingBase = 5;

const isSmall = (n: number): boolean => n > 0 && n < smallestShownCell;

/** The shown value of a count: suppressed for 1–4, else rounded to the nearest multiple of 5. */
export function shownCount(n: number): Figure {
  if (isSmall(n)) return { shown: false };
  return { shown: true, value: roundToBase(n) };
}

/** `n` rounded to the nearest multiple of 5 (…2 down, …3 up). */
export function roundToBase(n: number): number {
  return Math.round(n / roundingBase) * roundingBase;
}

/**
 * The percentage `part` of `whole`, in whole percent, from the rounded counts: suppressed when fewer than 5
 * cases, or when `part` is itself a small cell.
 */
export function shownPercent(part: number, whole: number): Figure {
  if (whole < smallestShownCell || isSmall(part)) return { shown: false };
  return { shown: true, value: Math.round((100 * roundToBase(part)) / roundToBase(whole)) };
}

/**
 * The `p`-quantile (0 < p ≤ 1, nearest rank) of a weighted histogram of values: suppressed under 5 cases.
 * The median is `p = 0.5`, the 90th percentile `p = 0.9`.
 */
export function shownQuantile(histogram: ReadonlyArray<{ value: number; count: number }>, p: number): Figure {
  const sorted = [...histogram].filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, h) => sum + h.count, 0);
  if (n < smallestShownCell) return { shown: false };
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= rank) return { shown: true, value: h.value };
  }
  return { shown: false };
}
