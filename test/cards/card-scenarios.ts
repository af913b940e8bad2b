import type { AdaptiveCardJson } from '../../src/adapters/teams/cards/expand';
import {
  renderConsultationConfirmation,
  renderConsultationForm,
  renderHelp,
  renderMyCases,
  renderProtectedIdentity,
  renderReportConfirmation,
  renderReportForm,
  renderWelcome,
} from '../../src/adapters/teams/cards/render';
import type { Lang } from '../../src/adapters/teams/i18n/i18n';
import type { Case } from '../../src/domain/case/case';
import { reportFields, type ReportField } from '../../src/domain/report/rules';
import type { Directory } from '../../src/domain/routing/directory';
import { aNewCase } from '../support/a-new-case';
import { aReportPayload, aSchoolIn } from '../support/report-payload';

export interface CardScenario {
  name: string;
  card: AdaptiveCardJson;
}

const asCase = (overrides: Parameters<typeof aNewCase>[0] = {}): Case => ({ ...aNewCase(overrides), reference: 'FAR-2026-0042', version: 1 });

/** Every state a user can see each card in, rendered through the same functions the bot uses. */
export function cardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const school = aSchoolIn(directory, 'FAR');
  const values = aReportPayload(school);
  const everyFieldWrong = reportFields.map((field: ReportField) => ({ field, code: 'invalid' as const }));
  const base = asCase();
  const urgent = asCase({ suspectedHarm: true, concernReportedOn: '2026-11-20', routing: { ...base.routing, urgent: true } });
  const elsewhere = asCase({
    routing: { ...base.routing, homeDistrictCode: undefined, investigationUnitId: undefined, flags: ['other_municipality'] },
  });
  const fallback = asCase({ routing: { ...base.routing, sstTeamId: undefined, fallbackDistrictCode: 'FAR', flags: ['no_sst_team'] } });
  const consultation = asCase({ kind: 'consultation', pupil: undefined, absence: undefined, supportLevel: undefined });
  return [
    { name: 'report form, blank', card: renderReportForm({ lang, directory, formId: 'form-00000001' }) },
    { name: 'report form, rejected on every field', card: renderReportForm({ lang, directory, formId: 'form-00000001', values, errors: everyFieldWrong }) },
    { name: 'report confirmation', card: renderReportConfirmation({ lang, directory, case: base, duplicate: false }) },
    { name: 'report confirmation, repeated submit', card: renderReportConfirmation({ lang, directory, case: base, duplicate: true }) },
    { name: 'report confirmation, suspected harm', card: renderReportConfirmation({ lang, directory, case: urgent, duplicate: false }) },
    { name: 'report confirmation, another municipality', card: renderReportConfirmation({ lang, directory, case: elsewhere, duplicate: false }) },
    { name: 'report confirmation, no team yet', card: renderReportConfirmation({ lang, directory, case: fallback, duplicate: false }) },
    { name: 'report confirmation, awaiting consent', card: renderReportConfirmation({ lang, directory, case: asCase({ state: 'awaiting_consent' }), duplicate: false }) },
    { name: 'consultation form, blank', card: renderConsultationForm({ lang, directory, formId: 'form-00000002' }) },
    {
      name: 'consultation form, rejected',
      card: renderConsultationForm({
        lang,
        directory,
        formId: 'form-00000002',
        values: { school: school.id, reporterRole: 'teacher', question: 'Hur gör vi?' },
        errors: [{ field: 'question', code: 'personnummer' }],
      }),
    },
    { name: 'consultation confirmation', card: renderConsultationConfirmation({ lang, directory, case: consultation, duplicate: false }) },
    { name: 'my cases, empty', card: renderMyCases({ lang, directory, cases: [] }) },
    { name: 'my cases, two', card: renderMyCases({ lang, directory, cases: [base, consultation] }) },
    { name: 'help', card: renderHelp({ lang, directory }) },
    { name: 'welcome', card: renderWelcome({ lang }) },
    { name: 'protected identity', card: renderProtectedIdentity({ lang }) },
  ];
}
