import { describe, expect, it } from 'vitest';
import { retryUndelivered } from '../../src/app/retry-undelivered';
import type { Consent } from '../../src/domain/report/report';
import { people } from '../support/a-case';
import { aReport } from '../support/a-report';
import { person, useCaseWorld } from '../support/use-case-world';

/**
 * Consent decides who a referral reaches (domain.md T10, L19a), at the use-case level. test/e2e/routing.test.ts,
 * awaiting-consent.test.ts and consent.test.ts prove the same over HTTP.
 */
const school = 'far-hokarangsskolan';
const reporter = person(people.reporter);
const farTeam = [people.farMember1, people.farMember2, people.farCoordinator].map(person).sort();
const schoolSide = [person(people.farMember1)];
const noConsent: Consent = { givenBy: 'none', scope: [] };
const bothGuardians: Consent = { givenBy: 'both_guardians', scope: ['absence', 'school_steps'], recipients: ['sst_team', 'investigation_unit'], validUntil: '2027-06-15' };

describe('a referral awaiting consent', () => {
  it('reaches nobody, the team and the reporter included, until consent is recorded', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { consent: noConsent }));
    expect(c.state).toBe('awaiting_consent');
    expect(world.messenger.sent).toEqual([]);
    expect(await world.store.listDeliveriesForCase(c.id)).toEqual([]);
  });

  it('reaches the team once the reporter records consent, and the reporter hears it was received', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { consent: noConsent }));
    const recorded = await world.act(people.reporter, c.id, { type: 'record_consent', consent: bothGuardians });
    expect(recorded.state).toBe('new');
    expect(world.sentAbout(c, 'case_card')).toEqual(farTeam);
    expect(world.statusesTo(reporter, c)).toEqual(['received']);
  });

  it('a renewed consent sends no card twice and tells the reporter nothing new', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { consent: noConsent }));
    await world.act(people.reporter, c.id, { type: 'record_consent', consent: bothGuardians });
    await world.act(people.reporter, c.id, { type: 'record_consent', consent: { ...bothGuardians, validUntil: '2027-12-31' } });
    expect(world.sentAbout(c, 'case_card')).toEqual(farTeam);
    expect(world.statusesTo(reporter, c)).toEqual(['received']);
  });
});

describe('a consent that does not cover the team', () => {
  it("reaches only the team's school side, personally", async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school, { consent: { ...bothGuardians, recipients: ['investigation_unit'] } }));
    expect(c.state).toBe('new');
    expect(world.sentAbout(c, 'case_card')).toEqual(schoolSide);
  });
});

describe('withdrawing consent', () => {
  /** A routed case whose every card is still waiting in the outbox: the connector was down. */
  async function aCaseWithUndeliveredCards() {
    const world = useCaseWorld();
    world.messenger.down = true;
    const { case: c } = await world.submit(people.reporter, aReport(school));
    world.messenger.down = false;
    expect(world.sentAbout(c, 'case_card')).toEqual([]);
    expect(await world.deliveries(c, 'case_card')).toEqual([]);
    return { world, c };
  }

  /** The outbox's backoff has passed: what waited is sent now, as the case is now. */
  async function connectorBack(world: ReturnType<typeof useCaseWorld>) {
    world.clock.advance({ minutes: 1 });
    await world.settle();
  }

  it("stops the case's cards to the team's social-services side: what waited reaches the school side only", async () => {
    const { world, c } = await aCaseWithUndeliveredCards();
    await world.act(people.reporter, c.id, { type: 'withdraw_consent' });
    await connectorBack(world);
    expect(world.sentAbout(c, 'case_card')).toEqual(schoolSide);
  });

  it('while the consent stands, the same cards reach the whole team', async () => {
    const { world, c } = await aCaseWithUndeliveredCards();
    await connectorBack(world);
    expect(world.sentAbout(c, 'case_card')).toEqual(farTeam);
  });

  it('the periodic retry of what the outbox gave up on also reaches the school side only', async () => {
    const { world, c } = await aCaseWithUndeliveredCards();
    world.messenger.down = true;
    for (let i = 0; i < 6; i += 1) await connectorBack(world);
    expect((await world.deliveries(c, 'case_card')).map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);
    world.messenger.down = false;
    await world.act(people.reporter, c.id, { type: 'withdraw_consent' });
    await retryUndelivered(world.deps);
    await world.settle();
    expect(world.sentAbout(c, 'case_card')).toEqual(schoolSide);
  });

  it('tells nobody, and a handover can then rest only on another ground', async () => {
    const world = useCaseWorld();
    const { case: c } = await world.submit(people.reporter, aReport(school));
    await world.act(people.farMember1, c.id, { type: 'take' });
    const sent = world.messenger.sent.length;
    await world.act(people.farCoordinator, c.id, { type: 'withdraw_consent' });
    expect(world.messenger.sent.slice(sent)).toEqual([]);
    const refused = await world.tryAct(people.farMember1, c.id, { type: 'hand_over', summary: 'Hög frånvaro.', legalGround: 'consent' });
    expect(refused.ok ? 'handed over' : refused.error.code === 'rule_violation' && refused.error.rule).toBe('consent_missing');
    expect(world.sentAbout(c, 'handover_card')).toEqual([]);
  });
});
