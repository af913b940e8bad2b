import type { CaseStore } from '../../../app/ports/case-store';
import type { Case } from '../../../domain/case/case';
import type { Decision, ReadModifyWriteResult, Versioned } from './read-modify-write';

export type UpdateResult = Awaited<ReturnType<CaseStore['updateCase']>>;
export type UpdateStop = 'not_found' | 'conflict';

/**
 * What an update from `expectedVersion` does to the stored case: nothing when it is missing or at another
 * version, otherwise replace it with `next` one version up. Reference and submission key are fixed at
 * creation (lookup items point at them), so changing them is a bug and throws.
 */
export function decideCaseUpdate(next: Case, expectedVersion: number) {
  return (current: Versioned<Case> | undefined): Decision<Case, UpdateStop> => {
    if (current === undefined) return { stop: 'not_found' };
    if (current.value.version !== expectedVersion) return { stop: 'conflict' };
    if (current.value.reference !== next.reference || current.value.submissionKey !== next.submissionKey) {
      throw new Error(`Case ${next.id}: an update may not change the reference or the submission key`);
    }
    return { write: { ...next, version: expectedVersion + 1 } };
  };
}

/** A lost If-Match race (412) that a re-read could not resolve is a conflict, like a stale expected version. */
export function toUpdateResult(result: ReadModifyWriteResult<Case, UpdateStop>): UpdateResult {
  if (result.ok) return { ok: true, case: result.written.value };
  return { ok: false, reason: 'stopped' in result ? result.stopped : 'conflict' };
}
