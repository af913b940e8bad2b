import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case/case';
import { handoverStates, type Handover, type HandoverState } from '../../../src/domain/handover/handover';
import {
  applyHandoverAction,
  handoverActionTypes,
  type HandoverAction,
  type HandoverActionType,
} from '../../../src/domain/handover/handover-lifecycle';
import { aCase, aContext, people, testDirectory } from '../../support/a-case';

const pendingInput = { id: 'in-1', askedBy: people.farInvestigator1, askedAt: '2026-11-23T09:00:00.000Z', text: 'Hur har samarbetet med familjen gått?' };

function aHandover(state: HandoverState, overrides: Partial<Handover> = {}): Handover {
  return {
    state,
    unitId: 'FAR-INV',
    urgent: false,
    summary: 'Frånvaron ökar trots insatser.',
    legalGround: 'reporting_duty',
    handedOverBy: people.farMember1,
    handedOverAt: '2026-11-20T09:00:00.000Z',
    receivedOn: '2026-11-20',
    ...(state === 'pending' ? {} : { acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-20T10:00:00.000Z' } }),
    ...(state === 'outcome_reported' || state === 'closed'
      ? { outcome: { outcome: 'investigation_opened' as const, by: people.farInvestigator1, at: '2026-11-21T10:00:00.000Z' } }
      : {}),
    forwards: [],
    inputRequests: [],
    ...overrides,
  };
}

const handedOver = (h: Handover, overrides: Partial<Case> = {}): Case =>
  aCase({ state: 'handed_over', assigneeId: people.farMember1, handover: h, ...overrides });

/** A case whose handover is in `state` and meets every precondition of `action` except the state. */
function caseWith(state: HandoverState, action: HandoverActionType): Case {
  return handedOver(aHandover(state, action === 'answer_input' ? { inputRequests: [pendingInput] } : {}));
}

const validAction: { [A in HandoverActionType]: Extract<HandoverAction, { type: A }> } = {
  acknowledge: { type: 'acknowledge' },
  forward: { type: 'forward', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere' },
  report_outcome: { type: 'report_outcome', outcome: 'investigation_opened' },
  close: { type: 'close' },
  request_input: { type: 'request_input', questionId: 'in-2', text: 'Vad har fungerat i skolan?' },
  answer_input: { type: 'answer_input', questionId: 'in-1', text: 'Korta dagar med en vuxen som möter upp.' },
  invite_sst: { type: 'invite_sst', legalGround: 'own_work' },
};

const expected: Record<HandoverState, Record<HandoverActionType, HandoverState | 'illegal'>> = {
  pending: { acknowledge: 'acknowledged', forward: 'pending', report_outcome: 'illegal', close: 'illegal', request_input: 'illegal', answer_input: 'pending', invite_sst: 'illegal' },
  acknowledged: { acknowledge: 'illegal', forward: 'pending', report_outcome: 'outcome_reported', close: 'illegal', request_input: 'acknowledged', answer_input: 'acknowledged', invite_sst: 'illegal' },
  outcome_reported: { acknowledge: 'illegal', forward: 'illegal', report_outcome: 'illegal', close: 'closed', request_input: 'outcome_reported', answer_input: 'outcome_reported', invite_sst: 'outcome_reported' },
  closed: { acknowledge: 'illegal', forward: 'illegal', report_outcome: 'illegal', close: 'illegal', request_input: 'illegal', answer_input: 'illegal', invite_sst: 'illegal' },
};

const cells = handoverStates.flatMap((state) => handoverActionTypes.map((action) => ({ state, action, to: expected[state][action] })));
const actorFor = (action: HandoverActionType): string => (action === 'answer_input' ? people.farMember1 : people.farInvestigator1);

describe('handover: every state × every action', () => {
  it.each(cells.filter((c) => c.to !== 'illegal'))('$action from $state leads to $to', ({ state, action, to }) => {
    const before = caseWith(state, action);
    const result = applyHandoverAction(before, validAction[action], aContext(actorFor(action)));
    expect(result).toMatchObject({ ok: true, value: { case: { handover: { state: to } } } });
    if (!result.ok) return;
    expect(result.value.case.history).toHaveLength(before.history.length + 1);
    expect(result.value.events).toHaveLength(1);
  });

  it.each(cells.filter((c) => c.to === 'illegal'))('$action from $state is refused as an illegal transition', ({ state, action }) => {
    expect(applyHandoverAction(caseWith(state, action), validAction[action], aContext(actorFor(action)))).toEqual({
      ok: false,
      error: { code: 'illegal_transition', from: state, action },
    });
  });

  it.each(handoverActionTypes)('%s on a case without a handover is refused', (action) => {
    expect(applyHandoverAction(aCase({ state: 'assigned' }), validAction[action], aContext(people.farInvestigator1))).toEqual({
      ok: false,
      error: { code: 'illegal_transition', from: 'none', action },
    });
  });
});

const inv = aContext(people.farInvestigator1);
const refusedWith = (rule: string) => ({ ok: false, error: { code: 'rule_violation', rule } });

describe('acknowledging (kvittera)', () => {
  it('names the acknowledger as responsible by default', () => {
    const result = applyHandoverAction(caseWith('pending', 'acknowledge'), { type: 'acknowledge' }, inv);
    expect(result).toMatchObject({
      ok: true,
      value: {
        case: { handover: { acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-24T10:00:00.000Z' } } },
        events: [{ type: 'HandoverAcknowledged', unitId: 'FAR-INV', responsibleId: people.farInvestigator1 }],
      },
    });
  });

  it.each([people.farInvestigator2, people.farUnitManager])('may name colleague %s of the same unit', (colleague) => {
    const result = applyHandoverAction(caseWith('pending', 'acknowledge'), { type: 'acknowledge', responsibleId: colleague }, inv);
    expect(result).toMatchObject({ ok: true, value: { case: { handover: { acknowledgement: { responsibleId: colleague, recordedBy: people.farInvestigator1 } } } } });
  });

  it.each([people.skaInvestigator, people.farMember1, 'nobody'])('refuses to name %s, who is not in the unit', (other) => {
    expect(applyHandoverAction(caseWith('pending', 'acknowledge'), { type: 'acknowledge', responsibleId: other }, inv)).toEqual(refusedWith('not_in_unit'));
  });
});

describe('forwarding to another district', () => {
  it('puts the handover back to pending at the new unit, records the old one and restarts the receipt date', () => {
    const result = applyHandoverAction(caseWith('acknowledged', 'forward'), validAction.forward, aContext(people.farInvestigator1, { today: '2026-11-24' }));
    expect(result).toMatchObject({
      ok: true,
      value: {
        case: {
          handover: {
            state: 'pending',
            unitId: 'SKA-INV',
            receivedOn: '2026-11-24',
            forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: people.farInvestigator1 }],
          },
        },
        events: [{ type: 'HandoverForwarded', fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', urgent: false }],
      },
    });
    expect(result.ok && result.value.case.handover?.acknowledgement).toBeUndefined();
  });

  const secondFarUnit = { id: 'FAR-INV-2', name: 'Farsta mottagning 2', districtCode: 'FAR', contacts: [], managers: [] };
  const restarting = { ...testDirectory, initialAssessment: { forwardToOtherDistrictRestarts: true } };
  const started = { startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' } as const;
  it.each([
    ['to another district, by default: the clock runs on', testDirectory, 'SKA-INV', started],
    ['to another district where the directory says a forward restarts it', restarting, 'SKA-INV', { startsOn: '2026-11-26', basis: 'forward_restart', unitId: 'SKA-INV' }],
    ['within the same district committee, even with the setting on', { ...restarting, investigationUnits: [...restarting.investigationUnits, secondFarUnit] }, 'FAR-INV-2', started],
  ])('forwards %s', (_label, directory, toUnitId, clock) => {
    const c = handedOver(aHandover('acknowledged', { assessmentClock: started }));
    const result = applyHandoverAction(c, { ...validAction.forward, toUnitId }, aContext(people.farInvestigator1, { today: '2026-11-26', directory }));
    expect(result.ok && result.value.case.handover?.assessmentClock).toEqual(clock);
  });

  it('keeps an urgent handover urgent at the new unit', () => {
    const result = applyHandoverAction(handedOver(aHandover('pending', { urgent: true })), validAction.forward, inv);
    expect(result).toMatchObject({ ok: true, value: { case: { handover: { urgent: true } }, events: [{ urgent: true }] } });
  });

  it('refuses forwarding to the unit it is already at', () => {
    expect(applyHandoverAction(caseWith('pending', 'forward'), { ...validAction.forward, toUnitId: 'FAR-INV' }, inv)).toEqual(refusedWith('same_unit'));
  });

  it('refuses a unit that is not in the directory', () => {
    expect(applyHandoverAction(caseWith('pending', 'forward'), { ...validAction.forward, toUnitId: 'XXX-INV' }, inv)).toEqual(refusedWith('unknown_unit'));
  });
});

describe('outcome and closing', () => {
  it.each(['investigation_opened', 'not_opened', 'already_ongoing'] as const)('records outcome %s', (outcome) => {
    const result = applyHandoverAction(caseWith('acknowledged', 'report_outcome'), { type: 'report_outcome', outcome }, inv);
    expect(result).toMatchObject({ ok: true, value: { case: { handover: { outcome: { outcome, by: people.farInvestigator1 } } }, events: [{ type: 'HandoverOutcomeReported', outcome }] } });
  });

  it('closes with a time stamp, on a case the team has already closed too', () => {
    const c = handedOver(aHandover('outcome_reported'), { state: 'closed', outcome: 'handed_to_investigation' });
    expect(applyHandoverAction(c, { type: 'close' }, inv)).toMatchObject({ ok: true, value: { case: { state: 'closed', handover: { state: 'closed', closedAt: '2026-11-24T10:00:00.000Z' } } } });
  });
});

describe('asking the team for input', () => {
  it('adds a pending request and tells the team by question id only', () => {
    const result = applyHandoverAction(caseWith('acknowledged', 'request_input'), validAction.request_input, inv);
    expect(result).toMatchObject({ ok: true, value: { case: { handover: { inputRequests: [{ id: 'in-2', askedBy: people.farInvestigator1 }] } }, events: [{ type: 'InputRequested', questionId: 'in-2' }] } });
    expect(JSON.stringify(result.ok && result.value.events)).not.toContain('fungerat');
  });

  it('allows one pending request at a time', () => {
    const c = handedOver(aHandover('acknowledged', { inputRequests: [pendingInput] }));
    expect(applyHandoverAction(c, validAction.request_input, inv)).toEqual(refusedWith('question_pending'));
  });

  it('records the team’s answer', () => {
    const result = applyHandoverAction(caseWith('acknowledged', 'answer_input'), validAction.answer_input, aContext(people.farMember1));
    expect(result).toMatchObject({ ok: true, value: { case: { handover: { inputRequests: [{ id: 'in-1', answer: { by: people.farMember1 } }] } }, events: [{ type: 'InputGiven' }] } });
  });

  it('refuses an answer to a request that is not pending', () => {
    const c = handedOver(aHandover('acknowledged'));
    expect(applyHandoverAction(c, validAction.answer_input, aContext(people.farMember1))).toEqual(refusedWith('no_pending_question'));
  });
});

describe('inviting the team into an open investigation', () => {
  it('records the case’s assignee as invited, with the legal ground', () => {
    const result = applyHandoverAction(caseWith('outcome_reported', 'invite_sst'), validAction.invite_sst, inv);
    expect(result).toMatchObject({
      ok: true,
      value: {
        case: { handover: { sstInvitation: { sstWorkerId: people.farMember1, legalGround: 'own_work', by: people.farInvestigator1 } } },
        events: [{ type: 'SstInvited', sstWorkerId: people.farMember1 }],
      },
    });
  });

  it('also invites into an investigation that was already ongoing', () => {
    const c = handedOver(aHandover('outcome_reported', { outcome: { outcome: 'already_ongoing', by: people.farInvestigator1, at: '2026-11-21T10:00:00.000Z' } }));
    expect(applyHandoverAction(c, validAction.invite_sst, inv).ok).toBe(true);
  });

  it('refuses when no investigation was opened', () => {
    const c = handedOver(aHandover('outcome_reported', { outcome: { outcome: 'not_opened', by: people.farInvestigator1, at: '2026-11-21T10:00:00.000Z' } }));
    expect(applyHandoverAction(c, validAction.invite_sst, inv)).toEqual(refusedWith('investigation_not_open'));
  });

  it('refuses a second invitation', () => {
    const c = handedOver(aHandover('outcome_reported', { sstInvitation: { sstWorkerId: people.farMember1, legalGround: 'own_work', by: people.farInvestigator1, at: '2026-11-22T10:00:00.000Z' } }));
    expect(applyHandoverAction(c, validAction.invite_sst, inv)).toEqual(refusedWith('already_invited'));
  });

  it('refuses consent as the ground when the guardians have not consented', () => {
    const c = handedOver(aHandover('outcome_reported'), { consent: { givenBy: 'none', scope: [] } });
    expect(applyHandoverAction(c, { type: 'invite_sst', legalGround: 'consent' }, inv)).toEqual(refusedWith('consent_missing'));
  });
});
