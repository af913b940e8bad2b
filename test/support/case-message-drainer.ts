import { calendarOf } from '../../src/adapters/calendar/calendar-of';
import { CaseMessageSender } from '../../src/app/outbox/case-message-sender';
import { OutboxDrainer } from '../../src/app/outbox/outbox-drainer';
import type { SendLimits } from '../../src/app/outbox/send-window';
import type { CaseStore } from '../../src/app/ports/case-store';
import type { Clock } from '../../src/app/ports/clock';
import type { Messenger } from '../../src/app/ports/messenger';
import type { Directory } from '../../src/domain/routing/directory';

/**
 * The outbox's drainer as the app wires it (CaseMessageSender over a Messenger), driven by hand: never started,
 * so `wake()` does nothing and a test sends what is queued with `idle()`. Pacing runs on the test's clock and
 * without Teams' limits unless `limits` are given: use-case tests check who hears what, the outbox's own tests
 * check the pacing.
 */
export function caseMessageDrainer(deps: {
  store: CaseStore;
  messenger: Messenger;
  clock: Clock;
  directory: () => Directory;
  limits?: SendLimits;
}): OutboxDrainer {
  return new OutboxDrainer(
    {
      store: deps.store.outbox,
      records: deps.store,
      sender: new CaseMessageSender({ store: deps.store, messenger: deps.messenger, directory: deps.directory, clock: deps.clock, calendar: () => calendarOf(deps.directory()) }),
      clock: deps.clock,
      timer: { now: () => Date.parse(deps.clock.now()), schedule: () => () => undefined },
      random: () => 0.5,
      caseVersion: async (caseId) => (await deps.store.getCase(caseId))?.version,
      onError: (error) => {
        throw error;
      },
    },
    { owner: 'test', limits: deps.limits ?? { perConversation: [], perTenant: [] } },
  );
}
