import * as AC from 'adaptivecards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../../src/adapters/teams/cards/expand';
import { verbs } from '../../src/adapters/teams/cards/verbs';
import { casePayloadSchemas } from '../../src/adapters/teams/features/case/schemas';
import { consultationPayloadSchema } from '../../src/adapters/teams/features/consultation/schemas';
import { inputRequestPayloadSchema } from '../../src/adapters/teams/features/input-request/schemas';
import { handoverPayloadSchemas } from '../../src/adapters/teams/features/handover/schemas';
import { reminderPayloadSchemas } from '../../src/adapters/teams/features/reminder/schemas';
import { reportPayloadSchema } from '../../src/adapters/teams/features/report/schemas';
import { statisticsPayloadSchema } from '../../src/adapters/teams/features/statistics/schemas';
import type { Lang } from '../../src/adapters/teams/i18n/i18n';
import { aTeacher } from '../support/activities';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';
import { cardScenarios } from './card-scenarios';
import { executeActionsOf, inputsOf, submissionsOf } from './card-walk';

const directory = loadSampleDirectory();
const langs: Lang[] = ['sv', 'en'];
const scenarios = langs.flatMap((lang) => cardScenarios(directory, lang).map((s) => ({ ...s, lang })));

/** Teams refuses cards over about 28 KB; keep well under it. */
const teamsCardLimitBytes = 28 * 1024;

/** Which zod schema reads the inputs of a submit verb. */
const payloadSchemas: Partial<Record<string, { shape: Record<string, unknown>; safeParse(data: unknown): { success: boolean } }>> = {
  [verbs.reportSubmit]: reportPayloadSchema,
  [verbs.consultationSubmit]: consultationPayloadSchema,
  [verbs.inputRequestSubmit]: inputRequestPayloadSchema,
  [verbs.statisticsOpen]: statisticsPayloadSchema,
  [verbs.statisticsSubmit]: statisticsPayloadSchema,
  ...casePayloadSchemas,
  ...handoverPayloadSchemas,
  ...reminderPayloadSchemas,
};

/**
 * The chart elements Teams renders natively (learn.microsoft.com, "Charts in Adaptive Cards"). The Adaptive Cards
 * JS SDK does not know them, so the parse check runs with them registered as known (render-less) elements:
 * that proves everything else on the card is valid, and that no other unknown type slipped in. Their own shape
 * is checked against the documented schema in statistics-card.test.ts, and that test also parses the card
 * without them (a client without charts), where they drop through `fallback: "drop"` and the tables remain.
 */
export const teamsChartTypes = ['Chart.VerticalBar', 'Chart.VerticalBar.Grouped', 'Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked', 'Chart.Line', 'Chart.Donut', 'Chart.Pie'];

class TeamsChart extends AC.CardElement {
  constructor(private readonly typeName = 'Chart') {
    super();
  }
  getJsonTypeName(): string {
    return this.typeName;
  }
  protected internalRender(): ReturnType<AC.CardElement['render']> {
    return undefined;
  }
}

/** The SDK's own element registry plus the Teams chart elements. */
export function elementsWithTeamsCharts(): AC.CardObjectRegistry<AC.CardElement> {
  const registry = new AC.CardObjectRegistry<AC.CardElement>();
  AC.GlobalRegistry.populateWithDefaultElements(registry);
  for (const type of teamsChartTypes) registry.register(type, class extends TeamsChart { constructor() { super(type); } });
  return registry;
}

describe.each(scenarios)('card "$name" in $lang', ({ card }) => {
  it('has no unexpanded ${…} binding left', () => {
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('parses in the Adaptive Cards SDK without warnings or validation errors', () => {
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    context.setElementRegistry(elementsWithTeamsCharts());
    parsed.parse(card, context);
    const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect(events).toEqual([]);
    expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
    expect(parsed.version?.toString()).toBe('1.5');
  });

  it('labels every input', () => {
    for (const input of inputsOf(card)) {
      expect(typeof input.label === 'string' && input.label.trim() !== '', `input ${String(input.id)}`).toBe(true);
    }
  });

  it('only submits inputs that the verb handler reads', () => {
    for (const { action, inputs } of submissionsOf(card)) {
      const schema = payloadSchemas[String(action.verb)];
      if (!schema || action.associatedInputs === 'none') continue;
      for (const input of inputs) expect(Object.keys(schema.shape), `input ${String(input.id)}`).toContain(input.id);
    }
  });

  it('sends button data that the verb handler accepts', () => {
    for (const action of executeActionsOf(card)) {
      const schema = payloadSchemas[String(action.verb)];
      if (!schema) continue;
      const data = typeof action.data === 'object' && action.data !== null ? action.data : {};
      for (const key of Object.keys(data)) expect(Object.keys(schema.shape), `${String(action.verb)} data key ${key}`).toContain(key);
      if (/^(case|handover|reminder)\./.test(String(action.verb))) expect(schema.safeParse(data).success, `${String(action.verb)} data`).toBe(true);
    }
  });

  it('stays well under the Teams card size limit', () => {
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(teamsCardLimitBytes * 0.8);
  });
});

describe('card verbs', () => {
  let bot: RunningBot;
  let teacher: TeamsClient;
  beforeAll(async () => {
    bot = await new RunningBot().start();
    teacher = new TeamsClient(bot, aTeacher(9));
  });
  afterAll(async () => {
    await bot.stop();
  });

  const usedVerbs = [...new Set([...Object.values(templates), ...scenarios.map((s) => s.card)].flatMap((c) => executeActionsOf(c).map((a) => String(a.verb))))];

  it('every template uses only declared verbs, and every declared verb is used', () => {
    expect(usedVerbs.sort()).toEqual(Object.values(verbs).sort());
  });

  it.each(usedVerbs)('"%s" has a handler that answers with a card', async (verb) => {
    const result = await teacher.press(verb, {});
    expect(result.status).toBe(200);
    expect(result.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(result.card?.type).toBe('AdaptiveCard');
  });
});
