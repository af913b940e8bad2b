import { statisticsFor, type StatisticsDeps } from '../../src/app/compute-statistics';
import { wholeMonths } from '../../src/domain/statistics/statistics-period';
import type { Figure, ReportCounts, StatisticsReport } from '../../src/domain/statistics/statistics-report';
import type { StatisticsExportArgs } from './statistics-export-args';

/**
 * The export for the evaluators (docs/statistics.md): the same report as the card for the same query, with the
 * same suppression and rounding. A custom period widens to whole months, as on the card. Returns the districts
 * that were unknown instead of a report.
 */
export async function exportStatistics(deps: StatisticsDeps, args: StatisticsExportArgs): Promise<{ ok: true; text: string; report: StatisticsReport } | { ok: false; problem: string }> {
  const known = deps.directory().districts.map((d) => d.code);
  if (args.districtCode !== undefined && !known.includes(args.districtCode)) return { ok: false, problem: `--district: ${args.districtCode} is not a district of the directory (${known.join(', ')})` };
  const period = wholeMonths(args);
  const report = await statisticsFor(deps, { ...period, districtCodes: args.districtCode === undefined ? known : [args.districtCode] });
  return { ok: true, report, text: args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : statisticsToCsv(report) };
}

/** Suppressed figures read `<5` in the CSV; JSON keeps `{ "shown": false }`. */
export const suppressedCsvValue = '<5';

/** One line per figure: `section,group,figure,value`, with a header line. Codes only: nothing to escape. */
export function statisticsToCsv(r: StatisticsReport): string {
  const lines: string[] = ['section,group,figure,value'];
  const add = (section: string, group: string, figure: string, f: Figure): void => {
    lines.push([section, group, figure, f.shown ? String(f.value) : suppressedCsvValue].join(','));
  };
  const counts = (section: string, group: string, c: ReportCounts): void => {
    add(section, group, 'total', c.total);
    for (const [level, f] of Object.entries(c.bySupportLevel)) add(section, group, `support_level_${level}`, f);
    add(section, group, 'suspected_harm', c.suspectedHarm);
    add(section, group, 'consultations', c.consultations);
  };
  for (const m of r.reportsByMonth) counts('reports_by_month', m.month, m);
  for (const d of r.reportsByDistrict) counts('reports_by_district', d.districtCode, d);
  for (const [name, f] of Object.entries(r.timeToTake)) add('time_to_take', '', name, f);
  const { outcomes, ...handovers } = r.handovers;
  for (const [name, f] of Object.entries(handovers)) add('handovers', '', name, f);
  for (const o of outcomes) add('handover_outcomes', o.outcome, 'count', o.count);
  for (const o of r.closedByOutcome) add('closed_by_outcome', o.outcome, 'count', o.count);
  for (const o of r.openByAge) add('open_by_age', o.band, 'count', o.count);
  for (const a of r.attendance) {
    add('attendance', a.supportLevel, 'cases', a.cases);
    add('attendance', a.supportLevel, 'median_change_points', a.medianChangePoints);
    add('attendance', a.supportLevel, 'improved_by_10_points_percent', a.improvedBy10PointsPercent);
  }
  return `${lines.join('\n')}\n`;
}
