import { concernFeedbackRecipient } from '../domain/access/policy';
import type { Case, NewCase, OwningAuthority } from '../domain/case/case';
import type { DomainEvent } from '../domain/events';
import { authorityKey, teamAuthority, unitAuthority } from '../domain/retention/owning-authority';
import type { Directory } from '../domain/routing/directory';
import type { AuditEntry, AuditLog } from './ports/audit';

/**
 * Records every disclosure across the line between the school side (the education committee, or an independent
 * school's organiser) and social services (a district committee), with its legal ground (domain.md D7, L18, L19)
 * and the authority each side belongs to (`fromAuthority`, `toAuthority`, as in domain/retention/owning-authority.ts):
 * a referral reaching the team once consent is there, an urgent report reaching the unit on the duty to report,
 * the team's hand-over, the team's input into an investigation and the invitation into it; and, the other way,
 * the unit's feedback to a reporter who made a report of concern (`reporter_feedback`, domain.md L14), to that
 * reporter only, and an investigator's question in an input request (`input_request`: that the pupil is under
 * investigation is social-services information, disclosed as what the unit needs for its own work); and where a
 * withdrawn consent stops disclosure (`disclosure_stopped`).
 */
export async function auditDisclosures(
  store: AuditLog,
  at: string,
  actorId: string,
  c: Case,
  events: readonly DomainEvent[],
  directory: Directory,
): Promise<void> {
  const disclose = (what: string, to: string, legalGround: string, from: OwningAuthority, toAuthority: OwningAuthority) =>
    store.appendAudit({ at, actorId, action: 'disclosure', caseId: c.id, detail: { what, to, legalGround, ...authorities(from, toAuthority) } });
  const stop = (scope: readonly string[], to: string) =>
    store.appendAudit({ at, actorId, action: 'disclosure_stopped', caseId: c.id, detail: { what: scope.join(','), to, legalGround: 'consent' } });
  const team = teamOf(c);
  const teamSide = teamAuthority(c, directory);
  for (const e of events) {
    switch (e.type) {
      case 'ConsentRecorded':
        if (!e.renewed) await disclose('referral', team, 'consent', c.owner, teamSide);
        break;
      case 'ConsentWithdrawn':
        // Disclosure on the consent stops here (L19a): to the team, and to the unit where the handover rests on it.
        await stop(e.scope, team);
        if (c.handover?.legalGround === 'consent') await stop(e.scope, c.handover.unitId);
        break;
      case 'CaseHandedOver':
        await disclose('handover', e.unitId, e.legalGround, c.handover?.owner ?? teamSide, unitAuthority(e.unitId, c, directory));
        break;
      case 'InputRequested':
        // An investigator's own request tells the team that the pupil is under investigation (below).
        if (c.kind === 'input_request' && c.handover !== undefined)
          await disclose('input_request', team, inputRequestGround, unitAuthority(c.handover.unitId, c, directory), teamSide);
        break;
      case 'InputGiven': {
        const answer = c.handover?.inputRequests.find((q) => q.id === e.questionId)?.answer;
        await disclose('input', e.unitId, c.handover?.legalGround ?? 'unknown', answer?.owner ?? teamSide, unitAuthority(e.unitId, c, directory));
        break;
      }
      case 'SstInvited':
        await disclose('invitation', e.unitId, e.legalGround, unitAuthority(e.unitId, c, directory), teamSide);
        break;
      case 'HandoverOutcomeReported': {
        const reporter = concernFeedbackRecipient(c, [e]);
        const unit = c.handover?.outcome?.owner ?? unitAuthority(e.unitId, c, directory);
        if (reporter !== undefined) await disclose('concern_feedback', `reporter:${reporter}`, 'reporter_feedback', unit, c.owner);
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

/**
 * The disclosures a new case makes when it is stored: the referral to the team, an urgent report to the unit,
 * an investigator's question to the team. The store writes these rows with the case (`NewCaseWith.audit`).
 */
export function intakeDisclosures(c: NewCase, directory: Directory): AuditEntry[] {
  const at = c.createdAt;
  if (c.kind === 'input_request') {
    const from = c.handover === undefined ? c.owner : unitAuthority(c.handover.unitId, c, directory);
    const detail = { what: 'input_request', to: teamOf(c), legalGround: inputRequestGround, ...authorities(from, teamAuthority(c, directory)) };
    return [{ at, actorId: c.reporterId, action: 'disclosure', caseId: c.id, detail }];
  }
  const entries: AuditEntry[] = [];
  if (c.kind === 'referral' && c.state === 'new') {
    const detail = { what: 'referral', to: teamOf(c), legalGround: 'consent', ...authorities(c.owner, teamAuthority(c, directory)) };
    entries.push({ at, actorId: c.reporterId, action: 'disclosure', caseId: c.id, detail });
  }
  if (c.handover) {
    const { unitId, legalGround } = c.handover;
    const detail = { what: 'urgent_handover', to: unitId, legalGround, ...authorities(c.owner, unitAuthority(unitId, c, directory)) };
    entries.push({ at, actorId: c.reporterId, action: 'disclosure', caseId: c.id, detail });
  }
  return entries;
}

const teamOf = (c: Pick<Case, 'routing'>): string => c.routing.sstTeamId ?? `fallback:${c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode}`;

const authorities = (from: OwningAuthority, to: OwningAuthority) => ({ fromAuthority: authorityKey(from), toAuthority: authorityKey(to) });
