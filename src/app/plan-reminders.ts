import type { CalendarRules } from '../domain/calendar/calendar-rules';
import type { Case, NewCase } from '../domain/case/case';
import type { AuditEntry } from './ports/audit';
import { plannedReminders } from '../domain/reminders/planned-reminders';
import type { ReminderPlan, ReminderSubject } from '../domain/reminders/reminder';
import type { Directory } from '../domain/routing/directory';
import type { CaseStore } from './ports/case-store';
import type { Clock } from './ports/clock';
import { planEach, planWholeList, type AwaitingPlanned } from './awaiting-lists';

export interface ReminderDeps {
  store: CaseStore;
  clock: Clock;
  directory: () => Directory;
  /** Holidays, school breaks and office hours of the current directory. */
  calendar: () => CalendarRules;
}

/** The optional keys of `T`. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/** Every field of a reminder's subject is required, so naming them one by one below drops none (TypeScript checks it). */
const _everySubjectFieldNamed: [OptionalKeys<ReminderSubject>] extends [never] ? true : never = true;

/** The reminders case `c` calls for at the instant `now`, with due instants in ISO UTC. */
export function reminderPlansFor(deps: Omit<ReminderDeps, 'store'>, c: NewCase, now: string): ReminderPlan[] {
  const { clock } = deps;
  const planning = { rules: deps.calendar(), directory: deps.directory(), localTimeOf: (instant: string) => clock.toLocal(instant), now: clock.toLocal(now) };
  // Fields named one by one: a rest pattern (`{ due, ...reminder }`) copies through a slow generic path.
  return plannedReminders(c, planning).map(({ id, caseId, kind, step, subject, recipient, due }) => ({
    id,
    caseId,
    kind,
    step,
    subject,
    recipient,
    dueAt: clock.fromLocal(due),
  }));
}

/**
 * The same form submitted again (a double click, a retry): `createCase` stored nothing, so the case already
 * stored gets its reminders re-planned (harmless: reconciled, nothing is sent twice) and `audit`, if any, is
 * appended.
 */
export async function submittedAgain(deps: ReminderDeps, stored: Case, audit?: AuditEntry): Promise<void> {
  const now = deps.clock.now();
  await deps.store.replaceCaseReminders(stored.id, reminderPlansFor(deps, stored, now), now);
  if (audit !== undefined) await deps.store.appendAudit(audit);
}

/**
 * Re-plans the reminders of case `caseId` from its current state in the store: adds what is newly called
 * for, moves what changed, resolves at once what nobody needs any more. Call it after every change to a case;
 * it reads the case itself, so calls that arrive out of order still end on the latest state.
 */
export async function planReminders(deps: ReminderDeps, caseId: string): Promise<void> {
  const now = deps.clock.now();
  const current = await deps.store.getCase(caseId);
  await deps.store.replaceCaseReminders(caseId, current === undefined ? [] : reminderPlansFor(deps, current, now), now);
}

/**
 * Plans the reminders of up to `limit` cases created with theirs for later (`NewCaseWith`), longest waiting
 * first, all at once. Each from its current state, as any re-plan: a case changed or erased meanwhile gets what
 * it calls for now.
 */
export async function planAwaitingReminders(deps: ReminderDeps, limit: number): Promise<AwaitingPlanned> {
  return planEach(await deps.store.listCasesAwaitingReminders(limit), (caseId) => planReminders(deps, caseId));
}

/** Plans every case awaiting its reminders, `batch` at a time; the failures, which stay on the list. */
export function planAllAwaitingReminders(deps: ReminderDeps, batch: number): Promise<AwaitingPlanned['failed']> {
  return planWholeList(() => planAwaitingReminders(deps, batch), batch);
}
