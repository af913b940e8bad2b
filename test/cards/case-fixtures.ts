import type { CaseDelivery } from '../../src/app/ports/deliveries';
import type { Case } from '../../src/domain/case/case';
import type { Handover } from '../../src/domain/handover/handover';
import { aCase, people } from '../support/a-case';
import { FixedClock } from '../support/fixed-clock';

/** Thursday 26 November 2026, 11:00 in Stockholm: three days after the cases below arrived. */
export const now = '2026-11-26T10:00:00.000Z';
/** The clock the card views read Stockholm dates from, standing at `now`. */
export const cardClock = new FixedClock(now);

/** A new Farsta referral with one ordinary and one sensitive (Art. 10-type) concern. */
export const newCase = (overrides: Partial<Case> = {}): Case =>
  aCase({ reference: 'FAR-2026-0042', concerns: ['mental_health', 'violence'], text: 'Borta de flesta måndagar sedan höstlovet.', ...overrides });

/** Taken by the first Farsta member, with a question to the reporter that is still unanswered. */
export const assignedCase = (overrides: Partial<Case> = {}): Case =>
  newCase({
    state: 'assigned',
    version: 3,
    assigneeId: people.farMember1,
    questions: [
      {
        id: 'q-1',
        askedBy: people.farMember1,
        askedAt: '2026-11-24T10:00:00.000Z',
        text: 'Har skolan pratat med vårdnadshavarna om morgnarna?',
      },
    ],
    ...overrides,
  });

/** An older open case at the same school, same year group and initials. */
export const duplicateCase = (): Case =>
  aCase({ id: 'case-dup-40', reference: 'FAR-2026-0040', createdAt: '2026-11-10T08:00:00.000Z' });

export const aHandover = (overrides: Partial<Handover> = {}): Handover => ({
  state: 'pending',
  unitId: 'FAR-INV',
  urgent: false,
  summary: 'Frånvaro 32 % sedan september, skolans insatser har inte räckt.',
  legalGround: 'reporting_duty',
  handedOverBy: people.farMember1,
  handedOverAt: '2026-11-25T13:00:00.000Z',
  receivedOn: '2026-11-25',
  assessmentClock: { startsOn: '2026-11-25', basis: 'handover_arrival', unitId: 'FAR-INV' },
  forwards: [],
  inputRequests: [],
  ...overrides,
});

export const handedOverCase = (): Case => assignedCase({ state: 'handed_over', version: 5, handover: aHandover() });

const aDelivery = (c: Case, recipient: string, status: CaseDelivery['status'], purpose: CaseDelivery['purpose'] = 'case_card'): CaseDelivery => ({
  key: `${c.id}:${purpose}:${recipient}`,
  caseId: c.id,
  recipient,
  purpose,
  subject: { what: 'unrecognised' },
  status,
  attempts: status === 'pending' ? 0 : 5,
  createdAt: '2026-11-23T09:00:05.000Z',
  updatedAt: '2026-11-23T09:05:00.000Z',
});

/** The team inbox failed, one member's chat is unreachable, the reporter's status message is pending. */
export const undeliveredFor = (c: Case): CaseDelivery[] => [
  aDelivery(c, 'inbox:FAR-SST-1', 'failed'),
  aDelivery(c, `person:tenant-1:${people.farMember2}`, 'unreachable'),
  aDelivery(c, `person:tenant-1:${people.reporter}`, 'pending', 'status'),
];
