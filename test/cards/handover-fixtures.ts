import type { Case } from '../../src/domain/case/case';
import type { HandoverDeadlines } from '../../src/domain/handover/deadlines';
import type { Question } from '../../src/domain/case/question';
import { openInputRequest } from '../../src/domain/handover/input-request';
import { people, testDirectory } from '../support/a-case';
import { aHandover, assignedCase, newCase } from './case-fixtures';

/**
 * Handovers at the Farsta unit in each state a user can meet. `now` (case-fixtures) is Thursday 26 November
 * 2026, 11:00 in Stockholm.
 */

/** A report of suspected harm that went straight to the unit at intake on Wednesday evening: no team summary yet. */
export const urgentIntakeCase = (): Case =>
  newCase({
    id: 'case-urgent-7',
    reference: 'FAR-2026-0047',
    version: 2,
    suspectedHarm: true,
    concernReportedOn: '2026-11-25',
    routing: { ...newCase().routing, urgent: true },
    handover: aHandover({ urgent: true, summary: '', handedOverBy: people.reporter, handedOverAt: '2026-11-25T19:30:00.000Z', receivedOn: '2026-11-25',
      assessmentClock: { startsOn: '2026-11-25', basis: 'report_of_concern', unitId: 'FAR-INV' } }),
  });

/** What the handler computes for it: due at the end of Thursday's working day, arrived out of hours. */
export const urgentOutOfHoursDeadlines: HandoverDeadlines = {
  clock: { startsOn: '2026-11-25', basis: 'report_of_concern', unitId: 'FAR-INV' },
  initialAssessmentDue: '2026-12-09',
  initialAssessmentDaysLeft: 13,
  acknowledgeBy: { kind: 'same_working_day', due: { date: '2026-11-26', time: '16:30' }, outsideWorkingHours: true },
};

export const ordinaryDeadlines: HandoverDeadlines = {
  clock: { startsOn: '2026-11-25', basis: 'handover_arrival', unitId: 'FAR-INV' },
  initialAssessmentDue: '2026-12-09', initialAssessmentDaysLeft: 13 };

/** Forwarded from Järva, then acknowledged in Farsta: the second investigator took responsibility, the first recorded it. */
export const acknowledgedHandoverCase = (overrides: Partial<Case> = {}): Case =>
  assignedCase({
    id: 'case-ack-3',
    state: 'handed_over',
    version: 6,
    questions: [],
    handover: aHandover({
      state: 'acknowledged',
      acknowledgement: { responsibleId: people.farInvestigator2, recordedBy: people.farInvestigator1, at: '2026-11-25T14:05:00.000Z' },
      forwards: [{ fromUnitId: 'JAR-INV', toUnitId: 'FAR-INV', reason: 'pupil_lives_elsewhere', by: 'jar-investigator', at: '2026-11-25T12:00:00.000Z' }],
      // The forward between districts did not restart the clock (the directory's default).
      assessmentClock: { startsOn: '2026-11-25', basis: 'handover_arrival', unitId: 'JAR-INV' },
    }),
    ...overrides,
  });

/** Acknowledged, and the unit has asked the team a question (answer as given). */
export const inputRequestedCase = (answer?: Question['answer']): Case => {
  const c = acknowledgedHandoverCase();
  const request: Question = { id: 'r-1', askedBy: people.farInvestigator1, askedAt: '2026-11-25T15:00:00.000Z', text: 'Vad har skolan prövat sedan höstlovet?' };
  return { ...c, handover: c.handover && { ...c.handover, inputRequests: [answer === undefined ? request : { ...request, answer }] } };
};

/** The unit reported that an investigation is open. */
export const outcomeReportedCase = (): Case =>
  acknowledgedHandoverCase({
    id: 'case-out-4',
    reference: 'FAR-2026-0044',
    version: 8,
    handover: aHandover({
      state: 'outcome_reported',
      acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-25T14:05:00.000Z' },
      outcome: { outcome: 'investigation_opened', by: people.farUnitManager, at: '2026-11-26T09:00:00.000Z' },
    }),
  });

/** …and invited the team's worker into the investigation. */
export const invitedCase = (): Case => {
  const c = outcomeReportedCase();
  return {
    ...c,
    version: 9,
    handover: c.handover && { ...c.handover, sstInvitation: { sstWorkerId: people.farMember1, legalGround: 'own_work', by: people.farUnitManager, at: '2026-11-26T09:30:00.000Z' } },
  };
};

/**
 * An investigator's request for the team's input about a pupil of Hökarängsskolan (an investigation opened
 * outside the bot), as the domain opens it; `answered` adds the team's answer.
 */
export const investigationInputRequestCase = (o: { answered?: boolean } = {}): Case => {
  const opened = openInputRequest(
    { schoolId: 'far-hokarangsskolan', pupilInitials: 'AB', yearGroup: 8, question: 'Hur ser närvaron ut sedan höstlovet?', legalGround: 'reporting_duty' },
    {
      actor: { tenantId: 'tenant-1', userId: people.farInvestigator1, locale: 'sv-SE' },
      caseId: 'case-input-9',
      questionId: 'q-input-1',
      submissionKey: 'tenant-1:inv:form-1',
      at: '2026-11-25T09:00:00.000Z',
      today: '2026-11-25',
      directory: testDirectory,
    },
  );
  if (!opened.ok) throw new Error('the input-request fixture no longer opens');
  const c: Case = { ...opened.value, reference: 'FAR-2026-0049', version: 1 };
  if (!o.answered || c.handover === undefined) return c;
  const answer = { by: people.farMember1, at: '2026-11-25T13:00:00.000Z', text: 'Närvaron har blivit bättre sedan november.' };
  return { ...c, version: 2, handover: { ...c.handover, inputRequests: c.handover.inputRequests.map((q) => ({ ...q, answer })) } };
};
