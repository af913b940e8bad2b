import type { CaseAction, CaseActionType } from '../../src/domain/case/lifecycle';
import { aCase } from './a-case';

/**
 * One valid action of every type, for the tables that walk every state × action (the lifecycle, what the
 * reporter hears). Each meets its action's own rules, so only the state decides whether it is legal.
 */
export const validCaseAction: { [A in CaseActionType]: Extract<CaseAction, { type: A }> } = {
  record_consent: { type: 'record_consent', consent: { givenBy: 'both_guardians', scope: ['absence'], recipients: ['sst_team'], validUntil: '2027-06-15' } },
  withdraw_consent: { type: 'withdraw_consent' },
  take: { type: 'take' },
  ask_reporter: { type: 'ask_reporter', questionId: 'q-2', text: 'Har eleven kommit i tid i veckan?' },
  answer_question: { type: 'answer_question', questionId: 'q-1', text: 'Ja, tre dagar av fem.' },
  change_level: { type: 'change_level', level: 'intensive' },
  hand_over: { type: 'hand_over', summary: 'Frånvaron ökar trots insatser.', legalGround: 'reporting_duty' },
  close: { type: 'close', outcome: 'other' },
  merge: { type: 'merge', into: aCase({ id: 'case-target', state: 'new' }) },
  set_follow_up: { type: 'set_follow_up', on: '2026-12-15' },
  record_check_in: { type: 'record_check_in', totalPercent: 25, unexcusedPercent: 10, nextFollowUpOn: '2026-12-22' },
  record_school_steps: { type: 'record_school_steps', investigationStartedOn: '2026-11-02', organiserNotifiedOn: '2026-11-04' },
};
