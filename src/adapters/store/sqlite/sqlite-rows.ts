import { z } from 'zod';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import type { Case } from '../../../domain/case/case';
import { parseJsonColumn } from '../corrupt-row-error';
import { storedCaseSchema } from '../stored-case-schema';
import { storedDeliverySchema } from '../stored-delivery-schema';

// Rows come back from better-sqlite3 untyped; these describe what our own SELECTs return.
const caseRowSchema = z.object({ id: z.string(), body: z.string() });
const deliveryRowSchema = z.object({ key: z.string(), body: z.string() });

/** A case from a row of `cases` (its JSON body checked). */
export function caseFromRow(raw: unknown): Case {
  const row = caseRowSchema.parse(raw);
  return parseJsonColumn('cases', row.id, 'body', row.body, storedCaseSchema);
}

/** A delivery record from a row of `deliveries` (its JSON body checked). */
export function deliveryFromRow(raw: unknown): CaseDelivery {
  const row = deliveryRowSchema.parse(raw);
  return parseJsonColumn('deliveries', row.key, 'body', row.body, storedDeliverySchema);
}
