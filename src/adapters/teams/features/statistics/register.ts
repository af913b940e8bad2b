import { openStatistics, viewStatistics, type StatisticsRefusal } from '../../../../app/view-statistics';
import { periodFor } from '../../../../domain/statistics/statistics-period';
import type { BotDeps } from '../../bot-deps';
import { renderNotice, renderStatisticsCard, renderStatisticsForm } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { catalogue, type Lang } from '../../i18n/i18n';
import type { BotRoutes, CardActionAnswer, Turn } from '../../turn';
import { parseStatisticsPayload, statisticsPayloadSchema, statisticsValuesOf } from './schemas';

const refusalText = (lang: Lang, refusal: StatisticsRefusal): string => {
  const l = catalogue(lang).statistics;
  switch (refusal.code) {
    case 'not_authorized':
      return l.notAllowed;
    case 'district_out_of_scope':
      return l.districtNotAllowed;
    case 'period_unavailable':
      return l.periodUnavailable;
  }
};

/** `statistik`/`statistics`: the form, and the statistics card once it is sent (issue #16). */
export function registerStatistics(routes: BotRoutes, deps: BotDeps): void {
  const form = async ({ lang, actor }: Turn, data: unknown): Promise<CardActionAnswer> => {
    if (!actor) return catalogue(lang).error.apology;
    const opened = await openStatistics(deps, actor);
    if (!opened.ok) return renderNotice({ title: catalogue(lang).statistics.title, text: refusalText(lang, opened.error) });
    return renderStatisticsForm({ lang, directory: deps.directory(), scope: opened.value, values: statisticsValuesOf(data) });
  };

  routes.command(commands.statistics, async (turn) => form(turn, {}));
  routes.cardAction(verbs.statisticsOpen, statisticsPayloadSchema, async (turn, payload) => form(turn, payload ?? {}));

  routes.cardAction(verbs.statisticsSubmit, statisticsPayloadSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    const l = catalogue(lang).statistics;
    if (!actor) return catalogue(lang).error.apology;
    const statistics = deps.statistics;
    if (!statistics) return renderNotice({ title: l.title, text: l.unavailable });
    const parsed = payload === undefined ? { kind: 'malformed' as const } : parseStatisticsPayload(payload, deps.clock.today());
    if (parsed.kind === 'malformed') {
      deps.log.warn({ event: 'statistics.payload_malformed' });
      return form(turn, {});
    }
    if (parsed.kind === 'invalid') {
      const opened = await openStatistics(deps, actor);
      if (!opened.ok) return renderNotice({ title: l.title, text: refusalText(lang, opened.error) });
      return renderStatisticsForm({ lang, directory: deps.directory(), scope: opened.value, values: parsed.values, errors: parsed.errors });
    }
    const request = parsed.districtCode === undefined ? { choice: parsed.choice } : { choice: parsed.choice, districtCode: parsed.districtCode };
    const result = await viewStatistics({ ...deps, statistics, resolvePeriod: (choice, today) => periodFor(choice, deps.calendar(), today) }, actor, request);
    if (!result.ok) {
      deps.log.info({ event: `statistics.${result.error.code}` });
      return renderNotice({ title: l.title, text: refusalText(lang, result.error) });
    }
    const { report, scope } = result.value;
    return renderStatisticsCard({ lang, directory: deps.directory(), report, scope, choice: parsed.choice, ...(request.districtCode === undefined ? {} : { districtCode: request.districtCode }) });
  });
}
