// Loader hooks for record-module-loads.mjs (they run on the loader's own thread).
import { appendFileSync } from 'node:fs';

let to = '';

export function initialize(data) {
  to = data.to;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(to, `${resolved.url}\n`);
  return resolved;
}
