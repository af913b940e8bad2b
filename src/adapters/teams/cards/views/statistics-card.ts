import type { StatisticsScope } from '../../../../domain/access/policy';
import { supportLevels } from '../../../../domain/report/support-level';
import type { Directory } from '../../../../domain/routing/directory';
import type { StatisticsPeriodChoice } from '../../../../domain/statistics/statistics-period';
import type { Figure, StatisticsReport } from '../../../../domain/statistics/statistics-report';
import { catalogue, fill, intlLocale, type Lang } from '../../i18n/i18n';

export interface StatisticsCardInput {
  lang: Lang;
  directory: Directory;
  report: StatisticsReport;
  scope: StatisticsScope;
  choice: StatisticsPeriodChoice;
  /** The district the evaluation staff filtered to, if any. */
  districtCode?: string;
}

/**
 * The statistics card: every chart has a table beside it with the same numbers, so that a client without
 * charts, a screen reader and an export agree. A suppressed figure reads "fewer than 5" in the tables and is
 * never a chart point (issue #16).
 */
export function statisticsCardView(input: StatisticsCardInput) {
  const { lang, report } = input;
  const l = catalogue(lang).statistics;
  const cat = catalogue(lang);
  const locale = intlLocale[lang];
  const number = new Intl.NumberFormat(locale);
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  const count = (f: Figure) => (f.shown ? number.format(f.value) : l.fewerThan5);
  const percent = (f: Figure) => (f.shown ? fill(lang, l.percent, { value: number.format(f.value) }) : l.fewerThan5);
  const days = count;
  const change = (f: Figure) => (f.shown ? signed.format(f.value) : l.fewerThan5);
  /** Chart points for shown figures only. */
  const points = <T>(rows: readonly T[], x: (row: T) => string, figure: (row: T) => Figure) =>
    rows.flatMap((row) => {
      const f = figure(row);
      return f.shown ? [{ x: x(row), y: f.value }] : [];
    });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = (m: string) => monthFormat.format(new Date(`${m}-01T00:00:00Z`));
  const districtName = (code: string) => input.directory.districts.find((d) => d.code === code)?.name ?? code;
  const levelName = (level: (typeof supportLevels)[number]) => cat.supportLevels[level];

  const levelSeries = supportLevels
    .map((level) => ({ legend: levelName(level), values: points(report.reportsByMonth, (r) => month(r.month), (r) => r.bySupportLevel[level]) }))
    .filter((s) => s.values.length > 0);
  const harmSeries = [
    { legend: l.suspectedHarm, values: points(report.reportsByMonth, (r) => month(r.month), (r) => r.suspectedHarm) },
    { legend: l.consultations, values: points(report.reportsByMonth, (r) => month(r.month), (r) => r.consultations) },
  ].filter((s) => s.values.length > 0);
  const handoverOutcomes = report.handovers.outcomes.map((o) => ({ label: cat.handoverOutcomes[o.outcome], count: count(o.count), figure: o.count }));
  const closed = report.closedByOutcome.map((o) => ({ label: cat.caseOutcomes[o.outcome], count: count(o.count), figure: o.count }));
  const open = report.openByAge.map((o) => ({ label: l.ageBands[o.band], count: count(o.count), figure: o.count }));
  const districts = report.reportsByDistrict.map((d) => ({ label: districtName(d.districtCode), total: count(d.total), figure: d.total }));
  const scopeDistricts = report.query.districtCodes.map(districtName);

  return {
    l,
    period: fill(lang, l.periodLine, { from: date.format(new Date(`${report.query.from}T00:00:00Z`)), to: date.format(new Date(`${report.query.to}T00:00:00Z`)) }),
    scope: fill(lang, l.scope, { count: scopeDistricts.length, districts: scopeDistricts.join(', ') }),
    months: report.reportsByMonth.map((r) => ({
      label: month(r.month),
      total: count(r.total),
      school_internal: count(r.bySupportLevel.school_internal),
      sst: count(r.bySupportLevel.sst),
      intensive: count(r.bySupportLevel.intensive),
      harm: count(r.suspectedHarm),
      consultations: count(r.consultations),
    })),
    // Short names in table headers and rows, where a column is narrow; the charts' legends carry the full names.
    levels: l.levelsShort,
    levelSeries,
    harmSeries,
    districts: districts.map(({ label, total }) => ({ label, total })),
    districtPoints: points(districts, (d) => d.label, (d) => d.figure),
    timeToTake: [
      { title: l.timeCases, value: count(report.timeToTake.cases) },
      { title: l.median, value: days(report.timeToTake.medianSchoolDays) },
      { title: l.p90, value: days(report.timeToTake.p90SchoolDays) },
      { title: l.withinLimit, value: percent(report.timeToTake.withinLimitPercent) },
    ],
    handovers: [
      { title: l.handoverCount, value: count(report.handovers.count) },
      { title: l.urgentSameDay, value: percent(report.handovers.urgentAcknowledgedSameDayPercent) },
      { title: l.acknowledgedWithinLimit, value: percent(report.handovers.acknowledgedWithinLimitPercent) },
      { title: l.outcomeWithin14Days, value: percent(report.handovers.outcomeWithin14DaysPercent) },
    ],
    handoverOutcomes: handoverOutcomes.map(({ label, count: c }) => ({ label, count: c })),
    handoverOutcomePoints: handoverOutcomes.flatMap((o) => (o.figure.shown ? [{ legend: o.label, value: o.figure.value }] : [])),
    closed: closed.map(({ label, count: c }) => ({ label, count: c })),
    closedPoints: points(closed, (o) => o.label, (o) => o.figure),
    open: open.map(({ label, count: c }) => ({ label, count: c })),
    openPoints: points(open, (o) => o.label, (o) => o.figure),
    attendance: report.attendance.map((a) => ({
      label: l.levelsShort[a.supportLevel],
      cases: count(a.cases),
      median: change(a.medianChangePoints),
      improved: percent(a.improvedBy10PointsPercent),
    })),
    again: {
      period: input.choice.period,
      ...(input.choice.period === 'custom' ? { from: input.choice.from, to: input.choice.to } : {}),
      ...(input.districtCode === undefined ? {} : { district: input.districtCode }),
    },
  };
}
