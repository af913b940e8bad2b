import { describe, expect, it } from 'vitest';
import { cosmosKeyId, decodeCosmosId, encodeCosmosId } from '../../../../../src/adapters/store/cosmos/encode-cosmos-id';

const forbiddenInIds = /[/\\?#]/;

describe('encodeCosmosId', () => {
  it.each([
    ['tenant-1:teacher-1:form-1'],
    ['a/b\\c?d#e'],
    ['100% sure'],
    ['%2F already escaped'],
    ['Åsa Öberg-Ångström'],
    ['emoji 🙂 and tab\t and newline\n'],
    [''],
  ])('gives an id Cosmos accepts and decodes back to %j', (raw) => {
    const encoded = encodeCosmosId(raw);
    expect(encoded).not.toMatch(forbiddenInIds);
    expect(encoded).toMatch(/^[A-Za-z0-9\-_.@=+,;!$&'()*~%]*$/);
    expect(decodeCosmosId(encoded)).toBe(raw);
  });

  it('leaves plain ids readable', () => {
    expect(encodeCosmosId('FAR-2026-0001')).toBe('FAR-2026-0001');
    expect(encodeCosmosId('0f8e1b5c-52a4-4b4e-9d1f-3c2b1a0e9f77')).toBe('0f8e1b5c-52a4-4b4e-9d1f-3c2b1a0e9f77');
  });

  it('encodes a key and its already-escaped look-alike differently', () => {
    expect(encodeCosmosId('a/b')).not.toBe(encodeCosmosId('a%2Fb'));
    expect(encodeCosmosId('a:b')).not.toBe(encodeCosmosId('a%3Ab'));
  });
});

describe('cosmosKeyId', () => {
  it('joins a prefix and encoded parts', () => {
    expect(cosmosKeyId('submission', 'tenant-1:teacher-1:form-1')).toBe('submission:tenant-1%3Ateacher-1%3Aform-1');
    expect(cosmosKeyId('sequence', 'FAR', '2026')).toBe('sequence:FAR:2026');
  });

  it('keeps different splits of the same text apart', () => {
    expect(cosmosKeyId('k', 'a:b', 'c')).not.toBe(cosmosKeyId('k', 'a', 'b:c'));
  });

  it('hashes keys too long for an id, deterministically and distinctly', () => {
    const long = 'x'.repeat(300);
    const id = cosmosKeyId('submission', long);
    expect(id.length).toBeLessThanOrEqual(255);
    expect(id).toMatch(/^submission:%sha256:[0-9a-f]{64}$/);
    expect(cosmosKeyId('submission', long)).toBe(id);
    expect(cosmosKeyId('submission', `${long}y`)).not.toBe(id);
  });
});
