import type { CalendarDate } from '../calendar/calendar-date';
import { err, ok, type FieldError, type Result } from '../errors';
import type { DomainEvent } from '../events';
import type { ActionContext } from './action-context';
import type { AttendancePoint, Case } from './case';
import { withHistory } from './history';

export type { AttendancePoint } from './case';

export type FollowUpField = 'followUpOn' | 'totalPercent' | 'unexcusedPercent';

type Changed = Result<{ case: Case; events: DomainEvent[] }, { code: 'invalid_field'; fields: FieldError<FollowUpField>[] }>;

const isPercent = (n: number): boolean => Number.isFinite(n) && n >= 0 && n <= 100;

/** The check-in figures as the reporter gave them: two percentages 0–100, unexcused no more than total. */
export function checkCheckIn(totalPercent: number, unexcusedPercent: number): FieldError<FollowUpField>[] {
  const errors: FieldError<FollowUpField>[] = [];
  if (!isPercent(totalPercent)) errors.push({ field: 'totalPercent', code: 'out_of_range', params: { min: 0, max: 100 } });
  if (!isPercent(unexcusedPercent)) errors.push({ field: 'unexcusedPercent', code: 'out_of_range', params: { min: 0, max: 100 } });
  if (errors.length === 0 && unexcusedPercent > totalPercent) errors.push({ field: 'unexcusedPercent', code: 'unexcused_exceeds_total' });
  return errors;
}

/** The team moves the next follow-up to `on`, which may be today but not in the past. */
export function setFollowUp(c: Case, on: CalendarDate, ctx: ActionContext): Changed {
  if (on < ctx.today) return err({ code: 'invalid_field', fields: [{ field: 'followUpOn', code: 'date_in_past' }] });
  const next = withHistory({ ...c, followUpOn: on }, ctx, 'follow_up_set', { on });
  return ok({ case: next, events: [{ caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'FollowUpSet', on }] });
}

/**
 * The reporter's check-in: the figures become the next point of the trend, dated today, and the next
 * follow-up moves to `nextFollowUpOn` (the district's default interval, computed by the caller).
 */
export function recordCheckIn(
  c: Case,
  figures: { totalPercent: number; unexcusedPercent: number; nextFollowUpOn: CalendarDate },
  ctx: ActionContext,
): Changed {
  const errors = checkCheckIn(figures.totalPercent, figures.unexcusedPercent);
  if (errors.length > 0) return err({ code: 'invalid_field', fields: errors });
  const point: AttendancePoint = { on: ctx.today, totalPercent: figures.totalPercent, unexcusedPercent: figures.unexcusedPercent, by: ctx.actorId };
  const next = withHistory(
    { ...c, attendance: [...(c.attendance ?? []), point], followUpOn: figures.nextFollowUpOn },
    ctx,
    'check_in_recorded',
    { on: ctx.today, nextFollowUpOn: figures.nextFollowUpOn },
  );
  return ok({ case: next, events: [{ caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'CheckInRecorded', on: ctx.today }] });
}

/**
 * The change in total absence from the report to the latest check-in, in whole percentage points (negative: less
 * absence); undefined without a check-in. After erasure the figures are gone and the number kept at erasure
 * (`keptForStatistics`) answers, so that statistics do not change (../retention/retention.ts).
 */
export function attendanceChangeOf(c: Pick<Case, 'absence' | 'attendance' | 'keptForStatistics'>): number | undefined {
  const latest = c.attendance?.at(-1);
  if (latest === undefined || c.absence === undefined) return c.keptForStatistics?.attendanceChangePoints;
  return Math.round(latest.totalPercent - c.absence.totalPercent);
}
