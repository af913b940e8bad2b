import { reportersOf, type Case } from '../case/case';
import { caseActionTypes, type CaseActionType } from '../case/lifecycle';
import { handoverActionTypes, type HandoverActionType } from '../handover/handover-lifecycle';
import { findDistrict, findInvestigationUnit, findSstTeam, type Directory, type PersonRef } from '../routing/directory';

/**
 * The one authorization policy (docs/access-policy.md). Roles are derived from the routing directory and the
 * case, never from a card payload (style.md §3); `can` says whether a role may attempt an action, the
 * lifecycle tables say whether the action is legal in the case's state. Use cases check both.
 */
export const caseRoles = [
  /** R1: submitted the case, or a duplicate merged into it. */
  'reporter',
  /** R3/R4: member of the team the case is routed to. */
  'sst_member',
  /** R5: coordinator of that team, the queue owner. */
  'sst_coordinator',
  /** The district's fallback contact, for a school no team serves yet (domain.md D11). */
  'fallback_contact',
  /** The team-side person who took the case (still in the team or the fallback contact per the directory). */
  'assignee',
  /** R6: contact of the investigation unit the handover is at now. */
  'investigator',
  /** R6: manager of that unit, the escalation target. */
  'unit_manager',
  /** R7: administers the directory; sees no case content. */
  'admin',
] as const;
export type CaseRole = (typeof caseRoles)[number];

export type AccessAction = `case.${CaseActionType}` | `handover.${HandoverActionType}`;

export const accessActions: readonly AccessAction[] = [
  ...caseActionTypes.map((a): AccessAction => `case.${a}`),
  ...handoverActionTypes.map((a): AccessAction => `handover.${a}`),
];

const isIn = (people: readonly PersonRef[] | undefined, userId: string): boolean => (people ?? []).some((p) => p.id === userId);

/** The actor's relationships to `c`, in `caseRoles` order; empty for a stranger. */
export function rolesFor(actorUserId: string, c: Case, dir: Directory): CaseRole[] {
  const roles = new Set<CaseRole>();
  if (reportersOf(c).includes(actorUserId)) roles.add('reporter');

  const teamId = c.routing.sstTeamId;
  const team = teamId === undefined ? undefined : findSstTeam(dir, teamId);
  if (team !== undefined && isIn(team.members, actorUserId)) roles.add('sst_member');
  if (team !== undefined && isIn(team.coordinators, actorUserId)) roles.add('sst_coordinator');
  if (teamId === undefined) {
    const district = findDistrict(dir, c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode);
    if (district !== undefined && district.fallbackContact.id === actorUserId) roles.add('fallback_contact');
  }
  const teamSide = roles.has('sst_member') || roles.has('sst_coordinator') || roles.has('fallback_contact');
  // Someone who has left the team loses the case with it: the directory, not the case, decides.
  if (teamSide && c.assigneeId === actorUserId) roles.add('assignee');

  const unit = c.handover === undefined ? undefined : findInvestigationUnit(dir, c.handover.unitId);
  if (unit !== undefined && isIn(unit.contacts, actorUserId)) roles.add('investigator');
  if (unit !== undefined && isIn(unit.managers, actorUserId)) roles.add('unit_manager');

  if (isIn(dir.admins, actorUserId)) roles.add('admin');
  return caseRoles.filter((r) => roles.has(r));
}

/** The person responsible for the team's work on the case: its assignee, the coordinator, or the fallback contact. */
const handler: readonly CaseRole[] = ['assignee', 'sst_coordinator', 'fallback_contact'];
const unitSide: readonly CaseRole[] = ['investigator', 'unit_manager'];

/**
 * Who may attempt what. `unassignedMembers`: while nobody has taken the case, any team member may also do it
 * (inbox triage). Take-over of an assigned case is the coordinator's (R5, queue owner), see `can`.
 */
export const permissions: { readonly [A in AccessAction]: { roles: readonly CaseRole[]; unassignedMembers: boolean } } = {
  'case.record_consent': { roles: ['reporter', ...handler], unassignedMembers: true },
  'case.take': { roles: ['sst_member', 'sst_coordinator', 'fallback_contact'], unassignedMembers: true },
  'case.ask_reporter': { roles: handler, unassignedMembers: false },
  'case.answer_question': { roles: ['reporter'], unassignedMembers: false },
  'case.change_level': { roles: handler, unassignedMembers: true },
  'case.hand_over': { roles: handler, unassignedMembers: false },
  'case.close': { roles: handler, unassignedMembers: false },
  'case.merge': { roles: handler, unassignedMembers: true },
  'case.set_follow_up': { roles: handler, unassignedMembers: false },
  'case.record_check_in': { roles: ['reporter'], unassignedMembers: false },
  'handover.acknowledge': { roles: unitSide, unassignedMembers: false },
  'handover.forward': { roles: unitSide, unassignedMembers: false },
  'handover.report_outcome': { roles: unitSide, unassignedMembers: false },
  'handover.close': { roles: unitSide, unassignedMembers: false },
  'handover.request_input': { roles: unitSide, unassignedMembers: false },
  // Nobody on the team has taken an investigator's input request (or an urgent report not yet taken): any member may answer it.
  'handover.answer_input': { roles: handler, unassignedMembers: true },
  'handover.invite_sst': { roles: unitSide, unassignedMembers: false },
};

/**
 * Who may read a case's audit trail (who saw and did what): the queue owners on both sides, the team's
 * coordinator (or the district's fallback contact) and the unit manager of the unit the handover is at.
 */
export const trailReaders: readonly CaseRole[] = ['sst_coordinator', 'fallback_contact', 'unit_manager'];

export const canReadTrail = (roles: readonly CaseRole[]): boolean => roles.some((r) => trailReaders.includes(r));

/** True when an actor with `roles` may attempt `action` on `c`. Admins may do nothing on a case. */
export function can(roles: readonly CaseRole[], action: AccessAction, c: Case): boolean {
  if (action === 'case.take' && c.assigneeId !== undefined) return roles.includes('sst_coordinator');
  const rule = permissions[action];
  if (rule.roles.some((r) => roles.includes(r))) return true;
  return rule.unassignedMembers && c.assigneeId === undefined && roles.includes('sst_member');
}

export { whatCanSee, visibleConcerns, type CaseView, type CaseField, type ViewLevel } from './visibility';
export {
  reporterStatus,
  reporterStatusChange,
  reporterViewOf,
  concernFeedbackFor,
  concernFeedbackRecipient,
  madeReportOfConcern,
  type ReporterStatus,
  type ReporterView,
} from './reporter-status';
