import { createHash } from 'node:crypto';

/**
 * Namespace of SST Bridge's derived Teams app ids. Fixed for good: changing it would give every
 * deployment a new app id, and Teams would treat the next upload as a different app.
 */
const NAMESPACE = '88c65e3b-6ee0-4f1e-a94c-5067c35fff3c';

/**
 * The Teams app id for a bot registration: a name-based UUID (RFC 9562 version 5) of the bot id, so the
 * same bot always gets the same app id and re-uploading a package updates the app instead of adding one.
 */
export function deriveAppId(botId: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(NAMESPACE.replaceAll('-', ''), 'hex'))
    .update(botId.toLowerCase(), 'utf8')
    .digest()
    .subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6); // version 5
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 9562 variant
  const hex = hash.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}
