import { z } from 'zod';
import type { FieldError } from '../../../../domain/errors';
import { statisticsPeriods, type StatisticsPeriodChoice } from '../../../../domain/statistics/statistics-period';
import { allDistricts, statisticsFields, type StatisticsField, type StatisticsValues } from '../../cards/views/statistics-form';
import { FieldReader } from '../field-reader';
import { inputValue } from '../report/schemas';


/** The statistics form's payload (and the data of its "choose another period" button): every field optional. */
export const statisticsPayloadSchema = z.object({
  period: inputValue,
  from: inputValue,
  to: inputValue,
  district: inputValue,
});

export type ParsedStatisticsRequest =
  | { kind: 'malformed' }
  | { kind: 'invalid'; values: StatisticsValues; errors: FieldError<StatisticsField>[] }
  | { kind: 'request'; values: StatisticsValues; choice: StatisticsPeriodChoice; districtCode?: string };

/** The values as sent, for a form that comes back with them kept. */
export function statisticsValuesOf(data: unknown): StatisticsValues {
  const parsed = statisticsPayloadSchema.safeParse(data);
  if (!parsed.success) return {};
  const values: StatisticsValues = {};
  for (const f of statisticsFields) {
    const v = parsed.data[f];
    if (typeof v === 'string' && v !== '') values[f] = v;
  }
  return values;
}

/**
 * Reads the form: a period, and for custom dates both dates in order, not after `today`. The district is a code
 * as sent; whether the person may ask for it is the access policy's to decide, not the form's.
 */
export function parseStatisticsPayload(data: unknown, today: string): ParsedStatisticsRequest {
  if (!statisticsPayloadSchema.safeParse(data).success) return { kind: 'malformed' };
  const values = statisticsValuesOf(data);
  const r = new FieldReader<StatisticsField>(values);
  const period = r.oneOf('period', statisticsPeriods, 'this_term', { required: true });
  let choice: StatisticsPeriodChoice = { period: period === 'custom' ? 'this_term' : period };
  if (period === 'custom') {
    const from = r.date('from', { required: true });
    const to = r.date('to', { required: true });
    if (r.errors.length === 0 && to < from) r.errors.push({ field: 'to', code: 'period_order' });
    if (r.errors.length === 0 && to > today) r.errors.push({ field: 'to', code: 'date_in_future' });
    choice = { period: 'custom', from, to };
  }
  if (r.errors.length > 0) return { kind: 'invalid', values, errors: r.errors };
  const district = values.district;
  return district === undefined || district === allDistricts ? { kind: 'request', values, choice } : { kind: 'request', values, choice, districtCode: district };
}
