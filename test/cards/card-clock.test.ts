import { describe, expect, it } from 'vitest';
import { renderAuditTrail, renderMyCases } from '../../src/adapters/teams/cards/render';
import type { StockholmTime } from '../../src/app/ports/clock';
import { people, testDirectory } from '../support/a-case';
import { assignedCase } from './case-fixtures';

/** Card views take Stockholm dates from the Clock port they are given, never from the system clock adapter. */
const marked: StockholmTime = { toLocal: () => ({ date: '2031-01-02', time: '07:08' }) };

describe('card views and the Clock port', () => {
  it('the audit trail shows the time the port reads', () => {
    const c = assignedCase();
    const card = renderAuditTrail({ lang: 'sv', clock: marked, directory: testDirectory, case: c, entries: [{ at: c.createdAt, actorId: people.reporter, action: 'case.viewed', caseId: c.id }], total: 1 });
    expect(JSON.stringify(card)).toContain('2031-01-02 07:08');
  });

  it('a reporter\'s list shows the submission date the port reads', () => {
    const c = assignedCase();
    expect(JSON.stringify(renderMyCases({ lang: 'sv', clock: marked, directory: testDirectory, viewerId: c.reporterId, cases: [c] }))).toContain('2031-01-02');
  });
});
