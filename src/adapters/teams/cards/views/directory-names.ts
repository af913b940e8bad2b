import { reportersOf, type Case } from '../../../../domain/case/case';
import { findDistrict, findInvestigationUnit, findSstTeam, type Directory, type PersonRef } from '../../../../domain/routing/directory';
import type { CaseDelivery } from '../../../../app/ports/deliveries';
import { catalogue, type Lang } from '../../i18n/i18n';

/** Everyone the directory names: team members and coordinators, fallback contacts, unit staff, admins. */
function peopleOf(d: Directory): PersonRef[] {
  return [
    ...d.sstTeams.flatMap((t) => [...t.coordinators, ...t.members]),
    ...d.districts.map((x) => x.fallbackContact),
    ...d.investigationUnits.flatMap((u) => [...u.contacts, ...u.managers]),
    ...(d.admins ?? []),
  ];
}

/** A staff member's display name from the directory; undefined for anyone it does not list (a reporter, say). */
export const personName = (d: Directory, userId: string): string | undefined => peopleOf(d).find((p) => p.id === userId)?.name;

/**
 * Who a delivery was for, by address-book key (`inbox:<teamId>`, `person:<tenant>:<userId>`): a team's name,
 * a staff member's name, or "the reporter". A reporter is never named (they are not in the directory anyway).
 */
export function recipientName(d: Directory, c: Case, delivery: Pick<CaseDelivery, 'recipient'>, lang: Lang): string {
  const l = catalogue(lang).caseCard;
  const [kind, ...rest] = delivery.recipient.split(':');
  if (kind === 'inbox') return findSstTeam(d, rest.join(':'))?.name ?? l.recipientUnknown;
  if (kind === 'person' && rest.length >= 2) {
    const userId = rest.slice(1).join(':');
    if (reportersOf(c).includes(userId)) return l.recipientReporter;
    return personName(d, userId) ?? l.recipientUnknown;
  }
  return l.recipientUnknown;
}

export const districtName = (d: Directory, code: string): string => findDistrict(d, code)?.name ?? code;
export const unitName = (d: Directory, id: string): string => findInvestigationUnit(d, id)?.name ?? id;
export const teamName = (d: Directory, id: string): string => findSstTeam(d, id)?.name ?? id;
