import type { Summary } from './stats';

export type Verdict = 'PASS' | 'MISS' | '';

/** One line of the results table. Empty cells print as "–". */
export interface Row {
  measure: string;
  load: string;
  p50?: string;
  p95?: string;
  p99?: string;
  throughput?: string;
  target?: string;
  verdict?: Verdict;
}

/** What a section hands back: rows for the table, and notes printed under it (query plans, caveats). */
export interface SectionResult {
  rows: Row[];
  notes: string[];
}

export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a');
export const perSecond = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)}/s` : 'n/a');
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function latencyRow(measure: string, load: string, s: Summary, extra: Partial<Row> = {}): Row {
  return { measure, load, p50: ms(s.p50), p95: ms(s.p95), p99: ms(s.p99), throughput: perSecond(s.throughput), ...extra };
}

export const verdictOf = (passed: boolean): Verdict => (passed ? 'PASS' : 'MISS');

export function renderTable(rows: readonly Row[]): string {
  const header = ['Measure', 'Load', 'p50', 'p95', 'p99', 'Throughput', 'Target', 'Result'];
  const cells = rows.map((r) => [r.measure, r.load, r.p50, r.p95, r.p99, r.throughput, r.target, r.verdict].map((c) => (c ? c : '–')));
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i >= 2 && i <= 5 ? '---:' : '---')).join('|')}|`,
    ...cells.map((c) => `| ${c.join(' | ')} |`),
  ].join('\n');
}
