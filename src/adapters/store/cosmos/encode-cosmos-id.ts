import { createHash } from 'node:crypto';

/**
 * Cosmos DB item ids may not contain `/`, `\`, `?` or `#` and are at most 255 characters
 * (https://learn.microsoft.com/azure/cosmos-db/concepts-limits#per-item-limits). Keys we derive ids from
 * (submission keys hold tenant and user ids and colons) are ours but not under our control character by
 * character, so every component goes through `encodeCosmosId`.
 */
const maxIdLength = 255;

// Kept as is: letters, digits and punctuation that is safe in an id and in a URL path segment. Everything
// else becomes UTF-8 percent escapes: `%` itself (so decoding is unambiguous) and `:` (our separator in
// `cosmosKeyId`, so joined ids stay injective too).
const keptAsIs = /[A-Za-z0-9\-_.@=+,;!$&'()*~]/u;

/** Percent-encodes every character outside a safe set; distinct inputs always give distinct outputs. */
export function encodeCosmosId(raw: string): string {
  let encoded = '';
  for (const char of raw) {
    if (keptAsIs.test(char)) {
      encoded += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** Reverses `encodeCosmosId`. */
export function decodeCosmosId(encoded: string): string {
  return decodeURIComponent(encoded);
}

/**
 * Joins a fixed prefix (our own ASCII constant) and encoded key parts with `:`. Ids that would exceed the
 * Cosmos limit fall back to the prefix plus a SHA-256 of the parts: still deterministic, no longer readable.
 * The `%sha256` marker cannot come out of `encodeCosmosId` (its `%` is always followed by two hex digits).
 */
export function cosmosKeyId(prefix: string, ...parts: readonly string[]): string {
  const id = [prefix, ...parts.map(encodeCosmosId)].join(':');
  if (id.length <= maxIdLength) return id;
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  return `${prefix}:%sha256:${digest}`;
}
