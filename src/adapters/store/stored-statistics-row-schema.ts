import { z } from 'zod';
import { caseOutcomes, caseStates } from '../../domain/case/case';
import { handoverOutcomes } from '../../domain/handover/handover';
import { supportLevels } from '../../domain/report/support-level';
import type { CaseStatisticsRow } from '../../domain/statistics/case-statistics-row';

const date = z.string().nullable();

/** A statistics row as a store reads it back (../../domain/statistics/case-statistics-row.ts). */
export const storedStatisticsRowSchema: z.ZodType<CaseStatisticsRow> = z
  .object({
    kind: z.enum(['referral', 'consultation', 'input_request']),
    state: z.enum(caseStates),
    districtCode: z.string(),
    supportLevel: z.enum(supportLevels).nullable(),
    suspectedHarm: z.boolean(),
    reportedOn: z.string(),
    takenOn: date,
    closedOn: date,
    outcome: z.enum(caseOutcomes).nullable(),
    handoverUnitId: z.string().nullable(),
    handoverUrgent: z.boolean().nullable(),
    handedOverOn: date,
    handoverArrivedOn: date,
    handoverArrivedTime: z.string().nullable(),
    acknowledgedOn: date,
    acknowledgedTime: z.string().nullable(),
    handoverOutcome: z.enum(handoverOutcomes).nullable(),
    handoverOutcomeDays: z.number().int().nullable(),
    attendanceChangePoints: z.number().int().nullable(),
  })
  .strict();
