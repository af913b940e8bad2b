import { actOnCase } from '../../../../app/act-on-case';
import type { BotDeps } from '../../bot-deps';
import { renderQuestionCard } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import type { BotRoutes } from '../../turn';
import { refusalCard } from './refusal-card';
import { caseAnswerSchema } from './schemas';
import { renameTextField } from './to-action';

/** The reporter answers the team's question on the question card in their chat; the answer lands on the case. */
export function registerQuestionAnswer(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.caseAnswer, caseAnswerSchema, async (turn, payload) => {
    const { lang, actor } = turn;
    if (!actor || !payload) return refusalCard(deps, turn);
    const { caseId, questionId, answer } = payload;
    const result = await actOnCase(deps, { actor, caseId, action: { type: 'answer_question', questionId, text: answer ?? '' } });
    const directory = deps.directory();
    if (result.ok) {
      const changed = result.value.case;
      return renderQuestionCard({ lang, clock: deps.clock, directory, case: changed, questionId, answered: true });
    }
    const error = result.error;
    if (error.code === 'invalid_field')
      return renderQuestionCard({
        lang,
        clock: deps.clock,
        directory,
        case: error.case,
        questionId,
        values: { answer: answer ?? '' },
        errors: renameTextField(error.fields, 'answer').flatMap((e) => (e.field === 'answer' ? [{ ...e, field: 'answer' as const }] : [])),
      });
    if (error.code === 'not_found' || error.code === 'not_authorized') return refusalCard(deps, turn);
    // Already answered (the question is no longer pending), or the case moved on: show the card as it stands.
    const answered = (error.case.questions ?? []).some((q) => q.id === questionId && q.answer !== undefined);
    return renderQuestionCard({ lang, clock: deps.clock, directory, case: error.case, questionId, answered });
  });
}
