import { can, rolesFor, type CaseRole } from '../../../../domain/access/policy';
import { caseOutcomes, type Case, type CaseOutcome } from '../../../../domain/case/case';
import { applyCaseAction, caseTransitions, type ActionContext, type CaseAction } from '../../../../domain/case/lifecycle';
import { legalGrounds, type LegalGround } from '../../../../domain/handover/handover';
import { consentGiversFor, isAdultPupil } from '../../../../domain/consent/consent-giver';
import { isUpperSecondary, type ConsentGiver } from '../../../../domain/report/report';
import type { Directory } from '../../../../domain/routing/directory';

/**
 * The case actions a viewer may do now, as the domain would judge them: the policy (`can`), the transition
 * table and the action's own rules, all checked by a dry run of `applyCaseAction` on a copy. Only the form's
 * fields are not judged here (the user fills them in), so `invalid_field` still counts as offered.
 */
export interface OfferedActions {
  take: boolean;
  /** Taking a case someone else has: the coordinator's take-over. */
  takeOver: boolean;
  ask: boolean;
  consent: boolean;
  /** "Återkalla samtycke": the reporter or the team member who has the case, while a consent is in force. */
  withdrawConsent: boolean;
  /** The consent form asks the pupil's age band (upper secondary only, domain.md L10). */
  asksAgeBand: boolean;
  /** The pupil is known to be 18 or over: the consent is theirs, and the texts say so. */
  adultPupil: boolean;
  /** The support level the button changes to, if any (only SST ↔ SST+). */
  level?: 'sst' | 'intensive';
  close: boolean;
  /** "Lämna över till utredning": the team hands the case over to the investigation unit of the home district. */
  handOver: boolean;
  /** The legal grounds the hand-over form offers (consent only while a valid consent is on the case). */
  handoverGrounds: LegalGround[];
  /** The outcomes the close form offers (e.g. "handed to investigation" only after a handover). */
  outcomes: CaseOutcome[];
  /** Consent givers the form offers: per the city's joint-custody setting, the pupil only in upper secondary (L10). */
  consentGivers: ConsentGiver[];
  /** "Ändra uppföljningsdatum": the team moves the next follow-up check-in. */
  followUp: boolean;
  /** Ids of the duplicates this case may be merged into. */
  mergeInto: string[];
}

interface Probe {
  viewer: { userId: string; roles: readonly CaseRole[] };
  c: Case;
  ctx: ActionContext;
}

function domainAccepts({ c, ctx }: Probe, action: CaseAction): boolean {
  if (caseTransitions[action.type][c.state] === undefined) return false;
  const result = applyCaseAction(c, action, ctx);
  return result.ok || result.error.code === 'invalid_field';
}

function offered(p: Probe, action: CaseAction): boolean {
  return can(p.viewer.roles, `case.${action.type}`, p.c) && domainAccepts(p, action);
}

export function offeredActions(
  viewer: { userId: string; roles: readonly CaseRole[] },
  c: Case,
  duplicates: readonly Case[],
  directory: Directory,
  now: { at: string; today: string },
): OfferedActions {
  const p: Probe = { viewer, c, ctx: { actorId: viewer.userId, at: now.at, today: now.today, directory } };
  const level = c.supportLevel === 'sst' ? 'intensive' : c.supportLevel === 'intensive' ? 'sst' : undefined;
  const outcomes = caseOutcomes.filter((outcome) => offered(p, { type: 'close', outcome }));
  const take = offered(p, { type: 'take' });
  const handoverGrounds = legalGrounds.filter((legalGround) => offered(p, { type: 'hand_over', summary: 'probe', legalGround }));
  const consentGivers: ConsentGiver[] = c.pupil === undefined ? [] : consentGiversFor(c.pupil, directory.consent);
  return {
    take,
    takeOver: take && c.assigneeId !== undefined,
    ask: offered(p, { type: 'ask_reporter', questionId: `probe-${c.id}`, text: 'probe' }),
    consent: offered(p, { type: 'record_consent', consent: { givenBy: 'guardian', scope: ['absence'], validUntil: now.today } }),
    withdrawConsent: offered(p, { type: 'withdraw_consent' }),
    asksAgeBand: c.pupil !== undefined && isUpperSecondary(c.pupil.yearGroup),
    adultPupil: c.pupil !== undefined && isAdultPupil(c.pupil),
    ...(level !== undefined && offered(p, { type: 'change_level', level }) ? { level } : {}),
    close: outcomes.length > 0,
    handOver: handoverGrounds.length > 0,
    handoverGrounds,
    outcomes,
    consentGivers,
    followUp: c.followUpOn !== undefined && offered(p, { type: 'set_follow_up', on: now.today }),
    // The merge use case also checks the viewer's rights on the case merged into; so does the card.
    mergeInto: duplicates
      .filter((dup) => offered(p, { type: 'merge', into: dup }))
      .filter((dup) => can(rolesFor(viewer.userId, dup, directory), 'case.merge', dup))
      .map((dup) => dup.id),
  };
}
