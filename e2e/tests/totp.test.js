// The TOTP generator used to sign in demo accounts, against RFC 6238 / RFC 4226.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { base32Decode, hotp, totp } from '../lib/totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_KEY_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totp', () => {
  test('RFC 6238 SHA-1 vectors, 6 digits', () => {
    assert.equal(totp(RFC_KEY, { time: 59 * 1000 }), '287082');
    assert.equal(totp(RFC_KEY, { time: 1111111109 * 1000 }), '081804');
  });

  test('RFC 6238 SHA-1 vectors, 8 digits', () => {
    assert.equal(totp(RFC_KEY, { time: 59 * 1000, digits: 8 }), '94287082');
    assert.equal(totp(RFC_KEY, { time: 1111111109 * 1000, digits: 8 }), '07081804');
    assert.equal(totp(RFC_KEY, { time: 20000000000 * 1000, digits: 8 }), '65353130');
  });

  test('RFC 4226 HOTP vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(RFC_KEY, counter), code, `counter ${counter}`));
  });

  test('base32 secrets decode to the same key', () => {
    assert.deepEqual(base32Decode(RFC_KEY_BASE32), RFC_KEY);
    assert.deepEqual(base32Decode(RFC_KEY_BASE32.toLowerCase()), RFC_KEY);
    assert.equal(totp(RFC_KEY_BASE32, { time: 59 * 1000 }), '287082');
    assert.throws(() => base32Decode('ABC1'), /invalid base32/);
  });

  test('offset moves whole 30 s steps', () => {
    assert.equal(totp(RFC_KEY, { time: 29 * 1000, offset: 1 }), totp(RFC_KEY, { time: 59 * 1000 }));
    assert.equal(totp(RFC_KEY, { time: 89 * 1000, offset: -2 }), totp(RFC_KEY, { time: 0 }));
  });
});
