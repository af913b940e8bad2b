import { addCalendarDays, type CalendarDate } from '../calendar/calendar-date';
import type { Case, Erasure, OwningAuthority } from '../case/case';
import type { Question } from '../case/question';
import { attendanceChangeOf } from '../case/follow-up';
import { partsOf, type CasePart, type OwnedPart } from './case-parts';
import { authorityKey } from './owning-authority';
import type { RetentionRule, RetentionSettings } from './retention-settings';

/**
 * Erasure of ended cases, part by part: each part (./case-parts.ts) is erased after the records-retention period
 * of the authority that owns it (domain.md L25, L27: storage limitation, and no destruction of public records
 * without that authority's culling decision, gallringsbeslut), never before. Erasing removes what identifies or
 * describes the pupil and the free texts of that owner's parts; the reference, kind, state, dates, routing,
 * support level, outcome and other codes stay, so that anonymous counts remain possible.
 */

export type { RetentionRule, RetentionSettings } from './retention-settings';

/** Stable legal-basis code on every erasure's audit entry. */
export const erasureBasis = 'records_retention_decision';

/** The period and decision that apply to `owner`'s parts, if the directory gives one. */
export function retentionRuleFor(owner: OwningAuthority, settings: RetentionSettings): RetentionRule | undefined {
  switch (owner.kind) {
    case 'education_committee':
      return settings.education_committee;
    case 'district_committee':
      return settings.districts?.[owner.districtCode] ?? settings.district_committee;
    case 'independent_school':
      return settings.independent_school;
  }
}

/** The shortest configured period: no part of a case that ended later than that many days ago is due. */
export function shortestPeriod(settings: RetentionSettings): number {
  const rules = [settings.education_committee, settings.district_committee, ...Object.values(settings.districts ?? {})];
  if (settings.independent_school) rules.push(settings.independent_school);
  return Math.min(...rules.map((r) => r.days));
}

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

/** One owner whose period has run out on a case, with the rule that says so and its parts. */
export interface DueOwner {
  owner: OwningAuthority;
  rule: RetentionRule;
  parts: CasePart[];
}

/**
 * The owners of `c` whose parts are due by `today`: the case ended, the owner's parts are not erased yet, and
 * its period has run out counted from when its last part ended (the case's end; for the handover's parts the
 * handover's close, if later). Handover parts stay while the handover is open; an owner without a rule is kept.
 */
export function ownersDueForErasure(c: Case, settings: RetentionSettings, today: CalendarDate): DueOwner[] {
  const ended = endedAt(c);
  if (ended === undefined || c.erasedAt !== undefined) return [];
  const erased = new Set((c.erasures ?? []).map((e) => authorityKey(e.owner)));
  const handoverEnd = c.handover?.closedAt;
  const due: DueOwner[] = [];
  for (const [key, parts] of byOwner(partsOf(c))) {
    const owner = parts[0]?.owner;
    const rule = owner === undefined ? undefined : retentionRuleFor(owner, settings);
    if (owner === undefined || rule === undefined || erased.has(key)) continue;
    const inHandover = parts.some((p) => p.inHandover);
    if (inHandover && handoverEnd === undefined) continue;
    const lastEnded = inHandover && handoverEnd !== undefined && handoverEnd > ended ? handoverEnd : ended;
    if (lastEnded < erasureCutoff(today, rule.days)) due.push({ owner, rule, parts: [...new Set(parts.map((p) => p.part))] });
  }
  return due;
}

/** True when some owner's parts of `c` are due for erasure by `today`. */
export function isDueForErasure(c: Case, settings: RetentionSettings, today: CalendarDate): boolean {
  return ownersDueForErasure(c, settings, today).length > 0;
}

/**
 * The case with the personal fields and free texts of `owners`' parts removed and each erasure recorded: the
 * report's pupil, absence and follow-up figures, school steps, consent and text; question, answer, summary and
 * input texts. Who did what and when (staff ids, history codes) stays: it is the authorities' process record.
 * Once every owner's parts are erased the case gets `erasedAt`. Erasing erased parts again changes nothing.
 */
export function eraseParts(c: Case, owners: readonly OwningAuthority[], at: string): Case {
  if (c.erasedAt !== undefined) return c;
  const keys = new Set(owners.map(authorityKey));
  const owns = (owner: OwningAuthority | undefined): boolean => keys.has(authorityKey(owner ?? c.owner));
  let erased: Case = c;
  if (owns(c.owner)) {
    const { pupil: _pupil, absence: _absence, attendance: _attendance, steps: _steps, consent: _consent, ...kept } = c;
    // The anonymous statistics keep the attendance change as one whole number (docs/statistics.md).
    const change = attendanceChangeOf(c);
    erased = { ...kept, text: '', ...(change === undefined ? {} : { keptForStatistics: { attendanceChangePoints: change } }) };
  }
  if (c.questions !== undefined) erased = { ...erased, questions: c.questions.map((q) => withoutTexts(q, owns)) };
  if (c.handover !== undefined) {
    const h = c.handover;
    erased = { ...erased, handover: { ...h, summary: owns(h.owner) ? '' : h.summary, inputRequests: h.inputRequests.map((q) => withoutTexts(q, owns)) } };
  }
  const before = c.erasures ?? [];
  const known = new Set(before.map((e) => authorityKey(e.owner)));
  const added: Erasure[] = [];
  for (const owner of owners) {
    if (known.has(authorityKey(owner))) continue;
    known.add(authorityKey(owner));
    added.push({ owner, at });
  }
  const erasures = [...before, ...added];
  const done = new Set(erasures.map((e) => authorityKey(e.owner)));
  const complete = [...byOwner(partsOf(c)).keys()].every((k) => done.has(k));
  return { ...erased, erasures, ...(complete ? { erasedAt: at } : {}) };
}

/** True when some owner's parts of `c` have been erased: what a store's eraseCase accepts. */
export const isErased = (c: Case): boolean => c.erasedAt !== undefined || (c.erasures ?? []).length > 0;

/** Every owner's parts erased at once: the case as it is at the end of every period. */
export function eraseCase(c: Case, at: string): Case {
  const owners = [...byOwner(partsOf(c)).values()].flatMap((parts) => (parts[0] ? [parts[0].owner] : []));
  return eraseParts(c, owners, at);
}

function byOwner(parts: readonly OwnedPart[]): Map<string, OwnedPart[]> {
  const grouped = new Map<string, OwnedPart[]>();
  for (const p of parts) grouped.set(authorityKey(p.owner), [...(grouped.get(authorityKey(p.owner)) ?? []), p]);
  return grouped;
}

/** `owns` treats an untagged part as the case owner's, as partsOf does. */
function withoutTexts(q: Question, owns: (owner: OwningAuthority | undefined) => boolean): Question {
  const text = owns(q.owner) ? '' : q.text;
  if (q.answer === undefined) return { ...q, text };
  return { ...q, text, answer: { ...q.answer, text: owns(q.answer.owner) ? '' : q.answer.text } };
}
