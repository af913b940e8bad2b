import type { BackgroundWork } from '../../app/ports/background-work';
import type { CaseStore } from '../../app/ports/case-store';
import type { Clock } from '../../app/ports/clock';
import type { IdSource } from '../../app/ports/ids';
import type { OutboxSignal } from '../../app/ports/outbox';
import type { DirectoryReloader } from '../../app/reload-directory';
import type { StatisticsSource } from '../../app/view-statistics';
import type { CalendarRules } from '../../domain/calendar/calendar-rules';
import type { Directory } from '../../domain/routing/directory';
import type { Logger } from '../log/logger';
import type { SubmissionLimiter } from './submission-limiter';
import type { TeamsUserIds } from './teams-user-ids';

/** What every feature's register() receives. The directory is a getter so a reload swaps it whole. */
export interface BotDeps {
  store: CaseStore;
  clock: Clock;
  ids: IdSource;
  directory: () => Directory;
  /** Holidays, school breaks and office hours of the current directory. */
  calendar: () => CalendarRules;
  log: Logger;
  /** Teams user ids (MRIs) learned from activities and rosters, for the cards' `refresh.userIds`. */
  userIds: TeamsUserIds;
  /** Reloads the routing directory file (run.ts); absent where the directory cannot be reloaded. */
  reload?: DirectoryReloader;
  /** Proactive sends after a turn has answered. */
  background: BackgroundWork;
  /** Wakes the outbox's drainer after a change and its messages were stored. */
  drainer: OutboxSignal;
  /** Per-person limit on new reports and questions. */
  submissions: SubmissionLimiter;
  /** The store's anonymous aggregates (issue #16); absent: `statistik` says it cannot show them now. */
  statistics?: StatisticsSource;
}
