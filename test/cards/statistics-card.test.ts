import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderStatisticsCard } from '../../src/adapters/teams/cards/render';
import { catalogue, type Lang } from '../../src/adapters/teams/i18n/i18n';
import { statisticsScopeFor } from '../../src/domain/access/policy';
import { aStatisticsReport } from '../support/a-statistics-report';
import { loadSampleDirectory } from '../support/test-directory';
import { sampleEvaluator } from './card-scenarios';
import { nodesOf } from './card-walk';

const directory = loadSampleDirectory();
const scope = statisticsScopeFor(sampleEvaluator, directory);
if (!scope) throw new Error('the sample directory lists no evaluator');
const report = aStatisticsReport({ from: '2025-07-01', to: '2026-06-30', districtCodes: scope.districtCodes });
const cardIn = (lang: Lang) => renderStatisticsCard({ lang, directory, report, scope, choice: { period: 'school_year' } });

// The chart elements' documented shapes (learn.microsoft.com, "Charts in Adaptive Cards"; Teams SDK cards types).
const point = z.object({ x: z.string(), y: z.number() }).strict();
const chartBase = { title: z.string().min(1), colorSet: z.string().optional(), fallback: z.literal('drop'), xAxisTitle: z.string().optional(), yAxisTitle: z.string().optional() };
const chartSchemas: Record<string, z.ZodTypeAny> = {
  'Chart.VerticalBar': z.object({ type: z.literal('Chart.VerticalBar'), ...chartBase, data: z.array(point).min(1) }).strict(),
  'Chart.HorizontalBar': z.object({ type: z.literal('Chart.HorizontalBar'), ...chartBase, data: z.array(point).min(1) }).strict(),
  'Chart.VerticalBar.Grouped': z.object({ type: z.literal('Chart.VerticalBar.Grouped'), ...chartBase, data: z.array(z.object({ legend: z.string(), values: z.array(point).min(1) }).strict()).min(1) }).strict(),
  'Chart.Line': z.object({ type: z.literal('Chart.Line'), ...chartBase, data: z.array(z.object({ legend: z.string(), values: z.array(point).min(1) }).strict()).min(1) }).strict(),
  'Chart.Donut': z.object({ type: z.literal('Chart.Donut'), ...chartBase, data: z.array(z.object({ legend: z.string(), value: z.number() }).strict()).min(1) }).strict(),
};

const chartsOf = (card: unknown) => nodesOf(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Chart.'));
const tableTexts = (card: unknown) => nodesOf(card).filter((n) => n.type === 'TableCell' || n.type === 'FactSet').flatMap((n) => JSON.stringify(n).match(/"(?:text|value)":"[^"]*"/g) ?? []);

describe.each<Lang>(['sv', 'en'])('the statistics card in %s', (lang) => {
  const card = cardIn(lang);
  const fewer = catalogue(lang).statistics.fewerThan5;

  it('draws every chart in the shape Teams documents', () => {
    const charts = chartsOf(card);
    expect(charts.map((c) => c.type).sort()).toEqual(['Chart.Donut', 'Chart.HorizontalBar', 'Chart.HorizontalBar', 'Chart.Line', 'Chart.VerticalBar', 'Chart.VerticalBar.Grouped']);
    for (const chart of charts) expect(chartSchemas[String(chart.type)]?.safeParse(chart).success, String(chart.type)).toBe(true);
  });

  it('never makes a suppressed figure a chart point, and shows it as "fewer than 5" in the table', () => {
    const grouped = chartsOf(card).find((c) => c.type === 'Chart.VerticalBar.Grouped');
    // SST+ is suppressed in every month of the fixture: it is no series at all.
    expect(JSON.stringify(grouped)).not.toContain(catalogue(lang).supportLevels.intensive);
    const districtsChart = chartsOf(card).find((c) => c.type === 'Chart.HorizontalBar' && c.title === catalogue(lang).statistics.districtsTitle);
    const firstDistrict = directory.districts.find((d) => d.code === scope.districtCodes[0])?.name ?? '';
    expect(JSON.stringify(districtsChart)).not.toContain(`"${firstDistrict}"`);
    expect(JSON.stringify(districtsChart)).toContain(`"${directory.districts.find((d) => d.code === scope.districtCodes[1])?.name ?? ''}"`);
    const donut = chartsOf(card).find((c) => c.type === 'Chart.Donut');
    expect(JSON.stringify(donut)).not.toContain(catalogue(lang).handoverOutcomes.already_ongoing);
    // 12 months × SST+, 6 months of questions, 1 district, 1 handover share, 3 outcomes, 3 attendance figures.
    expect(tableTexts(card).filter((t) => t.includes(`"${fewer}"`)).length).toBe(12 + 6 + 1 + 1 + 3 + 3);
  });

  it('shows the same numbers in the tables as in the charts', () => {
    const texts = tableTexts(card).join(' ');
    for (const chart of chartsOf(card)) {
      for (const y of JSON.stringify(chart.data).match(/"(?:y|value)":(-?\d+)/g) ?? []) expect(texts).toContain(`"${y.split(':')[1]}`);
    }
  });

  it('keeps every table when a client without charts drops them', () => {
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    parsed.parse(card, context);
    const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect(events.every((m) => /Chart\./.test(m))).toBe(true);
    expect(events.length).toBe(chartsOf(card).length);
    const tables = Array.from({ length: parsed.getItemCount() }, (_, i) => parsed.getItemAt(i)).filter((e) => e.getJsonTypeName() === 'Table');
    expect(tables.length).toBe(7);
  });
});
