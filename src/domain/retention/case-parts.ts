import type { Case, OwningAuthority } from '../case/case';

/**
 * The parts of a case, each owned by the authority that created it (domain.md D7, L18, L27):
 * - report: the report itself (pupil, absence, school steps, consent, text, check-ins): the school side;
 * - team_question / reporter_answer: the team's question to the reporter, and the reporter's answer;
 * - handover_summary: the hand-over and its summary (the team, or the school side for an intake handover);
 * - acknowledgement, forward, outcome, input_request, sst_invitation: what the investigation unit records;
 * - input_answer: the team's answer to the unit's input request.
 * A part stored before parts were tagged belongs to the case's owner, as every part did then.
 */
export const caseParts = [
  'report',
  'team_question',
  'reporter_answer',
  'handover_summary',
  'acknowledgement',
  'forward',
  'outcome',
  'input_request',
  'input_answer',
  'sst_invitation',
] as const;
export type CasePart = (typeof caseParts)[number];

export interface OwnedPart {
  part: CasePart;
  owner: OwningAuthority;
  /** The question or input request the part belongs to, for the parts that come in threads. */
  questionId?: string;
  /** True for the handover's parts: they stay while the handover is open, the unit may still need them. */
  inHandover: boolean;
}

/** Every part of `c` with its owner, in a stable order. */
export function partsOf(c: Case): OwnedPart[] {
  const tagged = (owner: OwningAuthority | undefined): OwningAuthority => owner ?? c.owner;
  const parts: OwnedPart[] = [{ part: 'report', owner: c.owner, inHandover: false }];
  for (const q of c.questions ?? []) {
    parts.push({ part: 'team_question', owner: tagged(q.owner), questionId: q.id, inHandover: false });
    if (q.answer) parts.push({ part: 'reporter_answer', owner: tagged(q.answer.owner), questionId: q.id, inHandover: false });
  }
  const h = c.handover;
  if (h === undefined) return parts;
  const inHandover = (part: CasePart, owner: OwningAuthority | undefined, questionId?: string): OwnedPart =>
    questionId === undefined ? { part, owner: tagged(owner), inHandover: true } : { part, owner: tagged(owner), questionId, inHandover: true };
  parts.push(inHandover('handover_summary', h.owner));
  if (h.acknowledgement) parts.push(inHandover('acknowledgement', h.acknowledgement.owner));
  for (const f of h.forwards) parts.push(inHandover('forward', f.owner));
  if (h.outcome) parts.push(inHandover('outcome', h.outcome.owner));
  for (const r of h.inputRequests) {
    parts.push(inHandover('input_request', r.owner, r.id));
    if (r.answer) parts.push(inHandover('input_answer', r.answer.owner, r.id));
  }
  if (h.sstInvitation) parts.push(inHandover('sst_invitation', h.sstInvitation.owner));
  return parts;
}
