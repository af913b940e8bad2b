/** Case references read `FAR-2026-0042`: our district code, the year, a running number per district and year. */
export function formatCaseReference(districtCode: string, year: number, sequence: number): string {
  return `${districtCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

const referenceShape = /^([A-Z]{2,5})-(\d{4})-(\d{4,})$/;

export function parseCaseReference(ref: string): { districtCode: string; year: number; sequence: number } | undefined {
  const m = referenceShape.exec(ref.trim().toUpperCase());
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return undefined;
  return { districtCode: m[1], year: Number(m[2]), sequence: Number(m[3]) };
}
