/** The pieces AUTH is built from: base64 (RFC 4648), NTLM messages ([MS-NLMP] layout), credentials. */
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  base64OfText,
  textOfBase64,
} from '../../../src/sim/smtp/base64';
import {
  buildNtlmAuthenticate,
  buildNtlmChallenge,
  buildNtlmNegotiate,
  ntlmMessageType,
  parseNtlmAuthenticate,
} from '../../../src/sim/smtp/ntlm';
import { checkCredentials, openAccess } from '../../../src/sim/smtp/policy';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('should encode and decode the RFC 4648 §10 vector %j', (text, encoded) => {
    expect(base64Encode(bytes(text))).toBe(encoded);
    expect(textOfBase64(encoded)).toBe(text);
  });

  it('should give the AUTH LOGIN prompts of RFC 4954', () => {
    expect([base64OfText('Username:'), base64OfText('Password:')]).toEqual([
      'VXNlcm5hbWU6',
      'UGFzc3dvcmQ6',
    ]);
  });

  it.each(['Zg', 'Zg=', 'Z===', '====', 'Zm9v!', 'Zg==Zg==', 'Zm 9v', 'alice'])(
    'should refuse %j',
    (text) => {
      expect(base64Decode(text)).toBeNull();
    },
  );

  it('should round-trip every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64Decode(base64Encode(all))).toEqual(all);
  });
});

describe('NTLM messages', () => {
  it('should build a NEGOTIATE message with the NTLMSSP signature and type 1', () => {
    const m = buildNtlmNegotiate();
    expect(String.fromCharCode(...m.subarray(0, 8))).toBe('NTLMSSP\0');
    expect(ntlmMessageType(m)).toBe(1);
  });

  it('should put the challenge and the target name where [MS-NLMP] says', () => {
    const m = buildNtlmChallenge(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 'contoso');
    expect(ntlmMessageType(m)).toBe(2);
    expect([...m.subarray(24, 32)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // TargetNameFields at offset 12: length (2 bytes), max length (2), offset (4), little-endian.
    const len = m[12]! | (m[13]! << 8);
    const offset = m[16]! | (m[17]! << 8);
    expect(
      String.fromCharCode(...m.subarray(offset, offset + len).filter((_, i) => i % 2 === 0)),
    ).toBe('CONTOSO');
  });

  it('should read back the names of an AUTHENTICATE message', () => {
    const creds = { domain: 'CONTOSO', user: 'bob', workstation: 'APP01', password: 'Secret#123' };
    expect(parseNtlmAuthenticate(buildNtlmAuthenticate(creds))).toEqual(creds);
  });

  it('should refuse messages that are not AUTHENTICATE or whose fields point outside', () => {
    expect(parseNtlmAuthenticate(buildNtlmNegotiate())).toBeNull();
    const m = buildNtlmAuthenticate({ domain: 'D', user: 'u', workstation: 'W', password: 'p' });
    m[40] = 0xff; // UserNameFields offset far past the end
    expect(parseNtlmAuthenticate(m)).toBeNull();
    expect(ntlmMessageType(bytes('hello world!'))).toBeNull();
  });
});

describe('checkCredentials', () => {
  const auth = {
    ...openAccess().auth,
    accounts: [
      { user: 'alice', password: 'Passw0rd!' },
      { user: 'CONTOSO\\bob', password: 'Secret#123' },
    ],
  };
  it.each([
    ['alice', 'Passw0rd!', '', 'WEB01\\alice'],
    ['ALICE', 'Passw0rd!', '', 'WEB01\\ALICE'],
    ['web01\\alice', 'Passw0rd!', '', 'WEB01\\alice'],
    ['alice', 'passw0rd!', '', null],
    ['alice', '', '', null],
    ['bob', 'Secret#123', '', null],
    ['bob', 'Secret#123', 'CONTOSO', 'CONTOSO\\bob'],
    ['bob@contoso.com', 'Secret#123', '', 'CONTOSO\\bob'],
    ['alice', 'Passw0rd!', 'CONTOSO', null],
  ])('%s / %s with default domain %j → %s', (user, password, defaultDomain, expected) => {
    expect(checkCredentials({ ...auth, defaultDomain }, 'WEB01', user, password)).toBe(expected);
  });
});
