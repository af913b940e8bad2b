import type { CalendarDate } from '../calendar/calendar-date';
import type { NewCase } from '../case/case';
import { startAssessmentClock } from './deadlines';
import type { Handover } from './handover';

/**
 * A report of suspected harm goes straight to the investigation contact of the pupil's home district as an
 * urgent handover, in parallel with the school-social team (domain.md F2, I2): it does not wait for the team
 * to take the case. The reporter has made their own report of concern (the form asks for its date); this
 * handover makes sure the unit sees the case the same working day. It rests on the duty to report (L19c).
 * The team may add its summary later. The 14-day initial assessment counts from the day the reporter's report
 * of concern reached social services (`concernReportedOn`), not from `receivedOn` (I3). Returns the case unchanged when there is no unit to hand over to
 * (another municipality) or no suspected harm.
 */
export function withUrgentIntakeHandover(c: NewCase, receivedOn: CalendarDate): NewCase {
  const unitId = c.routing.investigationUnitId;
  if (!c.routing.urgent || unitId === undefined || c.kind !== 'referral' || c.handover !== undefined) return c;
  const handover: Handover = {
    state: 'pending',
    unitId,
    urgent: true,
    summary: '',
    // The reporter's school hands it over until the team adds its summary (domain.md D7).
    owner: c.owner,
    legalGround: 'reporting_duty',
    handedOverBy: c.reporterId,
    handedOverAt: c.createdAt,
    receivedOn,
    assessmentClock: startAssessmentClock(unitId, receivedOn, c.concernReportedOn),
    forwards: [],
    inputRequests: [],
  };
  return {
    ...c,
    handover,
    history: [...c.history, { at: c.createdAt, by: c.reporterId, type: 'handed_over', detail: { unitId, legalGround: 'reporting_duty', urgent: 'true', via: 'intake' } }],
  };
}
