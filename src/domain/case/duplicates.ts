import type { Case } from './case';

/** Initials compared without case, dots, spaces or hyphens: "K.L." and "kl" are the same pupil's. */
const foldInitials = (s: string): string => s.toLocaleLowerCase('sv-SE').replace(/[.\s-]/g, '');

/**
 * Two referrals probably concern the same pupil when they come from the same school and tenant with the
 * same year group and initials, and both are still open. The team decides; the bot only shows the link.
 */
export function isPossibleDuplicate(a: Case, b: Case): boolean {
  if (a.id === b.id || a.kind !== 'referral' || b.kind !== 'referral') return false;
  if (a.schoolId !== b.schoolId || a.tenantId !== b.tenantId) return false;
  if (a.pupil === undefined || b.pupil === undefined || a.pupil.yearGroup !== b.pupil.yearGroup) return false;
  const closed = (c: Case) => c.state === 'closed' || c.state === 'merged';
  return !closed(a) && !closed(b) && foldInitials(a.pupil.initials) === foldInitials(b.pupil.initials);
}
