// RFC 6238 time-based one-time passwords (HMAC-SHA1, 30 s step, 6 digits),
// as produced by authenticator apps for the demo accounts' base32 secrets.

import { createHmac } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (case-insensitive; spaces, dashes and '=' padding ignored). */
export function base32Decode(text) {
  const clean = String(text).toUpperCase().replace(/[\s=-]/g, '');
  const bytes = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value === -1) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

/** RFC 4226 HOTP for `key` (Buffer) and a non-negative integer `counter`. */
export function hotp(key, counter, digits = 6) {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error(`invalid HOTP counter ${counter}`);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The TOTP code for a base32 `secret` (or a raw Buffer key).
 *
 * Options: `time` in milliseconds since the epoch (default now), `step` in
 * seconds (default 30), `digits` (default 6) and `offset` in steps (e.g. 1 for
 * the next 30 s window).
 */
export function totp(secret, { time = Date.now(), step = 30, digits = 6, offset = 0 } = {}) {
  const key = Buffer.isBuffer(secret) ? secret : base32Decode(secret);
  const counter = Math.floor(time / 1000 / step) + offset;
  return hotp(key, counter, digits);
}
