import { err, ok, type FieldError, type Result, type RuleViolation } from '../errors';
import type { DomainEvent } from '../events';
import { checkFreeText } from '../free-text/check-free-text';
import { startAssessmentClock } from '../handover/deadlines';
import type { Handover, LegalGround } from '../handover/handover';
import { findInvestigationUnit } from '../routing/directory';
import { isAdultPupil } from '../consent/consent-giver';
import type { Case } from './case';
import { hasValidConsent } from './consent-check';
import type { ActionContext } from './action-context';
import { withHistory } from './history';
import { teamAuthority } from '../retention/owning-authority';

export type HandOverField = 'summary';

/** Why a hand-over was refused; the lifecycle's `CaseActionError` includes every variant. */
export type HandOverError = { code: 'rule_violation'; rule: RuleViolation } | { code: 'invalid_field'; fields: FieldError<HandOverField>[] };

/** The summary is the only free text that crosses to social services: short on purpose (domain.md A7, L25). */
export const handoverSummaryMaxLength = 300;

const checkSummary = (summary: string): Result<string, FieldError<HandOverField>[]> =>
  checkFreeText('summary', summary, { maxLength: handoverSummaryMaxLength, required: true });

/**
 * Hands an assigned case over to the investigation unit of the pupil's home district (routing, domain.md L9).
 * The legal ground is recorded because the handover crosses authorities (D7, L19); `consent` needs a valid
 * consent on the case. Suspected harm on the case, or the worker's own judgement, makes it urgent (I2).
 */
export function handOver(
  c: Case,
  action: { summary: string; legalGround: LegalGround; urgent?: boolean },
  ctx: ActionContext,
): Result<{ case: Case; events: DomainEvent[] }, HandOverError> {
  const unitId = c.routing.investigationUnitId;
  if (unitId === undefined || findInvestigationUnit(ctx.directory, unitId) === undefined)
    return err({ code: 'rule_violation', rule: 'no_investigation_unit' });
  const summary = checkSummary(action.summary);
  if (!summary.ok) return err({ code: 'invalid_field', fields: summary.error });
  if (action.legalGround === 'consent' && !hasValidConsent(c, ctx.today)) return err({ code: 'rule_violation', rule: 'consent_missing' });
  // The duty to report concerns children: it ends when the pupil turns 18 (domain.md L10).
  if (action.legalGround === 'reporting_duty' && c.pupil !== undefined && isAdultPupil(c.pupil))
    return err({ code: 'rule_violation', rule: 'reporting_duty_under_18_only' });

  // An urgent report already went to the unit at intake: the team's hand-over adds its view to that handover
  // (the link the city wants, S0.3) instead of starting another one.
  const open = c.handover !== undefined && c.handover.state !== 'closed' ? c.handover : undefined;
  if (open) {
    const handover: Handover = {
      ...open,
      summary: summary.value,
      owner: teamAuthority(c, ctx.directory),
      legalGround: action.legalGround,
      urgent: open.urgent || action.urgent === true,
    };
    const next = withHistory({ ...c, state: 'handed_over', handover }, ctx, 'handed_over', {
      unitId: open.unitId,
      legalGround: action.legalGround,
      urgent: String(handover.urgent),
      via: 'team_summary',
    });
    const event: DomainEvent = { caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'CaseHandedOver', unitId: open.unitId, urgent: handover.urgent, legalGround: action.legalGround };
    return ok({ case: next, events: [event] });
  }
  const urgent = c.suspectedHarm || c.routing.urgent || action.urgent === true;
  const handover: Handover = {
    state: 'pending',
    unitId,
    urgent,
    summary: summary.value,
    owner: teamAuthority(c, ctx.directory),
    legalGround: action.legalGround,
    handedOverBy: ctx.actorId,
    handedOverAt: ctx.at,
    receivedOn: ctx.today,
    // The team's own handover: the unit receives it today. The reporter's report of concern, if any, started
    // the clock of the intake handover, which the summary above joins instead (I3).
    assessmentClock: startAssessmentClock(unitId, ctx.today),
    forwards: [],
    inputRequests: [],
  };
  const next = withHistory({ ...c, state: 'handed_over', handover }, ctx, 'handed_over', {
    unitId,
    legalGround: action.legalGround,
    urgent: String(urgent),
  });
  const event: DomainEvent = { caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'CaseHandedOver', unitId, urgent, legalGround: action.legalGround };
  return ok({ case: next, events: [event] });
}
