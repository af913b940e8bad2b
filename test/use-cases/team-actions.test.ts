import { describe, expect, it } from 'vitest';
import { people } from '../support/a-case';
import { aReport } from '../support/a-report';
import { person, useCaseWorld } from '../support/use-case-world';

/**
 * The school-social team works a case, at the use-case level: what the reporter hears (the school side's
 * steps only) and whose cards change in place. test/e2e/case-actions.test.ts and reporter-view.test.ts
 * prove the same through the cards over HTTP.
 */
const school = 'far-hokarangsskolan';
const reporter = person(people.reporter);
const farTeam = [people.farMember1, people.farMember2, people.farCoordinator].map(person).sort();

async function aRoutedCase() {
  const world = useCaseWorld();
  const { case: c } = await world.submit(people.reporter, aReport(school));
  return { world, c };
}

describe('a team member takes the case', () => {
  it('the reporter hears "taken" and nobody else is sent anything; every team card shows it in place', async () => {
    const { world, c } = await aRoutedCase();
    const sent = world.messenger.sent.length;
    const taken = await world.act(people.farMember1, c.id, { type: 'take' });
    expect(taken).toMatchObject({ state: 'assigned', assigneeId: people.farMember1 });
    expect(world.messenger.sent.slice(sent).map((s) => s.to)).toEqual([reporter]);
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
    expect(world.updatedSince(0, 'case_card')).toEqual(farTeam);
  });

  it('a take-over by the coordinator tells the reporter nothing new', async () => {
    const { world, c } = await aRoutedCase();
    await world.act(people.farMember1, c.id, { type: 'take' });
    const taken = await world.act(people.farCoordinator, c.id, { type: 'take' });
    expect(taken.assigneeId).toBe(people.farCoordinator);
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);
  });

  it('another member cannot take it over, and nothing changes', async () => {
    const { world, c } = await aRoutedCase();
    await world.act(people.farMember1, c.id, { type: 'take' });
    const refused = await world.tryAct(people.farMember2, c.id, { type: 'take' });
    expect(refused.ok ? 'taken' : refused.error.code).toBe('not_authorized');
    expect((await world.current(c.id)).assigneeId).toBe(people.farMember1);
  });
});

describe('a question to the reporter', () => {
  it('reaches the reporter alone; the answer lands on the case, on their question card and on the team cards', async () => {
    const { world, c } = await aRoutedCase();
    await world.act(people.farMember1, c.id, { type: 'take' });
    const before = world.messenger.updated.length;
    await world.act(people.farMember1, c.id, { type: 'ask_reporter', questionId: 'q-1', text: 'Hur ser det ut på fredagar?' });
    expect(world.sentAbout(c, 'question')).toEqual([reporter]);
    expect(world.statusesTo(reporter, c)).toEqual(['taken']);

    const updates = world.messenger.updated.length;
    const answered = await world.act(people.reporter, c.id, { type: 'answer_question', questionId: 'q-1', text: 'Oftast borta.' });
    expect(answered.questions?.[0]?.answer?.text).toBe('Oftast borta.');
    expect(world.updatedSince(updates, 'question')).toEqual([reporter]);
    expect(world.updatedSince(before, 'case_card')).toEqual(farTeam);
    // The question card went out once; the answer updated it rather than sending another.
    expect(world.sentAbout(c, 'question')).toEqual([reporter]);
  });

  it('only the reporter may answer it', async () => {
    const { world, c } = await aRoutedCase();
    await world.act(people.farMember1, c.id, { type: 'take' });
    await world.act(people.farMember1, c.id, { type: 'ask_reporter', questionId: 'q-1', text: 'Hur ser det ut på fredagar?' });
    const refused = await world.tryAct(people.farMember2, c.id, { type: 'answer_question', questionId: 'q-1', text: 'Jag svarar.' });
    expect(refused.ok ? 'answered' : refused.error.code).toBe('not_authorized');
    expect((await world.current(c.id)).questions?.[0]?.answer).toBeUndefined();
  });
});

describe('closing the case', () => {
  it('the reporter hears "closed" after "taken", once, and the team cards show it', async () => {
    const { world, c } = await aRoutedCase();
    await world.act(people.farMember1, c.id, { type: 'take' });
    const before = world.messenger.updated.length;
    const closed = await world.act(people.farMember1, c.id, { type: 'close', outcome: 'back_in_school' });
    expect(closed.state).toBe('closed');
    expect(world.statusesTo(reporter, c)).toEqual(['taken', 'closed']);
    expect(world.updatedSince(before, 'case_card')).toEqual(farTeam);
  });
});

describe('merging a duplicate', () => {
  it("the duplicate's reporter hears it was merged; the first reporter hears nothing of it", async () => {
    const world = useCaseWorld();
    const { case: first } = await world.submit(people.reporter, aReport(school));
    const { case: second } = await world.submit('teacher-2', aReport(school));
    await world.act(people.farMember1, second.id, { type: 'merge', intoCaseId: first.id });
    expect((await world.current(second.id)).state).toBe('merged');
    expect(world.statusesTo(person('teacher-2'), second)).toEqual(['merged']);
    expect(world.statusesTo(reporter, first)).toEqual([]);
  });
});
