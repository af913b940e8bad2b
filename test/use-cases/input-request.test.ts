import { describe, expect, it } from 'vitest';
import { openInputRequest } from '../../src/app/open-input-request';
import { people } from '../support/a-case';
import { person, useCaseWorld } from '../support/use-case-world';

const school = 'far-hokarangsskolan';

describe("an investigator's request for input", () => {
  it("keeps the form's own message as the investigator's exchange card: nothing is queued or sent to their chat", async () => {
    const world = useCaseWorld();
    const form = { address: { transport: 'test', value: person(people.farInvestigator1) }, messageId: 'form-message-1' };
    const opened = await openInputRequest(world.deps, {
      actor: world.actor(people.farInvestigator1),
      formId: 'form-1',
      draft: { schoolId: school, pupilInitials: 'KL', yearGroup: 7, question: 'Hur går det?', legalGround: 'own_work' },
      formMessage: form,
    });
    if (!opened.ok) throw new Error(`input request refused: ${opened.error.code}`);
    expect(await world.store.outbox.listPending(person(people.farInvestigator1))).toEqual([]);
    await world.settle();
    expect(world.messenger.sent.filter((s) => s.to === person(people.farInvestigator1))).toEqual([]);
    expect(world.messenger.sent.length).toBeGreaterThan(0);
    const own = (await world.deliveries(opened.value.case, 'handover_card')).filter((d) => d.recipient === person(people.farInvestigator1));
    expect(own).toMatchObject([{ status: 'delivered', messageId: 'form-message-1' }]);
  });
  it('audits the opening and the question disclosed to the team, once per form', async () => {
    const world = useCaseWorld();
    const open = () =>
      openInputRequest(world.deps, {
        actor: world.actor(people.farInvestigator1),
        formId: 'form-1',
        draft: { schoolId: school, pupilInitials: 'KL', yearGroup: 7, question: 'Hur går det?', legalGround: 'own_work' },
      });
    const opened = await open();
    await open();
    if (!opened.ok) throw new Error(`input request refused: ${opened.error.code}`);
    const audit = await world.store.listAudit({ caseId: opened.value.case.id });
    expect(audit.map((e) => [e.action, e.detail?.what])).toEqual([
      ['input_request.opened', undefined],
      ['disclosure', 'input_request'],
    ]);
  });
});
