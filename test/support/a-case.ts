import type { Case } from '../../src/domain/case/case';
import type { ActionContext } from '../../src/domain/case/action-context';
import { aNewCase } from './a-new-case';
import { loadSampleDirectory } from './test-directory';

/** A stored case (reference and version set) built on `aNewCase`: a Farsta referral in state `new`. */
export function aCase(overrides: Partial<Case> = {}): Case {
  return { ...aNewCase(), reference: 'FAR-2026-0001', version: 1, ...overrides };
}

/** People from the sample directory, by their role for a Farsta case (directory/stockholm.sample.yaml). */
export const people = {
  reporter: 'teacher-1',
  farMember1: '00000000-0000-4000-8000-000000000018',
  farMember2: '00000000-0000-4000-8000-000000000019',
  farCoordinator: '00000000-0000-4000-8000-000000000020',
  farInvestigator1: '00000000-0000-4000-8000-000000000057',
  farInvestigator2: '00000000-0000-4000-8000-000000000058',
  farUnitManager: '00000000-0000-4000-8000-000000000059',
  skaInvestigator: '00000000-0000-4000-8000-000000000075',
  ninFallbackContact: '00000000-0000-4000-8000-000000000008',
  ninMember: '00000000-0000-4000-8000-000000000036',
  broMember: '00000000-0000-4000-8000-000000000012',
  /** Head teacher (rektor) of Hökarängsskolan, the school of `aCase()`. */
  farHeadTeacher: '00000000-0000-4000-8000-000000000209',
  /** Head teacher of Alviksskolan (Bromma): another school. */
  broHeadTeacher: '00000000-0000-4000-8000-000000000201',
  admin: 'admin-1',
  stranger: 'stranger-1',
} as const;

const directory = loadSampleDirectory();
/** The sample directory plus one admin, who must see and do nothing on cases. */
export const testDirectory = { ...directory, admins: [{ id: people.admin, name: 'Testperson Admin' }] };

/** An action context on Tuesday 24 November 2026 at 11:00 Stockholm time. */
export function aContext(actorId: string, overrides: Partial<ActionContext> = {}): ActionContext {
  return { actorId, at: '2026-11-24T10:00:00.000Z', today: '2026-11-24', directory: testDirectory, ...overrides };
}
