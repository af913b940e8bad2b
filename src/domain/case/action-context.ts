import type { CalendarDate } from '../calendar/calendar-date';
import type { Directory } from '../routing/directory';

/**
 * What every lifecycle action needs besides the case: who acts (user id), when (an ISO instant and the
 * Europe/Stockholm calendar date of it, both from the Clock port) and the routing directory.
 */
export interface ActionContext {
  actorId: string;
  at: string;
  today: CalendarDate;
  directory: Directory;
}
