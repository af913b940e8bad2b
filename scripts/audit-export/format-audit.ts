import type { AuditEntry } from '../../src/app/ports/audit';

export const csvColumns = ['at', 'actorId', 'action', 'caseId', 'detail'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A field that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe,
 * since the data-protection officer is likely to open the file in Excel (OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `key=value` pairs of the detail codes, sorted by key, separated by `;`. */
const detailText = (detail: Record<string, string> | undefined): string =>
  Object.entries(detail ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(';');

/** The audit entries as CSV with a header row and CRLF line ends (RFC 4180), which Excel opens as it is. */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) => [e.at, e.actorId, e.action, e.caseId ?? '', detailText(e.detail)].map(csvField).join(','));
  return [csvColumns.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}

/** The audit entries as a JSON array, one entry per line. */
export function auditToJson(entries: readonly AuditEntry[]): string {
  return entries.length === 0 ? '[]\n' : `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}
