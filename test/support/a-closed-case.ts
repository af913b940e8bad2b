import type { NewCase, OwningAuthority } from '../../src/domain/case/case';
import { aNewCase } from './a-new-case';

/** Text in every personal field of `aClosedCase`, so that a test can look for any trace of it. */
export const personalMarkers = {
  initials: 'QZX',
  text: 'MARKER-REPORT-TEXT-4f1c',
  question: 'MARKER-QUESTION-9b2e',
  answer: 'MARKER-ANSWER-3d7a',
  summary: 'MARKER-HANDOVER-SUMMARY-6c5f',
  inputRequest: 'MARKER-INPUT-REQUEST-8e0b',
  inputAnswer: 'MARKER-INPUT-ANSWER-1a9d',
} as const;

/**
 * A referral closed at `closedAt` with every personal field filled, each with a marker from `personalMarkers`:
 * pupil, absence, steps, consent, text, an answered question, and a handover with summary and an answered
 * input request.
 */
export function aClosedCase(closedAt: string, overrides: Partial<NewCase> = {}): NewCase {
  const m = personalMarkers;
  const base = aNewCase();
  return {
    ...base,
    state: 'closed',
    pupil: { initials: m.initials, yearGroup: 8 },
    text: m.text,
    assigneeId: 'sst-1',
    outcome: 'handed_to_investigation',
    closedAt,
    questions: [{ id: 'q-1', askedBy: 'sst-1', askedAt: '2026-11-24T09:00:00.000Z', text: m.question, answer: { by: 'teacher-1', at: '2026-11-24T10:00:00.000Z', text: m.answer } }],
    handover: {
      state: 'closed',
      unitId: 'FAR-INV',
      urgent: false,
      summary: m.summary,
      legalGround: 'consent',
      handedOverBy: 'sst-1',
      handedOverAt: '2026-11-25T09:00:00.000Z',
      receivedOn: '2026-11-25',
      acknowledgement: { responsibleId: 'inv-1', recordedBy: 'inv-1', at: '2026-11-25T10:00:00.000Z' },
      outcome: { outcome: 'not_opened', by: 'inv-1', at: '2026-11-30T10:00:00.000Z' },
      forwards: [],
      inputRequests: [
        { id: 'r-1', askedBy: 'inv-1', askedAt: '2026-11-26T09:00:00.000Z', text: m.inputRequest, answer: { by: 'sst-1', at: '2026-11-26T11:00:00.000Z', text: m.inputAnswer } },
      ],
      closedAt,
    },
    history: [...base.history, { at: closedAt, by: 'sst-1', type: 'closed', detail: { outcome: 'handed_to_investigation' } }],
    ...overrides,
  };
}

/**
 * `c` with every part tagged by the authority that created it, as the use cases tag them: the report and the
 * reporter's answers by the case owner, the team's questions, summary and input by `team`, the unit's records by `unit`.
 */
export function withPartOwners(c: NewCase, owners: { team: OwningAuthority; unit: OwningAuthority }): NewCase {
  const { team, unit } = owners;
  const h = c.handover;
  return {
    ...c,
    ...(c.questions ? { questions: c.questions.map((q) => ({ ...q, owner: team, ...(q.answer ? { answer: { ...q.answer, owner: c.owner } } : {}) })) } : {}),
    ...(h
      ? {
          handover: {
            ...h,
            owner: team,
            ...(h.acknowledgement ? { acknowledgement: { ...h.acknowledgement, owner: unit } } : {}),
            ...(h.outcome ? { outcome: { ...h.outcome, owner: unit } } : {}),
            ...(h.sstInvitation ? { sstInvitation: { ...h.sstInvitation, owner: unit } } : {}),
            forwards: h.forwards.map((f) => ({ ...f, owner: unit })),
            inputRequests: h.inputRequests.map((q) => ({ ...q, owner: unit, ...(q.answer ? { answer: { ...q.answer, owner: team } } : {}) })),
          },
        }
      : {}),
  };
}
