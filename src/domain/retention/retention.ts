import { addCalendarDays, type CalendarDate } from '../calendar/calendar-date';
import type { Case, OwningAuthority } from '../case/case';

/**
 * Erasure of closed cases after the records-retention period of the authority that owns them (domain.md L25,
 * L27: storage limitation, and no destruction of public records without a culling decision, gallringsbeslut).
 * Erasing removes what identifies or describes the pupil and every free text; the reference, kind, state,
 * dates, routing, support level, outcome and other codes stay, so that anonymous counts remain possible.
 */
export const owningAuthorityKinds = ['education_committee', 'district_committee'] as const satisfies readonly OwningAuthority['kind'][];
export type OwningAuthorityKind = (typeof owningAuthorityKinds)[number];

/** How long one authority keeps a closed case, and the culling decision (its reference) that says so. */
export interface RetentionRule {
  days: number;
  /** The gallringsbeslut the period comes from, e.g. "UBN 2026/1234"; written to the audit with each erasure. */
  decision: string;
}

export type RetentionSettings = Readonly<Record<OwningAuthorityKind, RetentionRule>>;

/** Stable legal-basis code on every erasure's audit entry. */
export const erasureBasis = 'records_retention_decision';

/** When the case ended: closed, or merged into another case. Merged cases from before `closedAt` was set on merge fall back to history. */
export function endedAt(c: Case): string | undefined {
  if (c.state !== 'closed' && c.state !== 'merged') return undefined;
  return c.closedAt ?? c.history.findLast((e) => e.type === 'merged_into')?.at;
}

/**
 * The latest instant still on `today - days` in Stockholm in either season (UTC+1 or UTC+2): 22:00Z that day.
 * A case that ended before it ended on or before that date, so it is never erased early; a case closed between
 * 23:00 and midnight in winter waits one more day. The domain has no time zone, so it takes the safe bound.
 */
export function erasureCutoff(today: CalendarDate, days: number): string {
  return `${addCalendarDays(today, -days)}T22:00:00.000Z`;
}

/** True when `c` ended (closed or merged), is not erased yet, and its owner's period has run out by `today`. */
export function isDueForErasure(c: Case, settings: RetentionSettings, today: CalendarDate): boolean {
  const ended = endedAt(c);
  if (ended === undefined || c.erasedAt !== undefined) return false;
  return ended < erasureCutoff(today, settings[c.owner.kind].days);
}

/**
 * The case with every personal field and free text removed, marked `erasedAt`: pupil, absence and the
 * follow-up figures, school steps, consent, the reporter's text, question and answer texts, the handover
 * summary and input request texts.
 * Who did what and when (staff ids, history codes) stays: it is the authority's own process record.
 * Erasing an erased case changes nothing, so a repeated purge is harmless.
 */
export function eraseCase(c: Case, at: string): Case {
  if (c.erasedAt !== undefined) return c;
  const { pupil: _pupil, absence: _absence, attendance: _attendance, steps: _steps, consent: _consent, ...kept } = c;
  const erased: Case = { ...kept, text: '', erasedAt: at };
  if (c.questions !== undefined) erased.questions = c.questions.map(withoutTexts);
  if (c.handover !== undefined) erased.handover = { ...c.handover, summary: '', inputRequests: c.handover.inputRequests.map(withoutTexts) };
  return erased;
}

function withoutTexts<Q extends { text: string; answer?: { by: string; at: string; text: string } }>(q: Q): Q {
  return q.answer === undefined ? { ...q, text: '' } : { ...q, text: '', answer: { ...q.answer, text: '' } };
}
