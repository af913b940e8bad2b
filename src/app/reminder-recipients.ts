import { reportersOf, type Case } from '../domain/case/case';
import type { ReminderRecipient } from '../domain/reminders/reminder';
import { type Directory, findDistrict, findInvestigationUnit, findSchool, findSstTeam, type PersonRef } from '../domain/routing/directory';
import type { AddressBook, Recipient } from './ports/addresses';
import { teamInboxRecipients } from './route-to-inbox';

export interface ResolvedRecipients {
  recipients: Recipient[];
  /**
   * Why nobody was found, when nobody was: the directory has no head teachers, or the team or unit named by
   * the reminder is no longer in the directory. The sender logs it; there is nothing to retry.
   */
  skipped?: 'no_head_teacher_in_directory' | 'not_in_directory';
}

const people = (c: Case, refs: readonly PersonRef[]): Recipient[] =>
  [...new Set(refs.map((p) => p.id))].map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));

const found = (recipients: Recipient[]): ResolvedRecipients =>
  recipients.length > 0 ? { recipients } : { recipients, skipped: 'not_in_directory' };

/**
 * The people and inboxes a reminder's directory reference stands for, in the case's tenant. A team's inbox is
 * its channel if linked, else its members (as for new cases). A head teacher's reminder goes to the school's
 * `headTeacher` in the directory; for a school without one, to the case's reporter when they reported as head
 * teacher, and to nobody otherwise (logged).
 */
export async function reminderRecipients(
  deps: { store: Pick<AddressBook, 'getAddress'> },
  recipient: ReminderRecipient,
  c: Case,
  dir: Directory,
): Promise<ResolvedRecipients> {
  switch (recipient.kind) {
    case 'team_inbox': {
      const team = findSstTeam(dir, recipient.teamId);
      return found(team ? await teamInboxRecipients(deps, team, c.tenantId) : []);
    }
    case 'team_coordinators':
      return found(people(c, findSstTeam(dir, recipient.teamId)?.coordinators ?? []));
    case 'fallback_contact': {
      const district = findDistrict(dir, recipient.districtCode);
      return found(district ? people(c, [district.fallbackContact]) : []);
    }
    case 'unit_contacts':
      return found(people(c, findInvestigationUnit(dir, recipient.unitId)?.contacts ?? []));
    case 'unit_managers':
      return found(people(c, findInvestigationUnit(dir, recipient.unitId)?.managers ?? []));
    case 'person':
      return { recipients: [{ kind: 'person', tenantId: c.tenantId, userId: recipient.userId }] };
    case 'case_reporters':
      return { recipients: reportersOf(c).map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId })) };
    case 'head_teacher': {
      const headTeacher = findSchool(dir, recipient.schoolId)?.headTeacher;
      if (headTeacher) return { recipients: people(c, [headTeacher]) };
      return c.reporterRole === 'head_teacher'
        ? { recipients: [{ kind: 'person', tenantId: c.tenantId, userId: c.reporterId }] }
        : { recipients: [], skipped: 'no_head_teacher_in_directory' };
    }
    default: {
      const unreachable: never = recipient;
      return unreachable;
    }
  }
}

/** True when `userId` is among the people a reminder is for (a channel counts as its team's members). */
export function isReminderRecipient(userId: string, recipient: ReminderRecipient, c: Case, dir: Directory): boolean {
  const ids = (refs: readonly PersonRef[] | undefined) => (refs ?? []).some((p) => p.id === userId);
  switch (recipient.kind) {
    case 'team_inbox': {
      const team = findSstTeam(dir, recipient.teamId);
      return ids(team?.members) || ids(team?.coordinators);
    }
    case 'team_coordinators':
      return ids(findSstTeam(dir, recipient.teamId)?.coordinators);
    case 'fallback_contact':
      return findDistrict(dir, recipient.districtCode)?.fallbackContact.id === userId;
    case 'unit_contacts':
      return ids(findInvestigationUnit(dir, recipient.unitId)?.contacts);
    case 'unit_managers':
      return ids(findInvestigationUnit(dir, recipient.unitId)?.managers);
    case 'person':
      return recipient.userId === userId;
    case 'case_reporters':
      return reportersOf(c).includes(userId);
    case 'head_teacher': {
      const headTeacher = findSchool(dir, recipient.schoolId)?.headTeacher;
      return headTeacher ? headTeacher.id === userId : c.reporterRole === 'head_teacher' && c.reporterId === userId;
    }
    default: {
      const unreachable: never = recipient;
      return unreachable;
    }
  }
}
