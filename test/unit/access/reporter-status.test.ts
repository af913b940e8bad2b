import { describe, expect, it } from 'vitest';
import {
  concernFeedbackFor,
  concernFeedbackRecipient,
  reporterStatus,
  reporterStatusChange,
  reporterViewOf,
  type ReporterStatus,
} from '../../../src/domain/access/policy';
import { caseStates, type Case, type CaseState } from '../../../src/domain/case/case';
import { applyCaseAction, caseTransitions, type CaseActionType } from '../../../src/domain/case/lifecycle';
import { handoverOutcomes, handoverStates, type Handover, type HandoverOutcome, type HandoverState } from '../../../src/domain/handover/handover';
import { applyHandoverAction, handoverTransitions, type HandoverAction, type HandoverActionType } from '../../../src/domain/handover/handover-lifecycle';
import { aCase, aContext, people } from '../../support/a-case';
import { validCaseAction } from '../../support/valid-case-actions';

const attachedReporter = 'teacher-2';

function aHandover(state: HandoverState, outcome: HandoverOutcome = 'investigation_opened', overrides: Partial<Handover> = {}): Handover {
  return {
    state,
    unitId: 'FAR-INV',
    urgent: true,
    summary: '',
    legalGround: 'reporting_duty',
    handedOverBy: people.reporter,
    handedOverAt: '2026-11-20T09:00:00.000Z',
    receivedOn: '2026-11-20',
    ...(state === 'pending' ? {} : { acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-20T10:00:00.000Z' } }),
    ...(state === 'outcome_reported' || state === 'closed' ? { outcome: { outcome, by: people.farInvestigator1, at: '2026-11-21T10:00:00.000Z' } } : {}),
    forwards: [],
    inputRequests: [],
    ...overrides,
  };
}

/** Every handover a case can carry, as the unit moves it: none, each state, each outcome, and after a forward. */
const handoverVariants: { name: string; handover: Handover | undefined; outcome: HandoverOutcome | undefined }[] = [
  { name: 'no handover', handover: undefined, outcome: undefined },
  ...handoverStates
    .filter((s) => s !== 'outcome_reported' && s !== 'closed')
    .map((s) => ({ name: `handover ${s}`, handover: aHandover(s), outcome: undefined })),
  ...handoverOutcomes.flatMap((o) =>
    (['outcome_reported', 'closed'] as const).map((s) => ({ name: `handover ${s} (${o})`, handover: aHandover(s, o), outcome: o })),
  ),
  {
    name: 'handover forwarded to another district',
    handover: aHandover('pending', 'investigation_opened', {
      unitId: 'SKA-INV',
      forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: people.farInvestigator1, at: '2026-11-21T08:00:00.000Z' }],
    }),
    outcome: undefined,
  },
];

/** Written out by hand: the reporter's status follows the school side's state and nothing else. */
const expectedStatus: Record<CaseState, ReporterStatus> = {
  awaiting_consent: 'awaiting_consent',
  new: 'received',
  assigned: 'in_progress',
  handed_over: 'in_progress',
  closed: 'closed',
  merged: 'merged',
};

const ordinaryReferral = (state: CaseState, handover: Handover | undefined): Case =>
  aCase({ state, suspectedHarm: false, concernReportedOn: undefined, attachedReporterIds: [attachedReporter], ...(handover ? { handover } : {}) });
const reportOfConcern = (state: CaseState, handover: Handover | undefined): Case =>
  aCase({
    state,
    suspectedHarm: true,
    concernReportedOn: '2026-11-19',
    routing: { ...aCase().routing, urgent: true },
    attachedReporterIds: [attachedReporter],
    ...(handover ? { handover } : {}),
  });

const every = caseStates.flatMap((state) => handoverVariants.map((v) => ({ state, ...v, label: `${state}, ${v.name}` })));

describe('the reporter status: every case state × every handover state', () => {
  it.each(every)('shows $label as the school side state only', ({ state, handover }) => {
    for (const c of [ordinaryReferral(state, handover), reportOfConcern(state, handover)]) {
      expect(reporterStatus(c)).toBe(expectedStatus[state]);
      expect(reporterViewOf(c, attachedReporter)).toEqual({ status: expectedStatus[state] });
    }
  });

  it.each(every)('gives the reporter of an ordinary referral nothing of social services in $label', ({ state, handover }) => {
    const c = ordinaryReferral(state, handover);
    expect(reporterViewOf(c, people.reporter)).toEqual({ status: expectedStatus[state] });
    expect(concernFeedbackFor(c, people.reporter)).toBeUndefined();
  });

  it.each(every)(
    'gives a reporter who made a report of concern the recorded outcome only, in $label',
    ({ state, handover, outcome }) => {
      const c = reportOfConcern(state, handover);
      expect(reporterViewOf(c, people.reporter)).toEqual({ status: expectedStatus[state], ...(outcome ? { concernFeedback: outcome } : {}) });
      // Not to a reporter attached by a merge, who made no such statement on this case, nor to anyone else.
      expect(concernFeedbackFor(c, attachedReporter)).toBeUndefined();
      expect(concernFeedbackFor(c, people.farMember1)).toBeUndefined();
    },
  );

  it('gives no feedback on an anonymous consultation, whatever it carries', () => {
    const c = { ...reportOfConcern('assigned', aHandover('outcome_reported')), kind: 'consultation' as const };
    expect(concernFeedbackFor(c, people.reporter)).toBeUndefined();
  });
});

const pendingQuestion = { id: 'q-1', askedBy: people.farMember1, askedAt: '2026-11-23T09:00:00.000Z', text: 'Hur ser det ut på fredagar?' };

/** A case in `state` that meets every precondition of `action` except the state itself (as in the lifecycle test). */
function caseIn(state: CaseState, action: CaseActionType, base: (s: CaseState, h: Handover | undefined) => Case): Case {
  const assigned = state === 'assigned' || state === 'handed_over';
  return {
    ...base(state, state === 'handed_over' ? aHandover('acknowledged') : undefined),
    ...(state === 'awaiting_consent' ? { consent: { givenBy: 'none' as const, scope: [] } } : {}),
    ...(assigned ? { assigneeId: people.farMember1 } : {}),
    ...(action === 'answer_question' ? { questions: [pendingQuestion] } : {}),
  };
}


const legalCaseMoves = caseStates.flatMap((state) =>
  (Object.keys(caseTransitions) as CaseActionType[]).filter((action) => caseTransitions[action][state] !== undefined).map((action) => ({ state, action })),
);

describe('what the reporters are told after a change: every legal case action from every state', () => {
  it.each(legalCaseMoves)('$action from $state tells them exactly when their status changed', ({ state, action }) => {
    for (const base of [ordinaryReferral, reportOfConcern]) {
      const before = caseIn(state, action, base);
      const result = applyCaseAction(before, validCaseAction[action], aContext(people.farMember2));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const after = result.value.case;
      const changed = reporterStatus(after) !== reporterStatus(before);
      expect(reporterStatusChange(after, result.value.events)).toBe(changed ? reporterStatus(after) : undefined);
      expect(concernFeedbackRecipient(after, result.value.events)).toBeUndefined();
    }
  });
});

const validHandoverAction: { [A in HandoverActionType]: Extract<HandoverAction, { type: A }> } = {
  acknowledge: { type: 'acknowledge' },
  forward: { type: 'forward', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere' },
  report_outcome: { type: 'report_outcome', outcome: 'not_opened' },
  close: { type: 'close' },
  request_input: { type: 'request_input', questionId: 'in-2', text: 'Vad har fungerat i skolan?' },
  answer_input: { type: 'answer_input', questionId: 'in-1', text: 'Korta dagar med en vuxen som möter upp.' },
  invite_sst: { type: 'invite_sst', legalGround: 'own_work' },
};
const pendingInput = { id: 'in-1', askedBy: people.farInvestigator1, askedAt: '2026-11-23T09:00:00.000Z', text: 'Hur har samarbetet med familjen gått?' };

const legalHandoverMoves = handoverStates.flatMap((state) =>
  (Object.keys(handoverTransitions) as HandoverActionType[])
    .filter((action) => handoverTransitions[action][state] !== undefined)
    .map((action) => ({ state, action })),
);

describe("what the reporters are told when social services act: every legal handover action from every state", () => {
  it.each(legalHandoverMoves)('$action from $state tells no status, and feedback only on a report of concern', ({ state, action }) => {
    const actor = action === 'answer_input' ? people.farMember1 : people.farInvestigator1;
    const inputs = action === 'answer_input' ? { inputRequests: [pendingInput] } : {};
    for (const [base, concern] of [[ordinaryReferral, false], [reportOfConcern, true]] as const) {
      const before = { ...base('handed_over', aHandover(state, 'investigation_opened', inputs)), assigneeId: people.farMember1 };
      const result = applyHandoverAction(before, validHandoverAction[action], aContext(actor));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(reporterStatusChange(result.value.case, result.value.events)).toBeUndefined();
      const feedback = concern && action === 'report_outcome' ? people.reporter : undefined;
      expect(concernFeedbackRecipient(result.value.case, result.value.events)).toBe(feedback);
    }
  });
});
