import { err, ok, type FieldError, type Result } from '../errors';
import type { OwningAuthority } from '../retention/owning-authority';
import { checkFreeText } from '../free-text/check-free-text';

/**
 * A question on a case and its answer: the team asking the reporter, or an investigator asking the team for
 * input. The texts are sensitive free text, shown only inside the card to the thread's two sides; history
 * and events carry only the question's id.
 */
export interface Question {
  id: string;
  askedBy: string;
  askedAt: string;
  text: string;
  /** The authority of the one who asked; absent on questions stored before parts were tagged (then the case's owner). */
  owner?: OwningAuthority;
  answer?: Answer;
}

export interface Answer {
  by: string;
  at: string;
  text: string;
  /** The authority of the one who answered; absent on answers stored before parts were tagged. */
  owner?: OwningAuthority;
}

export const questionTextMaxLength = 500;

export type QuestionField = 'text';

/** The unanswered question of a thread, if any. */
export const pendingQuestion = (questions: readonly Question[]): Question | undefined =>
  questions.find((q) => q.answer === undefined);

/** Short, non-empty and without a personal identity number (domain.md A7). */
export const checkQuestionText = (text: string): Result<string, FieldError<QuestionField>[]> =>
  checkFreeText('text', text, { maxLength: questionTextMaxLength, required: true });

export type ThreadProblem = 'question_pending' | 'no_pending_question' | 'duplicate_question_id';

/** Adds a question to a thread that has none pending. */
export function askQuestion(
  questions: readonly Question[],
  q: Omit<Question, 'answer'>,
): Result<Question[], ThreadProblem> {
  if (pendingQuestion(questions) !== undefined) return err('question_pending');
  if (questions.some((x) => x.id === q.id)) return err('duplicate_question_id');
  return ok([...questions, { ...q }]);
}

/** Answers the pending question `questionId`; an unknown or already answered id is refused. */
export function answerQuestion(
  questions: readonly Question[],
  questionId: string,
  answer: Answer,
): Result<Question[], ThreadProblem> {
  const pending = pendingQuestion(questions);
  if (pending === undefined || pending.id !== questionId) return err('no_pending_question');
  return ok(questions.map((q) => (q.id === questionId ? { ...q, answer: { ...answer } } : q)));
}
