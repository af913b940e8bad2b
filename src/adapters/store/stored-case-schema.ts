import { z } from 'zod';
import type { AuditEntry } from '../../app/ports/audit';
import { caseHistoryTypes, caseOutcomes, caseStates, type Case } from '../../domain/case/case';
import { assessmentClockBases, forwardReasons, handoverOutcomes, handoverStates, legalGrounds } from '../../domain/handover/handover';
import {
  absencePatterns,
  ageBands,
  concerns,
  consentGivers,
  consentRecipients,
  consentScopes,
  reporterRoles,
  yearGroups,
  type YearGroup,
} from '../../domain/report/report';
import { supportBases, supportLevels } from '../../domain/report/support-level';

/**
 * The shape of a case as read back from a store. Objects are strict: a key this build does not know
 * means the row was written by other code, and silently dropping it would lose data on the next update.
 */
const isYearGroup = (n: number): n is YearGroup => yearGroups.some((y) => y === n);

const routingReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('sst_by_school'), teamId: z.string(), schoolId: z.string() }).strict(),
  z.object({ code: z.literal('upper_secondary_team'), teamId: z.string() }).strict(),
  z.object({ code: z.literal('no_sst_team_fallback'), districtCode: z.string() }).strict(),
  z.object({ code: z.literal('investigation_by_home_district'), districtCode: z.string(), unitId: z.string() }).strict(),
  z
    .object({
      code: z.literal('investigation_by_school_district'),
      districtCode: z.string(),
      unitId: z.string(),
      because: z.enum(['same', 'unknown']),
    })
    .strict(),
  z.object({ code: z.literal('other_municipality') }).strict(),
  z.object({ code: z.literal('home_district_unknown') }).strict(),
  z.object({ code: z.literal('urgent_to_investigation') }).strict(),
]);

const routingSchema = z
  .object({
    schoolDistrictCode: z.string().min(1),
    sstTeamId: z.string().optional(),
    fallbackDistrictCode: z.string().optional(),
    homeDistrictCode: z.string().optional(),
    investigationUnitId: z.string().optional(),
    urgent: z.boolean(),
    flags: z.array(z.enum(['no_sst_team', 'other_municipality', 'home_district_unknown'])),
    reasons: z.array(routingReasonSchema),
  })
  .strict();

const ownerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('education_committee') }).strict(),
  z.object({ kind: z.literal('independent_school'), schoolId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('district_committee'), districtCode: z.string() }).strict(),
]);
// Tags on the parts of a case: optional, so that parts stored before they were tagged still parse.
const partOwner = ownerSchema.optional();

const absenceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totalPercent: z.number(),
    unexcusedPercent: z.number(),
    longestRunDays: z.number(),
    patterns: z.array(z.enum(absencePatterns)),
  })
  .strict();

const stepsSchema = z
  .object({
    guardiansInformed: z.boolean(),
    pupilHealthInvolved: z.boolean(),
    investigationStartedOn: z.string().optional(),
    organiserNotifiedOn: z.string().optional(),
    adjustmentsTried: z.boolean(),
    other: z.boolean(),
  })
  .strict();

const consentSchema = z
  .object({
    givenBy: z.enum(consentGivers),
    scope: z.array(z.enum(consentScopes)),
    // Optional: consents recorded before recipients, recording and withdrawal were kept still parse.
    recipients: z.array(z.enum(consentRecipients)).optional(),
    validUntil: z.string().optional(),
    recordedAt: z.string().optional(),
    recordedBy: z.string().optional(),
    withdrawnAt: z.string().optional(),
    withdrawnBy: z.string().optional(),
  })
  .strict();

const questionSchema = z
  .object({
    id: z.string().min(1),
    askedBy: z.string(),
    askedAt: z.string(),
    text: z.string(),
    owner: partOwner,
    answer: z.object({ by: z.string(), at: z.string(), text: z.string(), owner: partOwner }).strict().optional(),
  })
  .strict();

const handoverSchema = z
  .object({
    state: z.enum(handoverStates),
    unitId: z.string().min(1),
    urgent: z.boolean(),
    summary: z.string(),
    owner: partOwner,
    legalGround: z.enum(legalGrounds),
    handedOverBy: z.string(),
    handedOverAt: z.string(),
    receivedOn: z.string(),
    // Optional: handovers stored before the clock was recorded count from receivedOn (deadlines.ts).
    assessmentClock: z.object({ startsOn: z.string(), basis: z.enum(assessmentClockBases), unitId: z.string() }).strict().optional(),
    acknowledgement: z.object({ responsibleId: z.string(), recordedBy: z.string(), at: z.string(), owner: partOwner }).strict().optional(),
    outcome: z.object({ outcome: z.enum(handoverOutcomes), by: z.string(), at: z.string(), owner: partOwner }).strict().optional(),
    forwards: z.array(
      z
        .object({ fromUnitId: z.string(), toUnitId: z.string(), reason: z.enum(forwardReasons), by: z.string(), at: z.string(), owner: partOwner })
        .strict(),
    ),
    inputRequests: z.array(questionSchema),
    sstInvitation: z
      .object({ sstWorkerId: z.string(), legalGround: z.enum(legalGrounds), by: z.string(), at: z.string(), owner: partOwner })
      .strict()
      .optional(),
    closedAt: z.string().optional(),
  })
  .strict();

export const storedCaseSchema = z
  .object({
    id: z.string().min(1),
    reference: z.string().min(1),
    kind: z.enum(['referral', 'consultation', 'input_request']),
    state: z.enum(caseStates),
    version: z.number().int().positive(),
    tenantId: z.string(),
    reporterId: z.string(),
    reporterRole: z.enum(reporterRoles),
    submissionKey: z.string().min(1),
    createdAt: z.string(),
    schoolId: z.string(),
    routing: routingSchema,
    supportLevel: z.enum(supportLevels).optional(),
    supportBasis: z.enum(supportBases).optional(),
    owner: ownerSchema,
    pupil: z
      .object({ initials: z.string(), yearGroup: z.number().int().refine(isYearGroup), ageBand: z.enum(ageBands).optional() })
      .strict()
      .optional(),
    absence: absenceSchema.optional(),
    concerns: z.array(z.enum(concerns)),
    steps: stepsSchema.optional(),
    consent: consentSchema.optional(),
    suspectedHarm: z.boolean(),
    concernReportedOn: z.string().optional(),
    text: z.string(),
    history: z.array(
      z
        .object({ at: z.string(), by: z.string(), type: z.enum(caseHistoryTypes), detail: z.record(z.string()).optional() })
        .strict(),
    ),
    // Lifecycle fields: optional, so rows written before the lifecycle existed still parse.
    assigneeId: z.string().optional(),
    questions: z.array(questionSchema).optional(),
    handover: handoverSchema.optional(),
    outcome: z.enum(caseOutcomes).optional(),
    closedAt: z.string().optional(),
    mergedIntoId: z.string().optional(),
    mergedCaseIds: z.array(z.string()).optional(),
    attachedReporterIds: z.array(z.string()).optional(),
    followUpOn: z.string().optional(),
    attendance: z
      .array(z.object({ on: z.string(), totalPercent: z.number(), unexcusedPercent: z.number(), by: z.string() }).strict())
      .optional(),
    keptForStatistics: z.object({ attendanceChangePoints: z.number().int().optional() }).strict().optional(),
    erasures: z.array(z.object({ owner: ownerSchema, at: z.string() }).strict()).optional(),
    erasedAt: z.string().optional(),
  })
  .strict();

/** Audit detail holds stable codes only (see AuditEntry). */
export const storedAuditDetailSchema = z.record(z.string());

// Compile-time guard: if Case or AuditEntry changes, this schema must change with it, or tsc fails here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _caseSchemaMatchesCase: Same<z.infer<typeof storedCaseSchema>, Case> = true;
const _detailSchemaMatchesAudit: Same<z.infer<typeof storedAuditDetailSchema>, NonNullable<AuditEntry['detail']>> = true;
