import { describe, expect, it } from 'vitest';
import { TrackedBackgroundWork } from '../../../src/adapters/background/tracked-background-work';
import { calendarOf } from '../../../src/adapters/calendar/calendar-of';
import { UuidIds } from '../../../src/adapters/ids/uuid-ids';
import { createLogger } from '../../../src/adapters/log/logger';
import { verbs } from '../../../src/adapters/teams/cards/verbs';
import { installBot, type BotOptions } from '../../../src/adapters/teams/create-bot';
import { noAccessNotice } from '../../../src/adapters/teams/features/case/refusal-card';
import { catalogue, t } from '../../../src/adapters/teams/i18n/i18n';
import { ServiceUrls } from '../../../src/adapters/teams/service-urls';
import { SubmissionLimiter } from '../../../src/adapters/teams/submission-limiter';
import { TeamsUserIds } from '../../../src/adapters/teams/teams-user-ids';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { LogSink } from '../../support/log-sink';
import { aTurn, RecordingRoutes } from '../../support/recording-routes';
import { loadSampleDirectory } from '../../support/test-directory';

/** The whole bot installed on plain routes: no teams-ai, no botbuilder, no HTTP. */
function aBot(allowedTenants: readonly string[] = []) {
  const store = new InMemoryCaseStore();
  const clock = new FixedClock('2026-11-23T09:00:00.000Z');
  const directory = loadSampleDirectory();
  const log = createLogger('info', new LogSink());
  const options: BotOptions = {
    store,
    clock,
    ids: new UuidIds(),
    directory: () => directory,
    calendar: () => calendarOf(directory),
    log,
    drainer: { wake: () => undefined },
    userIds: new TeamsUserIds({ store, clock }),
    background: new TrackedBackgroundWork(log),
    submissions: new SubmissionLimiter({ max: 5, windowMs: 60_000 }, clock),
    allowedTenants,
    serviceUrls: new ServiceUrls(undefined),
  };
  const routes = new RecordingRoutes();
  installBot(routes, options);
  return { routes, store };
}

describe('the features on the bot’s own turn layer', () => {
  it('answers `help` with the help card and anything else with a hint, in the sender’s language', async () => {
    const { routes } = aBot();
    const [help] = (await routes.message(aTurn({ text: 'help', lang: 'en' }))) ?? [];
    expect(typeof help === 'object' && help.type).toBe('AdaptiveCard');
    expect(JSON.stringify(help)).toContain(catalogue('en').help.commandsTitle);
    expect(await routes.message(aTurn({ text: 'what is this', lang: 'en' }))).toEqual([t('en', 'unknownCommand')]);
  });

  it('answers `my cases` with an apology, not a card, when the activity carries no one to act as', async () => {
    const { routes } = aBot();
    expect(await routes.message(aTurn({ text: 'mina ärenden', actor: undefined }))).toEqual([t('sv', 'error.apology')]);
  });

  it('refuses a card action whose data does not fit its schema, shows nothing of any case and audits the verb', async () => {
    const { routes, store } = aBot();
    const data = { caseId: 'case-1' }; // no version: case.take's schema refuses it
    const turn = aTurn({ activityType: 'invoke', value: { action: { type: 'Action.Execute', verb: verbs.caseTake, data } } });
    expect(await routes.press(verbs.caseTake, turn, data)).toEqual(noAccessNotice('sv'));
    expect(await store.listAudit({})).toEqual([expect.objectContaining({ actorId: 'user-1', action: 'card.refused', detail: { verb: 'case.take', reason: 'refused' } })]);
  });

  it('drops a turn from a tenant outside the lock before any route, and audits it', async () => {
    const { routes, store } = aBot(['tenant-1']);
    const stranger = aTurn({ text: 'help', actor: { tenantId: 'tenant-2', userId: 'user-9', locale: 'sv-SE' } });
    expect(await routes.message(stranger)).toBeUndefined();
    expect(await store.listAudit({})).toEqual([expect.objectContaining({ action: 'tenant.refused', detail: { tenantId: 'tenant-2', activityType: 'message' } })]);
    expect(await routes.message(aTurn({ text: 'help' }))).toHaveLength(1);
  });
});
