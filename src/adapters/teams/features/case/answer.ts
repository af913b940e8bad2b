import type { Application, TurnState } from '@microsoft/teams-ai';
import { actOnCase } from '../../../../app/act-on-case';
import { afterCaseChange } from '../../../../app/after-case-change';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { renderQuestionCard } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { langOf } from '../../reply';
import { refusalCard } from './refusal-card';
import { caseAnswerSchema } from './schemas';
import { renameTextField } from './to-action';
import { onCardAction } from '../../card-action';

/** The reporter answers the team's question on the question card in their chat; the answer lands on the case. */
export function registerQuestionAnswer(app: Application<TurnState>, deps: BotDeps): void {
  onCardAction(app, verbs.caseAnswer, async (context, data) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    const parsed = caseAnswerSchema.safeParse(data);
    if (!actor || !parsed.success) return refusalCard(deps, context);
    const { caseId, questionId, answer } = parsed.data;
    const result = await actOnCase(deps, { actor, caseId, action: { type: 'answer_question', questionId, text: answer ?? '' } });
    const directory = deps.directory();
    if (result.ok) {
      const { case: changed, events } = result.value;
      deps.background.run('case.after_answer', () => afterCaseChange(deps, changed, events));
      return renderQuestionCard({ lang, directory, case: changed, questionId, answered: true });
    }
    const error = result.error;
    if (error.code === 'invalid_field')
      return renderQuestionCard({
        lang,
        directory,
        case: error.case,
        questionId,
        values: { answer: answer ?? '' },
        errors: renameTextField(error.fields, 'answer').flatMap((e) => (e.field === 'answer' ? [{ ...e, field: 'answer' as const }] : [])),
      });
    if (error.code === 'not_found' || error.code === 'not_authorized') return refusalCard(deps, context);
    // Already answered (the question is no longer pending), or the case moved on: show the card as it stands.
    const answered = (error.case.questions ?? []).some((q) => q.id === questionId && q.answer !== undefined);
    return renderQuestionCard({ lang, directory, case: error.case, questionId, answered });
  });
}
