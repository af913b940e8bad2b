import { createRequire } from 'node:module';
import type * as Templating from 'adaptivecards-templating';
import caseCard from '../../../../adaptive-cards/case-card.json';
import checkInCard from '../../../../adaptive-cards/check-in-card.json';
import auditTrail from '../../../../adaptive-cards/audit-trail.json';
import consultationConfirmation from '../../../../adaptive-cards/consultation-confirmation.json';
import consultationForm from '../../../../adaptive-cards/consultation-form.json';
import handoverCard from '../../../../adaptive-cards/handover-card.json';
import help from '../../../../adaptive-cards/help.json';
import inputRequestCard from '../../../../adaptive-cards/input-request-card.json';
import inputRequestForm from '../../../../adaptive-cards/input-request-form.json';
import myCases from '../../../../adaptive-cards/my-cases.json';
import myHandovers from '../../../../adaptive-cards/my-handovers.json';
import notice from '../../../../adaptive-cards/notice.json';
import protectedIdentity from '../../../../adaptive-cards/protected-identity.json';
import questionCard from '../../../../adaptive-cards/question-card.json';
import reminderCard from '../../../../adaptive-cards/reminder-card.json';
import reportConfirmation from '../../../../adaptive-cards/report-confirmation.json';
import reportForm from '../../../../adaptive-cards/report-form.json';
import schoolStepsCard from '../../../../adaptive-cards/school-steps-card.json';
import statisticsCard from '../../../../adaptive-cards/statistics-card.json';
import statisticsForm from '../../../../adaptive-cards/statistics-form.json';
import teamQueue from '../../../../adaptive-cards/team-queue.json';
import welcome from '../../../../adaptive-cards/welcome.json';

/** An Adaptive Card as JSON, ready to attach or to return from an Action.Execute invoke. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  [key: string]: unknown;
}

/** Every template in adaptive-cards/, by name. Cards are data: no card JSON is built in code. */
export const templates = {
  'audit-trail': auditTrail,
  'case-card': caseCard,
  'check-in-card': checkInCard,
  'consultation-confirmation': consultationConfirmation,
  'consultation-form': consultationForm,
  'handover-card': handoverCard,
  help,
  'input-request-card': inputRequestCard,
  'input-request-form': inputRequestForm,
  'my-cases': myCases,
  'my-handovers': myHandovers,
  notice,
  'protected-identity': protectedIdentity,
  'question-card': questionCard,
  'reminder-card': reminderCard,
  'report-confirmation': reportConfirmation,
  'report-form': reportForm,
  'school-steps-card': schoolStepsCard,
  'statistics-card': statisticsCard,
  'statistics-form': statisticsForm,
  'team-queue': teamQueue,
  welcome,
} as const;

export type TemplateName = keyof typeof templates;

// Parsing a template's `${…}` expressions (an ANTLR grammar in adaptive-expressions) costs far more than
// expanding it, so each template is parsed once. A Template may be expanded again and again: `expand` resets
// its context and warnings on every call, and it runs synchronously, so turns cannot interleave inside it.
const parsed = new Map<TemplateName, Templating.Template>();

// adaptivecards-templating and adaptive-expressions (an ANTLR runtime and grammar) take about a third of a
// second to load, so they are loaded when the first card is expanded, not at start-up: the bot answers /healthz
// without them. CommonJS packages, loaded synchronously with `require` so that expanding stays synchronous.
let templating: typeof Templating | undefined;

function loadTemplating(): typeof Templating {
  templating ??= createRequire(import.meta.url)('adaptivecards-templating') as typeof Templating;
  return templating;
}

function templateOf(name: TemplateName): Templating.Template {
  let template = parsed.get(name);
  if (!template) {
    template = new (loadTemplating().Template)(templates[name]);
    parsed.set(name, template);
  }
  return template;
}

/** Expands one template with its view model (adaptivecards-templating, `${…}` bindings). */
export function expandCard(name: TemplateName, view: object): AdaptiveCardJson {
  const expanded: unknown = templateOf(name).expand({ $root: view });
  if (typeof expanded !== 'object' || expanded === null || Array.isArray(expanded) || Reflect.get(expanded, 'type') !== 'AdaptiveCard') {
    throw new Error(`card template ${name}: expected expansion to give an AdaptiveCard object`);
  }
  return { ...Object.fromEntries(Object.entries(expanded)), type: 'AdaptiveCard' };
}
