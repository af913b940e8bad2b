import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../../src/domain/case/lifecycle';
import type { FieldError, Result } from '../../../src/domain/errors';
import { applyHandoverAction } from '../../../src/domain/handover/handover-lifecycle';
import { checkInputRequest, type InputRequestDraft } from '../../../src/domain/handover/input-request';
import { checkConsultation, checkReport } from '../../../src/domain/report/rules';
import { aCase, aContext, people } from '../../support/a-case';
import { aReport } from '../../support/a-report';
import { aSchoolIn } from '../../support/report-payload';
import { loadSampleDirectory } from '../../support/test-directory';
import { harmlessNumbers, typedIdentityNumbers } from '../../support/typed-identity-numbers';

const dir = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const today = '2026-11-23';
const asked = { id: 'q-1', askedBy: people.farMember1, askedAt: '2026-11-23T09:00:00.000Z', text: 'Hur ser det ut på fredagar?' };
const acknowledged = {
  state: 'acknowledged' as const,
  unitId: 'FAR-INV',
  urgent: false,
  summary: 'Frånvaron ökar trots insatser.',
  legalGround: 'reporting_duty' as const,
  handedOverBy: people.farMember1,
  handedOverAt: '2026-11-20T09:00:00.000Z',
  receivedOn: '2026-11-20',
  acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-20T10:00:00.000Z' },
  forwards: [],
  inputRequests: [],
};
const assigned = aCase({ state: 'assigned', assigneeId: people.farMember1 });
const handedOver = (inputRequests: (typeof asked)[]) =>
  aCase({ state: 'handed_over', assigneeId: people.farMember1, handover: { ...acknowledged, inputRequests } });

/** An investigator's request for the team's input (`begär underlag`) about a pupil of a Farsta school. */
const anInputRequest = (overrides: Partial<InputRequestDraft>): InputRequestDraft => ({
  schoolId: school.id,
  pupilInitials: 'KL',
  yearGroup: 8,
  question: 'Hur ser skolan på närvaron?',
  legalGround: 'own_work',
  ...overrides,
});

const fieldErrorsOf = (r: Result<unknown, { code: string; fields?: FieldError[] }>): FieldError[] => (r.ok ? [] : (r.error.fields ?? []));

/**
 * Every text input of every card (keyed `template#inputId`), with the domain rule that judges what is typed
 * there and the field its error names. A new text input on a card fails the inventory test below until it is
 * added here, so no free text reaches the store unchecked.
 */
const entryPoints: Record<string, { field: string; plain: string; check: (text: string) => FieldError[] }> = {
  'report-form.json#description': {
    field: 'description',
    plain: harmlessNumbers,
    check: (description) => checkReport(aReport(school.id, { description }), dir, today),
  },
  'report-form.json#pupilInitials': {
    field: 'pupilInitials',
    plain: 'KL',
    check: (pupilInitials) => checkReport(aReport(school.id, { pupilInitials }), dir, today),
  },
  'consultation-form.json#question': {
    field: 'question',
    plain: harmlessNumbers,
    check: (question) => checkConsultation({ schoolId: school.id, reporterRole: 'teacher', question }, dir),
  },
  'case-card.json#handoverSummary': {
    field: 'summary',
    plain: harmlessNumbers,
    check: (summary) => fieldErrorsOf(applyCaseAction(assigned, { type: 'hand_over', summary, legalGround: 'own_work' }, aContext(people.farMember1))),
  },
  'case-card.json#question': {
    field: 'text',
    plain: harmlessNumbers,
    check: (text) => fieldErrorsOf(applyCaseAction(assigned, { type: 'ask_reporter', questionId: 'q-1', text }, aContext(people.farMember1))),
  },
  'question-card.json#answer': {
    field: 'text',
    plain: harmlessNumbers,
    check: (text) =>
      fieldErrorsOf(applyCaseAction({ ...assigned, questions: [asked] }, { type: 'answer_question', questionId: 'q-1', text }, aContext(people.reporter))),
  },
  'handover-card.json#inputQuestion': {
    field: 'text',
    plain: harmlessNumbers,
    check: (text) => fieldErrorsOf(applyHandoverAction(handedOver([]), { type: 'request_input', questionId: 'in-1', text }, aContext(people.farInvestigator1))),
  },
  'handover-card.json#inputAnswer': {
    field: 'text',
    plain: harmlessNumbers,
    check: (text) =>
      fieldErrorsOf(applyHandoverAction(handedOver([{ ...asked, id: 'in-1' }]), { type: 'answer_input', questionId: 'in-1', text }, aContext(people.farMember1))),
  },
  'input-request-form.json#pupilInitials': {
    field: 'pupilInitials',
    plain: 'KL',
    check: (pupilInitials) => checkInputRequest(anInputRequest({ pupilInitials }), dir, people.farInvestigator1),
  },
  'input-request-form.json#question': {
    field: 'question',
    plain: harmlessNumbers,
    check: (question) => checkInputRequest(anInputRequest({ question }), dir, people.farInvestigator1),
  },
  'input-request-card.json#inputAnswer': {
    field: 'text',
    plain: harmlessNumbers,
    check: (text) =>
      fieldErrorsOf(applyHandoverAction(handedOver([{ ...asked, id: 'in-1' }]), { type: 'answer_input', questionId: 'in-1', text }, aContext(people.farMember1))),
  },
};

/** `template#id` of every Input.Text in the card templates. */
function textInputsOfCards(): string[] {
  const found = new Set<string>();
  const walk = (template: string, node: unknown): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(template, n));
    if (node === null || typeof node !== 'object') return;
    if ('type' in node && node.type === 'Input.Text' && 'id' in node && typeof node.id === 'string') found.add(`${template}#${node.id}`);
    for (const child of Object.values(node)) walk(template, child);
  };
  const folder = fileURLToPath(new URL('../../../adaptive-cards/', import.meta.url));
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json') && !f.endsWith('.sample.json')))
    walk(file, JSON.parse(readFileSync(join(folder, file), 'utf8')));
  return [...found].sort();
}

const cells = Object.entries(entryPoints).flatMap(([input, entry]) => typedIdentityNumbers.map(([typing, text]) => ({ input, typing, text, entry })));

describe('a personal identity number in any text a person types', () => {
  it('is checked in every text input of every card', () => {
    expect(textInputsOfCards()).toEqual(Object.keys(entryPoints).sort());
  });

  it.each(cells)('is refused in $input, typed with $typing', ({ text, entry }) => {
    expect(entry.check(`Se ${text} tack`)).toContainEqual({ field: entry.field, code: 'personnummer' });
  });

  it.each(Object.entries(entryPoints))('lets ordinary text through in %s', (_input, entry) => {
    expect(entry.check(entry.plain)).toEqual([]);
  });
});
