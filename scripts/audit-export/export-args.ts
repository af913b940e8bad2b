import { z } from 'zod';
import { parseOptions } from '../cli-options';
import { addCalendarDays, isCalendarDate } from '../../src/domain/calendar/calendar-date';

/** What `npm run audit:export -- --from … --to … [--format csv|json] [--case <id>]` asks for. */
export interface ExportArgs {
  /** First and last day of the period, Stockholm dates, both included. */
  from: string;
  to: string;
  format: 'csv' | 'json';
  caseId?: string;
}

export const usage = 'Usage: npm run audit:export -- --from 2026-01-01 --to 2026-12-31 [--format csv|json] [--case <case id>] > audit.csv';

const date = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD, e.g. 2026-01-01');
const argsSchema = z
  .object({
    from: date,
    to: date,
    format: z.enum(['csv', 'json']).default('csv'),
    case: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((a) => a.from <= a.to, { path: ['to'], message: 'must not be before --from' })
  // Object refinements run even when a field failed: only compare real dates.
  .refine((a) => !isCalendarDate(a.from) || a.to <= addCalendarDays(a.from, 3660), { path: ['to'], message: 'the period may be at most ten years' });

/** Reads `--name value` pairs; every problem is listed, with the usage line, so that one run shows them all. */
export function parseExportArgs(argv: readonly string[]): { ok: true; args: ExportArgs } | { ok: false; problems: string[] } {
  const parsed = parseOptions(argv, argsSchema);
  if (!parsed.ok) return { ok: false, problems: [...parsed.problems, usage] };
  const { from, to, format, case: caseId } = parsed.data;
  return { ok: true, args: { from, to, format, ...(caseId !== undefined ? { caseId } : {}) } };
}
