import { actOnHandover } from '../../../../app/act-on-handover';
import type { BotDeps } from '../../bot-deps';
import { renderInputRequestCard } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import type { BotRoutes } from '../../turn';
import { refusalCard } from '../case/refusal-card';
import { handoverAnswerInputSchema } from './schemas';

/** The team's worker answers the unit's request for input on the input-request card; the answer lands on the handover. */
export function registerInputAnswer(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.handoverAnswerInput, handoverAnswerInputSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    if (!actor || !payload) return refusalCard(deps, turn);
    const { caseId, questionId, inputAnswer } = payload;
    const result = await actOnHandover(deps, { actor, caseId, action: { type: 'answer_input', questionId, text: inputAnswer ?? '' } });
    const directory = deps.directory();
    if (result.ok) {
      const changed = result.value.case;
      return renderInputRequestCard({ lang, clock: deps.clock, directory, case: changed, questionId, answered: true });
    }
    const error = result.error;
    if (error.code === 'not_found' || error.code === 'not_authorized') return refusalCard(deps, turn);
    if (error.code === 'invalid_field')
      return renderInputRequestCard({
        lang,
        clock: deps.clock,
        directory,
        case: error.case,
        questionId,
        values: { inputAnswer: inputAnswer ?? '' },
        errors: error.fields.map((e) => ({ ...e, field: 'inputAnswer' as const })),
      });
    const answered = (error.case.handover?.inputRequests ?? []).some((q) => q.id === questionId && q.answer !== undefined);
    return renderInputRequestCard({ lang, clock: deps.clock, directory, case: error.case, questionId, answered });
  });
}
