/** How long one authority keeps its parts of an ended case, and the culling decision (its reference) that says so. */
export interface RetentionRule {
  days: number;
  /** The gallringsbeslut the period comes from, e.g. "UBN 2026/1234"; written to the audit with each erasure. */
  decision: string;
}

/** Periods per owning authority, from the routing directory. An owner without a rule keeps its parts. */
export interface RetentionSettings {
  education_committee: RetentionRule;
  /** Every district committee (stadsdelsnämnd) not listed in `districts`. */
  district_committee: RetentionRule;
  /** A district committee's own decision, by district code. */
  districts?: Readonly<Record<string, RetentionRule>>;
  /** The organisers of independent schools; absent: their parts are not erased by the bot. */
  independent_school?: RetentionRule;
}
