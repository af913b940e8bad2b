import { reportersOf, type Case } from '../case/case';
import { caseActionTypes, type CaseActionType } from '../case/lifecycle';
import { isConsentInForce, recipientsOf } from '../consent/consent-scope';
import { handoverActionTypes, type HandoverActionType } from '../handover/handover-lifecycle';
import { caseRoles, type CaseRole } from './case-role';
import { findDistrict, findInvestigationUnit, findSchool, findSstTeam, type Directory, type PersonRef } from '../routing/directory';

/**
 * The one authorization policy (docs/access-policy.md). Roles are derived from the routing directory and the
 * case, never from a card payload (style.md §3); `can` says whether a role may attempt an action, the
 * lifecycle tables say whether the action is legal in the case's state. Use cases check both.
 */
export { caseRoles, type CaseRole } from './case-role';

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
  // School side only when every entry of theirs in the team says so; the fallback contact is social services.
  const entries = team === undefined ? [] : [...team.members, ...team.coordinators].filter((p) => p.id === actorUserId);
  if (entries.length > 0 && entries.every((p) => p.side === 'school')) roles.add('team_school_side');

  const unit = c.handover === undefined ? undefined : findInvestigationUnit(dir, c.handover.unitId);
  if (unit !== undefined && isIn(unit.contacts, actorUserId)) roles.add('investigator');
  if (unit !== undefined && isIn(unit.managers, actorUserId)) roles.add('unit_manager');

  if (isHeadTeacherOf(actorUserId, c, dir)) roles.add('head_teacher');

  if (isIn(dir.admins, actorUserId)) roles.add('admin');
  return caseRoles.filter((r) => roles.has(r));
}

/** Who took a case, by the role the directory gives them; what the reporter is told (never a name). */
export const assigneeRoles = ['team_member', 'coordinator', 'fallback_contact'] as const;
export type AssigneeRole = (typeof assigneeRoles)[number];

/**
 * The role of the person who took `c`: the district's fallback contact, the team's coordinator, or a team
 * member (a counsellor or a school social worker alike: the directory does not tell them apart). Undefined
 * when nobody has taken it or the assignee is no longer in the directory.
 */
export function assigneeRoleOf(c: Case, dir: Directory): AssigneeRole | undefined {
  if (c.assigneeId === undefined) return undefined;
  const roles = rolesFor(c.assigneeId, c, dir);
  if (roles.includes('fallback_contact')) return 'fallback_contact';
  if (roles.includes('sst_coordinator')) return 'coordinator';
  if (roles.includes('sst_member')) return 'team_member';
  return undefined;
}

/**
 * The school's head teacher per the directory (for an independent school its principal, domain.md L4). For a
 * school the directory names no head teacher yet, the reporter who reported as head teacher answers the
 * school's steps they gave at intake; the reminders go to them too (app/reminder-recipients.ts).
 */
function isHeadTeacherOf(actorUserId: string, c: Case, dir: Directory): boolean {
  if (c.kind !== 'referral') return false;
  const headTeacher = findSchool(dir, c.schoolId)?.headTeacher;
  if (headTeacher !== undefined) return headTeacher.id === actorUserId;
  return c.reporterRole === 'head_teacher' && c.reporterId === actorUserId;
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
  // Whoever passes on a withdrawal: the school that obtained the consent, or the team member who has the case.
  'case.withdraw_consent': { roles: ['reporter', ...handler], unassignedMembers: false },
  'case.take': { roles: ['sst_member', 'sst_coordinator', 'fallback_contact'], unassignedMembers: true },
  'case.ask_reporter': { roles: handler, unassignedMembers: false },
  'case.answer_question': { roles: ['reporter'], unassignedMembers: false },
  'case.change_level': { roles: handler, unassignedMembers: true },
  'case.hand_over': { roles: handler, unassignedMembers: false },
  'case.close': { roles: handler, unassignedMembers: false },
  'case.merge': { roles: handler, unassignedMembers: true },
  'case.set_follow_up': { roles: handler, unassignedMembers: false },
  'case.record_check_in': { roles: ['reporter'], unassignedMembers: false },
  // The school's own 7:19 a steps are the head teacher's duty, not the team's (domain.md R2, L3).
  'case.record_school_steps': { roles: ['head_teacher'], unassignedMembers: false },
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

/**
 * Whether the case may reach the team's social-services side at all. A school's referral needs a consent in
 * force for the team (T10, L19a). An anonymous question names no pupil, and an investigator's input request
 * comes from the district committee the team's social-services side belongs to: neither rests on consent.
 */
export const teamMayReceive = (c: Case): boolean =>
  c.kind !== 'referral' || (isConsentInForce(c.consent) && recipientsOf(c.consent).includes('sst_team'));

/**
 * True when `userId` would get a new case card only as the team's social-services side while no consent in
 * force lets the case reach the team (none, or withdrawn): they get no new deliveries of it. The school side,
 * the reporter and the unit are not affected.
 */
export function isCutOffByConsent(userId: string, c: Case, dir: Directory): boolean {
  const roles = rolesFor(userId, c, dir);
  const teamRoles: readonly CaseRole[] = ['sst_member', 'sst_coordinator', 'fallback_contact', 'assignee'];
  const unlimited: readonly CaseRole[] = ['team_school_side', 'reporter', 'investigator', 'unit_manager'];
  if (!roles.some((r) => teamRoles.includes(r)) || roles.some((r) => unlimited.includes(r))) return false;
  return !teamMayReceive(c);
}

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
export { statisticsScopeFor, statisticsDistrictsFor, statisticsRoles, type StatisticsRole, type StatisticsScope } from './statistics-access';
