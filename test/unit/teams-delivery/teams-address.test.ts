import { describe, expect, it } from 'vitest';
import {
  addressOfConversation,
  addressOfPerson,
  InvalidDeliveryAddressError,
  parseTeamsAddress,
} from '../../../src/adapters/teams/delivery/teams-address';

const tenantId = '11111111-2222-4333-8444-555555555555';

describe('Teams delivery addresses', () => {
  it('keeps what a personal chat needs to be created again when it is lost', () => {
    const address = addressOfConversation({
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: 'a:1chat', conversationType: 'personal', tenantId, isGroup: false, name: '' },
      user: { id: '29:1user', name: '', aadObjectId: 'entra-object-id' },
    });
    expect(parseTeamsAddress(address)).toEqual({
      kind: 'conversation',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversationId: 'a:1chat',
      conversationType: 'personal',
      tenantId,
      userId: 'entra-object-id',
    });
  });

  it('reads back a person to reach in a chat created on demand', () => {
    const person = { userId: 'entra-object-id', tenantId, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    expect(parseTeamsAddress(addressOfPerson(person))).toEqual({ kind: 'personal', ...person });
  });

  it.each([
    [{ transport: 'email', value: '{}' }],
    [{ transport: 'msteams', value: 'not json' }],
    [{ transport: 'msteams', value: '{"kind":"conversation","conversationId":""}' }],
  ])('refuses an address it did not write: %j', (address) => {
    expect(() => parseTeamsAddress(address)).toThrow(InvalidDeliveryAddressError);
  });
});
