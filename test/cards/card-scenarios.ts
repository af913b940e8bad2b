import type { AdaptiveCardJson } from '../../src/adapters/teams/cards/expand';
import {
  renderAuditTrail,
  renderCaseCard,
  renderCheckInCard,
  renderConsultationConfirmation,
  renderConsultationForm,
  renderHandoverCard,
  renderHelp,
  renderInputRequestCard,
  renderInputRequestForm,
  renderMyCases,
  renderMyHandovers,
  renderProtectedIdentity,
  renderQuestionCard,
  renderReminderCard,
  renderSchoolStepsCard,
  renderStatisticsCard,
  renderStatisticsForm,
  renderReportConfirmation,
  renderReportForm,
  renderTeamQueue,
  renderWelcome,
} from '../../src/adapters/teams/cards/render';
import { caseNoticeText } from '../../src/adapters/teams/cards/views/case-notices';
import { handoverNoticeText } from '../../src/adapters/teams/cards/views/handover-notices';
import type { Lang } from '../../src/adapters/teams/i18n/i18n';
import { rolesFor, statisticsScopeFor } from '../../src/domain/access/policy';
import { aStatisticsReport } from '../support/a-statistics-report';
import type { Case } from '../../src/domain/case/case';
import { reportFields, type ReportField } from '../../src/domain/report/rules';
import type { Directory } from '../../src/domain/routing/directory';
import { people, testDirectory } from '../support/a-case';
import { aNewCase } from '../support/a-new-case';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { assignedCase, duplicateCase, handedOverCase, newCase, now, cardClock, undeliveredFor } from './case-fixtures';
import { reminderScenarios } from './reminder-fixtures';
import {
  acknowledgedHandoverCase,
  inputRequestedCase,
  investigationInputRequestCase,
  invitedCase,
  ordinaryDeadlines,
  outcomeReportedCase,
  urgentIntakeCase,
  urgentOutOfHoursDeadlines,
} from './handover-fixtures';

/** Teams user ids (MRIs) as the messenger resolves them for `refresh.userIds`. */
const exampleMris = ['29:1a2b3c', '29:1d4e5f'];

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
  const unknownHome = asCase({
    suspectedHarm: true,
    concernReportedOn: '2026-11-20',
    routing: { ...base.routing, urgent: true, homeDistrictCode: undefined, investigationUnitId: undefined, flags: ['home_district_unknown'], reasons: [{ code: 'home_district_unknown' }] },
  });
  const consultation = asCase({ kind: 'consultation', pupil: undefined, absence: undefined, supportLevel: undefined });
  const withFeedback: Case = { ...outcomeReportedCase(), reporterId: people.reporter, suspectedHarm: true, concernReportedOn: '2026-11-20' };
  return [
    { name: 'report form, blank', card: renderReportForm({ lang, directory, formId: 'form-00000001' }) },
    { name: 'report form, rejected on every field', card: renderReportForm({ lang, directory, formId: 'form-00000001', values, errors: everyFieldWrong }) },
    { name: 'report confirmation', card: renderReportConfirmation({ lang, directory, case: base, duplicate: false, outsideWorkingHours: false }) },
    { name: 'report confirmation, repeated submit', card: renderReportConfirmation({ lang, directory, case: base, duplicate: true, outsideWorkingHours: false }) },
    { name: 'report confirmation, suspected harm', card: renderReportConfirmation({ lang, directory, case: urgent, duplicate: false, outsideWorkingHours: false }) },
    { name: 'report confirmation, suspected harm out of hours', card: renderReportConfirmation({ lang, directory, case: urgent, duplicate: false, outsideWorkingHours: true }) },
    { name: 'report confirmation, another municipality', card: renderReportConfirmation({ lang, directory, case: elsewhere, duplicate: false, outsideWorkingHours: false }) },
    { name: 'report confirmation, no team yet', card: renderReportConfirmation({ lang, directory, case: fallback, duplicate: false, outsideWorkingHours: false }) },
    {
      name: 'report confirmation, a concern beyond absence without figures',
      card: renderReportConfirmation({
        lang,
        directory,
        case: asCase({ absence: undefined, concerns: ['violence'], supportLevel: 'sst', supportBasis: 'concerns' }),
        duplicate: false,
        outsideWorkingHours: false,
      }),
    },
    { name: 'report confirmation, awaiting consent', card: renderReportConfirmation({ lang, directory, case: asCase({ state: 'awaiting_consent' }), duplicate: false, outsideWorkingHours: false }) },
    { name: 'report confirmation, suspected harm, home district unknown', card: renderReportConfirmation({ lang, directory, case: unknownHome, duplicate: false, outsideWorkingHours: false }) },
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
    { name: 'my cases, empty', card: renderMyCases({ lang, clock: cardClock, directory, viewerId: people.reporter, cases: [] }) },
    { name: 'my cases, two', card: renderMyCases({ lang, clock: cardClock, directory, viewerId: people.reporter, cases: [base, consultation] }) },
    { name: 'my cases, feedback on a report of concern', card: renderMyCases({ lang, clock: cardClock, directory, viewerId: people.reporter, cases: [withFeedback] }) },
    { name: 'help', card: renderHelp({ lang, directory }) },
    { name: 'welcome', card: renderWelcome({ lang, directory }) },
    { name: 'protected identity', card: renderProtectedIdentity({ lang }) },
    { name: 'audit trail, empty', card: renderAuditTrail({ lang, clock: cardClock, directory, case: base, entries: [], total: 0 }) },
    {
      name: 'audit trail, cut to the newest',
      card: renderAuditTrail({
        lang, clock: cardClock,
        directory,
        case: base,
        entries: [
          { at: '2026-11-23T10:00:00.000Z', actorId: people.farMember1, action: 'case.take', caseId: base.id },
          { at: '2026-11-23T09:30:00.000Z', actorId: people.stranger, action: 'case.action_refused', caseId: base.id, detail: { reason: 'not_authorized' } },
          { at: '2026-11-23T09:00:00.000Z', actorId: base.reporterId, action: 'case.submitted', caseId: base.id },
        ],
        total: 50,
      }),
    },
    ...caseCardScenarios(directory, lang),
    ...questionCardScenarios(directory, lang),
    ...checkInCardScenarios(directory, lang),
    ...teamQueueScenarios(directory, lang),
    ...handoverCardScenarios(directory, lang),
    ...inputRequestCardScenarios(directory, lang),
    ...myHandoversScenarios(directory, lang),
    ...investigationInputRequestScenarios(directory, lang),
    ...reminderCardScenarios(directory, lang),
    ...schoolStepsCardScenarios(directory, lang),
    ...statisticsScenarios(directory, lang),
  ];
}

/** The evaluation staff member of the sample directory: every district, with the district filter. */
export const sampleEvaluator = '00000000-0000-4000-8000-000000000098';

/** The statistics form and card; the card over a whole school year and every district, the largest it gets. */
export function statisticsScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const evaluator = statisticsScopeFor(sampleEvaluator, directory);
  const coordinator = statisticsScopeFor(people.farCoordinator, directory);
  if (!evaluator || !coordinator) throw new Error('the sample directory lists no evaluator or no FAR coordinator');
  const wholeCity = aStatisticsReport({ from: '2025-07-01', to: '2026-06-30', districtCodes: evaluator.districtCodes });
  const farsta = aStatisticsReport({ from: '2026-07-01', to: '2026-11-23', districtCodes: coordinator.districtCodes });
  return [
    { name: 'statistics form, coordinator', card: renderStatisticsForm({ lang, directory, scope: coordinator }) },
    { name: 'statistics form, evaluation staff', card: renderStatisticsForm({ lang, directory, scope: evaluator }) },
    {
      name: 'statistics form, rejected custom dates',
      card: renderStatisticsForm({ lang, directory, scope: evaluator, values: { period: 'custom', from: '2026-09-01', to: '2026-08-01', district: 'FAR' }, errors: [{ field: 'to', code: 'period_order' }] }),
    },
    { name: 'statistics, whole city over a school year', card: renderStatisticsCard({ lang, directory, report: wholeCity, scope: evaluator, choice: { period: 'school_year' } }) },
    { name: 'statistics, one district this term', card: renderStatisticsCard({ lang, directory, report: farsta, scope: coordinator, choice: { period: 'this_term' } }) },
  ];
}

/** The case card as each kind of viewer sees it; roles derived the way the handlers derive them. */
function caseCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const fresh = newCase();
  const assigned = assignedCase();
  const upperSecondaryAwaiting = newCase({ state: 'awaiting_consent', pupil: { initials: 'CD', yearGroup: 11 }, consent: { givenBy: 'none', scope: [] } });
  const handedOver = handedOverCase();
  const viewer = (userId: string, c: Case) => ({ userId, roles: rolesFor(userId, c, testDirectory) });
  const base = { lang, clock: cardClock, directory, audienceMris: exampleMris, duplicates: [], undelivered: [], now };
  const rejected = (verb: string, values: Record<string, string>, field: string) => ({
    verb,
    values,
    errors: [{ field, code: 'required' as const }],
  });
  return [
    { name: 'case card, base', card: renderCaseCard({ ...base, case: fresh }) },
    { name: 'case card, urgent base', card: renderCaseCard({ ...base, case: newCase({ routing: { ...fresh.routing, urgent: true } }) }) },
    { name: 'case card, team member on a new case', card: renderCaseCard({ ...base, case: fresh, viewer: viewer(people.farMember2, fresh) }) },
    {
      name: 'case card, assignee with a pending question and a duplicate',
      card: renderCaseCard({ ...base, case: assigned, viewer: viewer(people.farMember1, assigned), duplicates: [duplicateCase()] }),
    },
    {
      name: 'case card, coordinator with undelivered deliveries',
      card: renderCaseCard({ ...base, case: assigned, viewer: viewer(people.farCoordinator, assigned), undelivered: undeliveredFor(assigned) }),
    },
    {
      name: 'case card, stale click',
      card: renderCaseCard({
        ...base,
        case: assigned,
        viewer: viewer(people.farMember1, assigned),
        notice: { tone: 'warning', text: caseNoticeText(lang, 'stale') },
      }),
    },
    { name: 'case card, reporter', card: renderCaseCard({ ...base, case: assigned, viewer: viewer(people.reporter, assigned) }) },
    { name: 'case card, investigator after a handover', card: renderCaseCard({ ...base, case: handedOver, viewer: viewer(people.farInvestigator1, handedOver) }) },
    {
      name: 'case card, team member on an anonymous question',
      card: renderCaseCard({
        ...base,
        case: newCase({ kind: 'consultation', pupil: undefined, absence: undefined, steps: undefined, consent: undefined, supportLevel: undefined, concerns: [] }),
        viewer: viewer(people.farMember1, fresh),
      }),
    },
    {
      name: 'case card, assignee with a long question thread',
      card: renderCaseCard({
        ...base,
        case: assignedCase({
          questions: Array.from({ length: 12 }, (_, i) => ({
            id: `q-${i}`,
            askedBy: people.farMember1,
            askedAt: '2026-11-24T10:00:00.000Z',
            text: 'F'.repeat(500),
            answer: { by: people.reporter, at: '2026-11-25T10:00:00.000Z', text: 'S'.repeat(500) },
          })),
        }),
        viewer: viewer(people.farMember1, assigned),
      }),
    },
    { name: 'case card, admin', card: renderCaseCard({ ...base, case: fresh, viewer: viewer(people.admin, fresh) }) },
    { name: 'case card, closed', card: renderCaseCard({ ...base, case: newCase({ state: 'closed', outcome: 'back_in_school' }), viewer: viewer(people.farMember1, fresh) }) },
    {
      name: 'case card, rejected close form',
      card: renderCaseCard({ ...base, case: assigned, viewer: viewer(people.farMember1, assigned), form: rejected('case.close', { outcome: '' }, 'outcome') }),
    },
    {
      name: 'case card, rejected question form',
      card: renderCaseCard({
        ...base,
        case: assignedCase({ questions: [] }),
        viewer: viewer(people.farMember1, assigned),
        form: { verb: 'case.ask', values: { question: 'Ring 20101010-1234?' }, errors: [{ field: 'text', code: 'personnummer' }] },
      }),
    },
    {
      name: 'case card, assignee with the hand-over form',
      card: renderCaseCard({ ...base, case: assignedCase({ questions: [] }), viewer: viewer(people.farMember1, assigned) }),
    },
    {
      name: 'case card, rejected hand-over form',
      card: renderCaseCard({
        ...base,
        case: assigned,
        viewer: viewer(people.farMember1, assigned),
        form: {
          verb: 'case.hand_over',
          values: { handoverSummary: 'Ring 20101010-1234', handoverGround: 'reporting_duty', handoverUrgent: 'true' },
          errors: [{ field: 'summary', code: 'personnummer' }],
        },
      }),
    },
    { name: 'case card, team after the unit acknowledged and asked', card: renderCaseCard({ ...base, case: inputRequestedCase(), viewer: viewer(people.farMember1, assigned) }) },
    { name: 'case card, team after an invitation', card: renderCaseCard({ ...base, case: invitedCase(), viewer: viewer(people.farMember1, assigned) }) },
    {
      name: 'case card, assignee with an attendance trend and the next follow-up',
      card: renderCaseCard({ ...base, case: followedUpCase(), viewer: viewer(people.farMember1, assigned) }),
    },
    {
      name: 'case card, follow-up date refused as past',
      card: renderCaseCard({
        ...base,
        case: followedUpCase(),
        viewer: viewer(people.farMember1, assigned),
        notice: { tone: 'attention', text: 'x' },
        form: { verb: 'case.follow_up', values: { followUpOn: '2026-11-01' }, errors: [{ field: 'followUpOn', code: 'date_in_past' }] },
      }),
    },
    {
      name: 'case card, rejected consent form',
      card: renderCaseCard({
        ...base,
        case: newCase({ state: 'awaiting_consent', consent: { givenBy: 'none', scope: [] } }),
        viewer: viewer(people.reporter, fresh),
        form: rejected('case.consent', { consentGivenBy: 'guardian', consentScope: 'absence,school_steps', consentValidUntil: '' }, 'consentValidUntil'),
      }),
    },
    {
      name: 'case card, rejected consent form of an upper-secondary pupil (age band asked)',
      card: renderCaseCard({
        ...base,
        case: upperSecondaryAwaiting,
        viewer: viewer(people.reporter, upperSecondaryAwaiting),
        form: rejected('case.consent', { consentGivenBy: 'pupil', consentScope: 'absence', consentRecipients: 'sst_team', consentValidUntil: '2027-06-15', pupilAgeBand: '' }, 'pupilAgeBand'),
      }),
    },
    {
      name: 'case card, social-services member after the consent was withdrawn',
      card: renderCaseCard({
        ...base,
        case: assignedCase({ consent: { givenBy: 'both_guardians', scope: ['absence'], recipients: ['sst_team'], recordedAt: '2026-11-23T09:00:00.000Z', recordedBy: people.reporter, withdrawnAt: '2026-11-24T10:00:00.000Z', withdrawnBy: people.farCoordinator } }),
        viewer: viewer(people.farMember2, assigned),
      }),
    },
  ];
}

function questionCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const asked = assignedCase();
  const answered = assignedCase({
    questions: (asked.questions ?? []).map((q) => ({ ...q, answer: { by: people.reporter, at: '2026-11-25T08:00:00.000Z', text: 'Ja, i förra veckan.' } })),
  });
  const base = { lang, clock: cardClock, directory, questionId: 'q-1' };
  return [
    { name: 'question card, unanswered', card: renderQuestionCard({ ...base, case: asked }) },
    { name: 'question card, answered', card: renderQuestionCard({ ...base, case: answered, answered: true }) },
    {
      name: 'question card, rejected answer',
      card: renderQuestionCard({ ...base, case: asked, values: { answer: 'x'.repeat(501) }, errors: [{ field: 'answer', code: 'too_long', params: { max: 500 } }] }),
    },
  ];
}

/** An assigned case with two check-ins after the report's own figure, next follow-up in January. */
export const followedUpCase = (): Case =>
  assignedCase({
    questions: [],
    followUpOn: '2027-01-20',
    attendance: [
      { on: '2026-12-15', totalPercent: 25, unexcusedPercent: 10, by: people.reporter },
      { on: '2027-01-12', totalPercent: 18, unexcusedPercent: 5, by: people.reporter },
    ],
  });

function checkInCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const c = followedUpCase();
  const base = { lang, directory, case: c };
  return [
    { name: 'check-in card, asked', card: renderCheckInCard(base) },
    { name: 'check-in card, answered', card: renderCheckInCard({ ...base, answered: true }) },
    {
      name: 'check-in card, rejected figures',
      card: renderCheckInCard({ ...base, values: { checkInTotal: '10', checkInUnexcused: '25' }, errors: [{ field: 'checkInUnexcused', code: 'unexcused_exceeds_total' }] }),
    },
    { name: 'check-in card, case closed meanwhile', card: renderCheckInCard({ ...base, case: { ...c, state: 'closed', outcome: 'attendance_improved' } }) },
  ];
}

function teamQueueScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const cases = [
    assignedCase(),
    newCase({ id: 'case-q-2', reference: 'FAR-2026-0043', createdAt: '2026-11-25T12:00:00.000Z', routing: { ...newCase().routing, urgent: true } }),
    duplicateCase(),
    investigationInputRequestCase(),
  ];
  const team = directory.sstTeams.find((t) => t.id === 'FAR-SST-1')?.name ?? 'FAR-SST-1';
  return [
    { name: 'team queue, empty', card: renderTeamQueue({ lang, clock: cardClock, directory, now, queues: [{ title: team, cases: [] }] }) },
    { name: 'team queue, no team', card: renderTeamQueue({ lang, clock: cardClock, directory, now, queues: [] }) },
    { name: 'team queue, three cases and an input request', card: renderTeamQueue({ lang, clock: cardClock, directory, now, queues: [{ title: team, cases }] }) },
  ];
}

/** The unit's handover card as each kind of viewer sees it. */
function handoverCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const urgent = urgentIntakeCase();
  const acknowledged = acknowledgedHandoverCase();
  const outcome = outcomeReportedCase();
  const invited = invitedCase();
  const pending = handedOverCase();
  const viewer = (userId: string, c: Case) => ({ userId, roles: rolesFor(userId, c, testDirectory) });
  const base = { lang, clock: cardClock, directory, audienceMris: exampleMris, now };
  const unknownHomeAtSchoolUnit: Case = {
    ...urgent,
    routing: {
      ...urgent.routing,
      homeDistrictCode: undefined,
      flags: ['home_district_unknown'],
      reasons: [{ code: 'investigation_by_school_district', districtCode: 'FAR', unitId: 'FAR-INV', because: 'unknown' }],
    },
  };
  return [
    { name: 'handover card, base', card: renderHandoverCard({ ...base, case: urgent, deadlines: urgentOutOfHoursDeadlines }) },
    {
      name: "handover card, investigator, home district unknown (the school's district takes such reports)",
      card: renderHandoverCard({ ...base, case: unknownHomeAtSchoolUnit, deadlines: urgentOutOfHoursDeadlines, viewer: viewer(people.farInvestigator1, unknownHomeAtSchoolUnit) }),
    },
    {
      name: 'handover card, investigator on a pending urgent handover out of hours',
      card: renderHandoverCard({ ...base, case: urgent, deadlines: urgentOutOfHoursDeadlines, viewer: viewer(people.farInvestigator1, urgent) }),
    },
    {
      name: 'handover card, investigator on an acknowledged handover',
      card: renderHandoverCard({
        ...base,
        case: acknowledged,
        deadlines: ordinaryDeadlines,
        viewer: viewer(people.farInvestigator1, acknowledged),
        notice: { tone: 'good', text: handoverNoticeText(lang, 'acknowledged') },
      }),
    },
    { name: 'handover card, unit manager after the outcome', card: renderHandoverCard({ ...base, case: outcome, viewer: viewer(people.farUnitManager, outcome) }) },
    { name: 'handover card, unit manager after an invitation', card: renderHandoverCard({ ...base, case: invited, viewer: viewer(people.farUnitManager, invited) }) },
    { name: 'handover card, team member', card: renderHandoverCard({ ...base, case: acknowledged, deadlines: ordinaryDeadlines, viewer: viewer(people.farMember1, acknowledged) }) },
    { name: 'handover card, stranger', card: renderHandoverCard({ ...base, case: acknowledged, viewer: viewer(people.stranger, acknowledged) }) },
    {
      name: 'handover card, rejected acknowledgement',
      card: renderHandoverCard({
        ...base,
        case: pending,
        deadlines: ordinaryDeadlines,
        viewer: viewer(people.farInvestigator1, pending),
        notice: { tone: 'attention', text: handoverNoticeText(lang, 'not_in_unit') },
        form: { verb: 'handover.acknowledge', values: { responsibleId: people.farMember1 }, errors: [{ field: 'responsibleId', code: 'invalid' }] },
      }),
    },
    {
      name: 'handover card, rejected forward',
      card: renderHandoverCard({
        ...base,
        case: pending,
        deadlines: ordinaryDeadlines,
        viewer: viewer(people.farInvestigator1, pending),
        form: { verb: 'handover.forward', values: { toUnitId: '', forwardReason: 'wrong_unit' }, errors: [{ field: 'toUnitId', code: 'required' }] },
      }),
    },
    {
      name: 'handover card, rejected request for input',
      card: renderHandoverCard({
        ...base,
        case: acknowledged,
        viewer: viewer(people.farInvestigator1, acknowledged),
        form: { verb: 'handover.request_input', values: { inputQuestion: 'x'.repeat(501) }, errors: [{ field: 'text', code: 'too_long', params: { max: 500 } }] },
      }),
    },
  ];
}

function inputRequestCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const asked = inputRequestedCase();
  const answered = inputRequestedCase({ by: people.farMember1, at: now, text: 'Skolan har prövat anpassad studiegång sedan oktober.' });
  const base = { lang, clock: cardClock, directory, questionId: 'r-1' };
  return [
    { name: 'input request card, unanswered', card: renderInputRequestCard({ ...base, case: asked }) },
    { name: 'input request card, answered', card: renderInputRequestCard({ ...base, case: answered, answered: true }) },
    {
      name: 'input request card, rejected answer',
      card: renderInputRequestCard({ ...base, case: asked, values: { inputAnswer: 'Ring 20101010-1234' }, errors: [{ field: 'inputAnswer', code: 'personnummer' }] }),
    },
  ];
}

function myHandoversScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const items = [
    { case: acknowledgedHandoverCase(), deadlines: ordinaryDeadlines },
    { case: urgentIntakeCase(), deadlines: urgentOutOfHoursDeadlines },
    { case: outcomeReportedCase() },
  ];
  return [
    { name: 'my handovers, empty', card: renderMyHandovers({ lang, clock: cardClock, directory, now, items: [] }) },
    { name: 'my handovers, three', card: renderMyHandovers({ lang, clock: cardClock, directory, now, items }) },
  ];
}

function reminderCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  return reminderScenarios().map(({ name, case: c, reminder, snoozed, notice }) => ({
    name: `reminder card, ${name}`,
    card: renderReminderCard({ lang, clock: cardClock, directory, case: c, reminder, ...(snoozed ? { snoozed } : {}), ...(notice ? { notice: { tone: 'warning', text: notice } } : {}) }),
  }));
}

/** The head teacher's view of a case: blank, rejected, recorded, an independent school's deadlines, upper secondary, closed. */
function schoolStepsCardScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const steps = { guardiansInformed: true, pupilHealthInvolved: true, adjustmentsTried: false, other: false };
  const blank = assignedCase({ steps });
  const recorded = assignedCase({ steps: { ...steps, investigationStartedOn: '2026-11-16', organiserNotifiedOn: '2026-11-18' } });
  const independent = assignedCase({ schoolId: 'eav-ies-enskede', steps: { ...steps, investigationStartedOn: '2026-11-16' } });
  return [
    { name: 'school steps, blank', card: renderSchoolStepsCard({ lang, directory, case: blank }) },
    {
      name: 'school steps, rejected dates kept',
      card: renderSchoolStepsCard({
        lang,
        directory,
        case: blank,
        values: { investigationStartedOn: '2026-11-20', organiserNotifiedOn: '2026-11-19' },
        errors: [{ field: 'organiserNotifiedOn', code: 'organiser_before_investigation' }],
        notice: { tone: 'attention', text: 'fix' },
      }),
    },
    { name: 'school steps, recorded', card: renderSchoolStepsCard({ lang, directory, case: recorded, notice: { tone: 'good', text: 'saved' } }) },
    {
      name: 'school steps, independent school with the routine’s deadlines',
      card: renderSchoolStepsCard({ lang, directory, case: independent, routineDeadlines: { firstFormBy: '2026-11-23', resultBy: '2026-12-16' } }),
    },
    { name: 'school steps, upper secondary', card: renderSchoolStepsCard({ lang, directory, case: assignedCase({ pupil: { initials: 'AB', yearGroup: 11 } }) }) },
    { name: 'school steps, closed case', card: renderSchoolStepsCard({ lang, directory, case: { ...recorded, state: 'closed' } }) },
  ];
}

/** An investigator's request for the team's input: the form, and the one exchange card as each side sees it. */
function investigationInputRequestScenarios(directory: Directory, lang: Lang): CardScenario[] {
  const asked = investigationInputRequestCase();
  const answered = investigationInputRequestCase({ answered: true });
  const viewer = (userId: string, c: Case) => ({ userId, roles: rolesFor(userId, c, testDirectory) });
  const base = { lang, clock: cardClock, directory, audienceMris: exampleMris, now };
  const form = { lang, directory, viewerId: people.farInvestigator1, formId: 'form-00000003' };
  return [
    { name: 'input-request form, blank', card: renderInputRequestForm(form) },
    {
      name: 'input-request form, rejected',
      card: renderInputRequestForm({
        ...form,
        values: { school: 'far-hokarangsskolan', pupilInitials: 'Anna Berg', yearGroup: '8', question: 'Ring 20101010-1234', legalGround: 'own_work' },
        errors: [
          { field: 'pupilInitials', code: 'full_name' },
          { field: 'question', code: 'personnummer' },
        ],
      }),
    },
    { name: 'input-request form, too many', card: renderInputRequestForm({ ...form, refusal: 'too_many_submissions' }) },
    { name: 'input request, base', card: renderHandoverCard({ ...base, case: asked }) },
    { name: 'input request, investigator', card: renderHandoverCard({ ...base, case: asked, viewer: viewer(people.farInvestigator1, asked) }) },
    { name: 'input request, team member answering', card: renderHandoverCard({ ...base, case: asked, viewer: viewer(people.farMember2, asked) }) },
    {
      name: 'input request, rejected answer',
      card: renderHandoverCard({
        ...base,
        case: asked,
        viewer: viewer(people.farMember2, asked),
        form: { verb: 'handover.give_input', values: { inputAnswer: 'Ring 20101010-1234' }, errors: [{ field: 'text', code: 'personnummer' }] },
      }),
    },
    { name: 'input request, answered, investigator', card: renderHandoverCard({ ...base, case: answered, viewer: viewer(people.farInvestigator1, answered) }) },
  ];
}
