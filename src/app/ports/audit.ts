export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  caseId?: string;
  /** Stable codes only, never personal data. */
  detail?: Record<string, string>;
}

/** Who did what to which case, when: append-only, read back for a case's trail and the audit export. */
export interface AuditLog {
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter: { caseId?: string; from?: string; to?: string }): Promise<AuditEntry[]>;
}
