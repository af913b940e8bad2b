import { concernFeedbackRecipient } from '../domain/access/policy';
import type { Case } from '../domain/case/case';
import type { DomainEvent } from '../domain/events';
import type { CaseStore } from './ports';

/**
 * Records every disclosure across the line between the school side (the education committee) and social
 * services (a district committee), with its legal ground (domain.md D7, L18, L19): a referral reaching the
 * team once consent is there, an urgent report reaching the unit on the duty to report, the team's hand-over,
 * the team's input into an investigation and the invitation into it; the other way, the unit's feedback to a
 * reporter who made a report of concern (`reporter_feedback`, domain.md L14), to that reporter only, and an
 * investigator's question in an input request (`input_request`: that the pupil is under investigation is
 * social-services information, disclosed as what the unit needs for its own work); and where a withdrawn
 * consent stops disclosure.
 */
export async function auditDisclosures(store: CaseStore, at: string, actorId: string, c: Case, events: readonly DomainEvent[]): Promise<void> {
  const disclose = (what: string, to: string, legalGround: string) =>
    store.appendAudit({ at, actorId, action: 'disclosure', caseId: c.id, detail: { what, to, legalGround } });
  const stop = (scope: readonly string[], to: string) =>
    store.appendAudit({ at, actorId, action: 'disclosure_stopped', caseId: c.id, detail: { what: scope.join(','), to, legalGround: 'consent' } });
  const team = teamOf(c);
  for (const e of events) {
    switch (e.type) {
      case 'ConsentRecorded':
        if (!e.renewed) await disclose('referral', team, 'consent');
        break;
      case 'ConsentWithdrawn':
        // Disclosure on the consent stops here (L19a): to the team, and to the unit where the handover rests on it.
        await stop(e.scope, team);
        if (c.handover?.legalGround === 'consent') await stop(e.scope, c.handover.unitId);
        break;
      case 'CaseHandedOver':
        await disclose('handover', e.unitId, e.legalGround);
        break;
      case 'InputRequested':
        // An investigator's own request tells the team that the pupil is under investigation (below).
        if (c.kind === 'input_request') await disclose('input_request', team, inputRequestGround);
        break;
      case 'InputGiven':
        await disclose('input', e.unitId, c.handover?.legalGround ?? 'unknown');
        break;
      case 'SstInvited':
        await disclose('invitation', e.unitId, e.legalGround);
        break;
      case 'HandoverOutcomeReported': {
        const reporter = concernFeedbackRecipient(c, [e]);
        if (reporter !== undefined) await disclose('concern_feedback', `reporter:${reporter}`, 'reporter_feedback');
        break;
      }
      default:
        break;
    }
  }
}

/**
 * The ground of an investigator's question to the team: OSL 10 kap. 2 §, what the unit needs for its own
 * work (domain.md L19 d: "when an investigator asks school staff questions"). The team's answer crosses the
 * other way on the ground the investigator gave for it.
 */
const inputRequestGround = 'own_work';

const teamOf = (c: Case): string => c.routing.sstTeamId ?? `fallback:${c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode}`;

/**
 * The disclosures a new case makes when it is stored: the referral to the team, an urgent report to the unit,
 * an investigator's question to the team.
 */
export async function auditIntakeDisclosures(store: CaseStore, c: Case): Promise<void> {
  const at = c.createdAt;
  if (c.kind === 'input_request') {
    await store.appendAudit({ at, actorId: c.reporterId, action: 'disclosure', caseId: c.id, detail: { what: 'input_request', to: teamOf(c), legalGround: inputRequestGround } });
    return;
  }
  if (c.kind === 'referral' && c.state === 'new') {
    const team = teamOf(c);
    await store.appendAudit({ at, actorId: c.reporterId, action: 'disclosure', caseId: c.id, detail: { what: 'referral', to: team, legalGround: 'consent' } });
  }
  if (c.handover) {
    await store.appendAudit({
      at,
      actorId: c.reporterId,
      action: 'disclosure',
      caseId: c.id,
      detail: { what: 'urgent_handover', to: c.handover.unitId, legalGround: c.handover.legalGround },
    });
  }
}
