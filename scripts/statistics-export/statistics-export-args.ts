import { z } from 'zod';
import { parseOptions } from '../cli-options';
import { isCalendarDate } from '../../src/domain/calendar/calendar-date';

/** What `npm run stats:export -- --from … --to … [--district CODE] --format csv|json` asks for. */
export interface StatisticsExportArgs {
  from: string;
  to: string;
  /** One district; absent: every district of the directory. */
  districtCode?: string;
  format: 'csv' | 'json';
}

export const statisticsUsage = 'Usage: npm run stats:export -- --from 2026-08-01 --to 2027-06-30 [--district FAR] --format csv|json > statistics.csv';

const date = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD, e.g. 2026-08-01');
const argsSchema = z
  .object({ from: date, to: date, district: z.string().regex(/^[A-Z]{2,5}$/, 'expected a district code such as FAR').optional(), format: z.enum(['csv', 'json']) })
  .strict()
  .refine((a) => a.from <= a.to, { path: ['to'], message: 'must not be before --from' });

/** Reads `--name value` pairs; every problem is listed, with the usage line. */
export function parseStatisticsExportArgs(argv: readonly string[]): { ok: true; args: StatisticsExportArgs } | { ok: false; problems: string[] } {
  const parsed = parseOptions(argv, argsSchema);
  if (!parsed.ok) return { ok: false, problems: [...parsed.problems, statisticsUsage] };
  const { from, to, district, format } = parsed.data;
  return { ok: true, args: { from, to, format, ...(district !== undefined ? { districtCode: district } : {}) } };
}
