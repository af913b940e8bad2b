import type { FieldError } from '../../../../domain/errors';
import type { Directory } from '../../../../domain/routing/directory';
import type { StatisticsScope } from '../../../../domain/access/policy';
import { statisticsPeriods } from '../../../../domain/statistics/statistics-period';
import { catalogue, type Lang } from '../../i18n/i18n';
import { choicesOf, fieldMessages } from './field-messages';

export const statisticsFields = ['period', 'from', 'to', 'district'] as const;
export type StatisticsField = (typeof statisticsFields)[number];
export type StatisticsValues = Partial<Record<StatisticsField, string>>;
/** The district filter's choice for the whole scope. */
export const allDistricts = 'all';

export interface StatisticsFormInput {
  lang: Lang;
  directory: Directory;
  scope: StatisticsScope;
  values?: StatisticsValues;
  errors?: readonly FieldError<StatisticsField>[];
}

/** `statistik`: the period, and for the evaluation staff only a district filter over their scope. */
export function statisticsFormView(input: StatisticsFormInput) {
  const cat = catalogue(input.lang);
  const l = cat.statistics;
  const errors = input.errors ?? [];
  const names = new Map(input.directory.districts.map((d) => [d.code, d.name]));
  return {
    l: { ...l, required: cat.fieldErrors.required },
    hasErrors: errors.length > 0,
    values: {
      period: input.values?.period ?? 'this_term',
      from: input.values?.from ?? '',
      to: input.values?.to ?? '',
      district: input.values?.district ?? allDistricts,
    },
    errors: fieldMessages(statisticsFields, errors, input.lang),
    periods: choicesOf(statisticsPeriods, l.periods),
    mayFilterDistricts: input.scope.mayFilterDistricts,
    districts: [
      { value: allDistricts, title: l.allDistricts },
      ...input.scope.districtCodes.map((code) => ({ value: code, title: names.get(code) ?? code })),
    ],
  };
}
