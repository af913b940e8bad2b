import { describe, expect, it } from 'vitest';
import { intakeDisclosures } from '../../../src/app/audit-disclosures';
import type { Case } from '../../../src/domain/case/case';
import { withUrgentIntakeHandover } from '../../../src/domain/handover/intake-handover';
import { testDirectory } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';

describe('disclosures across authorities', () => {
  it("names the independent school as the discloser of its report, and the receiving teams' and units' district committees", () => {
    const routing = {
      schoolDistrictCode: 'EAV',
      sstTeamId: 'EAV-SST-1',
      homeDistrictCode: 'SKA',
      investigationUnitId: 'SKA-INV',
      urgent: true,
      flags: [],
      reasons: [],
    };
    const report = aNewCase({ schoolId: 'eav-ies-enskede', owner: { kind: 'independent_school', schoolId: 'eav-ies-enskede' }, suspectedHarm: true, routing });
    const stored: Case = { ...withUrgentIntakeHandover(report, '2026-11-23'), reference: 'EAV-2026-0001', version: 1 };

    expect(intakeDisclosures(stored, testDirectory).map((e) => e.detail)).toEqual([
      { what: 'referral', to: 'EAV-SST-1', legalGround: 'consent', fromAuthority: 'independent_school:eav-ies-enskede', toAuthority: 'district_committee:EAV' },
      { what: 'urgent_handover', to: 'SKA-INV', legalGround: 'reporting_duty', fromAuthority: 'independent_school:eav-ies-enskede', toAuthority: 'district_committee:SKA' },
    ]);
  });
});
