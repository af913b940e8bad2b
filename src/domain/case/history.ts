import type { ActionContext } from './action-context';
import type { Case, CaseHistoryType } from './case';

/** Appends a history entry (who, when, what); entries hold codes and ids only, never free text. */
export function withHistory(
  c: Case,
  ctx: Pick<ActionContext, 'actorId' | 'at'>,
  type: CaseHistoryType,
  detail?: Record<string, string>,
): Case {
  const entry = { at: ctx.at, by: ctx.actorId, type };
  return { ...c, history: [...c.history, detail === undefined ? entry : { ...entry, detail }] };
}
