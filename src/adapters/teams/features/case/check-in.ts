import { actOnCase } from '../../../../app/act-on-case';
import type { FieldError } from '../../../../domain/errors';
import type { BotDeps } from '../../bot-deps';
import { renderCheckInCard } from '../../cards/render';
import type { CheckInField } from '../../cards/views/check-in-card';
import { verbs } from '../../cards/verbs';
import type { BotRoutes } from '../../turn';
import { refusalCard } from './refusal-card';
import { caseCheckInSchema } from './schemas';

/** A figure as typed ("18", "12,5"); blank or unreadable gives NaN, which the domain refuses as out of range. */
const percentOf = (typed: string): number => (typed.trim() === '' ? Number.NaN : Number(typed.trim().replace(',', '.')));

const cardFields: Readonly<Record<string, CheckInField>> = { totalPercent: 'checkInTotal', unexcusedPercent: 'checkInUnexcused' };

/** The reporter answers a follow-up check-in: the figures become a point of the case's attendance trend. */
export function registerCheckIn(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.caseCheckIn, caseCheckInSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    if (!actor || !payload) return refusalCard(deps, turn);
    const values = { checkInTotal: String(payload.checkInTotal ?? ''), checkInUnexcused: String(payload.checkInUnexcused ?? '') };
    const action = { type: 'record_check_in' as const, totalPercent: percentOf(values.checkInTotal), unexcusedPercent: percentOf(values.checkInUnexcused) };
    const result = await actOnCase(deps, { actor, caseId: payload.caseId, action });
    const directory = deps.directory();
    if (result.ok) {
      const changed = result.value.case;
      deps.log.info({ event: 'case.record_check_in', caseId: changed.id });
      return renderCheckInCard({ lang, directory, case: changed, answered: true });
    }
    const error = result.error;
    switch (error.code) {
      case 'not_found':
      case 'not_authorized':
        return refusalCard(deps, turn);
      case 'invalid_field': {
        const errors = error.fields.flatMap((e): FieldError<CheckInField>[] => {
          const field = cardFields[e.field];
          return field === undefined ? [] : [{ ...e, field }];
        });
        return renderCheckInCard({ lang, directory, case: error.case, values, errors });
      }
      case 'stale':
      case 'illegal_transition':
      case 'rule_violation':
        // The case has closed (or moved on) since the card came: show it as it stands.
        return renderCheckInCard({ lang, directory, case: error.case });
      default: {
        const unreachable: never = error;
        return unreachable;
      }
    }
  });
}
