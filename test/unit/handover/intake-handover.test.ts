import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../../src/domain/case/lifecycle';
import { withUrgentIntakeHandover } from '../../../src/domain/handover/intake-handover';
import { aCase, aContext, people } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';

describe('the urgent handover made at intake', () => {
  const urgent = aNewCase({ suspectedHarm: true, concernReportedOn: '2026-11-20' });
  const urgentCase = { ...urgent, routing: { ...urgent.routing, urgent: true } };

  it('sends a report of suspected harm straight to the home district unit, pending and urgent, on the duty to report', () => {
    const h = withUrgentIntakeHandover(urgentCase, '2026-11-23').handover;
    expect(h).toMatchObject({ state: 'pending', unitId: 'FAR-INV', urgent: true, legalGround: 'reporting_duty', receivedOn: '2026-11-23' });
    expect(withUrgentIntakeHandover(urgentCase, '2026-11-23').history.at(-1)).toMatchObject({ type: 'handed_over', detail: { via: 'intake' } });
  });

  it("starts the 14-day clock on the day the reporter's report of concern reached social services, not at intake", () => {
    const h = withUrgentIntakeHandover(urgentCase, '2026-11-23').handover;
    expect(h?.assessmentClock).toEqual({ startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' });
  });

  it.each([
    ['not urgent', aNewCase()],
    ['urgent but living in another municipality', { ...urgentCase, routing: { ...urgentCase.routing, investigationUnitId: undefined } }],
    ['an anonymous question', { ...urgentCase, kind: 'consultation' as const }],
  ])('leaves a case that is %s alone', (_name, c) => {
    expect(withUrgentIntakeHandover(c, '2026-11-23')).toEqual(c);
  });
});

describe("the team's hand-over of a case that already went to the unit at intake", () => {
  it('adds the team summary to the existing handover instead of starting a new one', () => {
    const base = aCase();
    const urgentCase = { ...base, suspectedHarm: true, routing: { ...base.routing, urgent: true } };
    const withIntake = { ...aCase(), ...withUrgentIntakeHandover(urgentCase, '2026-11-23'), state: 'assigned' as const, assigneeId: people.farMember1 };
    const acknowledged = { ...withIntake, handover: withIntake.handover && { ...withIntake.handover, state: 'acknowledged' as const, acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-23T10:00:00.000Z' } } };
    const result = applyCaseAction(acknowledged, { type: 'hand_over', summary: 'Skolan ser oro, familjen vill ha stöd.', legalGround: 'reporting_duty' }, aContext(people.farMember1));
    expect(result.ok).toBe(true);
    const h = result.ok ? result.value.case.handover : undefined;
    expect(h).toMatchObject({ state: 'acknowledged', unitId: 'FAR-INV', summary: 'Skolan ser oro, familjen vill ha stöd.', urgent: true });
    expect(h?.acknowledgement?.responsibleId).toBe(people.farInvestigator1);
    expect(result.ok && result.value.case.state).toBe('handed_over');
  });

  it("keeps the clock of the reporter's report of concern when the team adds its summary", () => {
    const base = aCase();
    const urgentCase = { ...base, suspectedHarm: true, concernReportedOn: '2026-11-19', routing: { ...base.routing, urgent: true } };
    const withIntake = { ...aCase(), ...withUrgentIntakeHandover(urgentCase, '2026-11-23'), state: 'assigned' as const, assigneeId: people.farMember1 };
    const result = applyCaseAction(withIntake, { type: 'hand_over', summary: 'Skolan ser oro.', legalGround: 'reporting_duty' }, aContext(people.farMember1, { today: '2026-11-26' }));
    expect(result.ok && result.value.case.handover?.assessmentClock).toEqual({ startsOn: '2026-11-19', basis: 'report_of_concern', unitId: 'FAR-INV' });
  });

  it("starts the clock of the team's own handover on the day it reaches the unit", () => {
    const result = applyCaseAction(aCase({ state: 'assigned', assigneeId: people.farMember1 }), { type: 'hand_over', summary: 'Frånvaron ökar.', legalGround: 'consent' }, aContext(people.farMember1, { today: '2026-11-26' }));
    expect(result.ok && result.value.case.handover?.assessmentClock).toEqual({ startsOn: '2026-11-26', basis: 'handover_arrival', unitId: 'FAR-INV' });
  });
});
