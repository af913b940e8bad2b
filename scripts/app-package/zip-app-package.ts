import JSZip from 'jszip';
import type { AppPackage } from './build-app-package';

/** A fixed entry date, so the same inputs always give the same zip bytes. */
const ENTRY_DATE = new Date('2020-01-01T00:00:00Z');

/** The package as a zip with every file in its root, as Teams requires. */
export async function zipAppPackage(appPackage: AppPackage): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, bytes] of [...appPackage.files].sort(([a], [b]) => a.localeCompare(b))) {
    zip.file(name, bytes, { date: ENTRY_DATE });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
