import type { CaseDelivery } from '../../src/app/ports/deliveries';

/**
 * A valid delivery record: the case card of `caseId`, waiting to reach the Farsta team's inbox. The key has
 * the `case:<caseId>:…` form the delivery engine uses; override what a test is about.
 */
export function aDelivery(caseId: string, overrides: Partial<CaseDelivery> = {}): CaseDelivery {
  return {
    key: `case:${caseId}:routed:FAR-SST-1`,
    caseId,
    recipient: 'inbox:FAR-SST-1',
    purpose: 'case_card',
    subject: { what: 'case_card' },
    status: 'pending',
    attempts: 0,
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}
