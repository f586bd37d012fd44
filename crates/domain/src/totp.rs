//! The second factor's shared secret and how an authenticator app receives it
//! (RFC 6238: SHA-1, 30 seconds, 6 digits). Checking codes comes with sign-in.

/// The issuer name authenticator apps show next to the account.
pub const ISSUER: &str = "eenplan";

/// 160 bits, the length RFC 4226 recommends for HMAC-SHA-1.
pub const SECRET_BYTES: usize = 20;

#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; SECRET_BYTES]);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(..)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a TOTP secret must be {SECRET_BYTES} bytes in unpadded base32")]
pub struct TotpSecretError;

impl TotpSecret {
    /// The caller supplies randomness, keeping this module free of I/O.
    pub fn from_bytes(bytes: [u8; SECRET_BYTES]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; SECRET_BYTES] {
        &self.0
    }

    /// Unpadded RFC 4648 base32, the form authenticator apps expect.
    pub fn to_base32(&self) -> String {
        data_encoding::BASE32_NOPAD.encode(&self.0)
    }

    pub fn from_base32(text: &str) -> Result<Self, TotpSecretError> {
        let bytes = data_encoding::BASE32_NOPAD
            .decode(text.as_bytes())
            .map_err(|_| TotpSecretError)?;
        let array: [u8; SECRET_BYTES] = bytes.try_into().map_err(|_| TotpSecretError)?;
        Ok(Self(array))
    }

    /// The `otpauth://` URI that a QR code carries to an authenticator app.
    pub fn provisioning_uri(&self, issuer: &str, account: &str) -> String {
        let issuer_enc = uri_component(issuer);
        format!(
            "otpauth://totp/{issuer_enc}:{account}?secret={secret}&issuer={issuer_enc}&algorithm=SHA1&digits=6&period=30",
            account = uri_component(account),
            secret = self.to_base32(),
        )
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_test_secret_encodes_as_authenticators_expect() {
        let secret = TotpSecret::from_bytes(*b"12345678901234567890");
        assert_eq!(secret.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(TotpSecret::from_base32(&secret.to_base32()), Ok(secret));
    }

    #[test]
    fn provisioning_uri_escapes_the_account() {
        let secret = TotpSecret::from_bytes(*b"12345678901234567890");
        let uri = secret.provisioning_uri("eenplan", "ineke+test@binding.nl");
        assert_eq!(
            uri,
            "otpauth://totp/eenplan:ineke%2Btest%40binding.nl?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=eenplan&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn wrong_length_is_refused() {
        assert!(TotpSecret::from_base32("GEZDGNBV").is_err());
        assert!(TotpSecret::from_base32("not base32!").is_err());
    }
}

/// Length of a time step (RFC 6238 default).
pub const STEP_SECONDS: i64 = 30;
/// Steps accepted either side of now, for clock drift (one step: ±30 s).
pub const ALLOWED_DRIFT_STEPS: i64 = 1;

/// Why a code was not accepted. Deliberately coarse: the caller reports every failure
/// the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("the code must be 6 digits")]
    Malformed,
    #[error("the code is wrong or expired")]
    Wrong,
    #[error("the code was already used")]
    Replayed,
}

/// The time step containing `unix_seconds`.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

impl TotpSecret {
    /// The 6-digit code for a time step (RFC 6238 with HMAC-SHA-1, RFC 4226 truncation).
    pub fn code_at_step(&self, step: i64) -> u32 {
        use hmac::{Hmac, Mac};
        let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(&self.0) else {
            return 0;
        };
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[19] & 0x0f);
        let binary = (u32::from(digest[offset] & 0x7f) << 24)
            | (u32::from(digest[offset + 1]) << 16)
            | (u32::from(digest[offset + 2]) << 8)
            | u32::from(digest[offset + 3]);
        binary % 1_000_000
    }

    /// Checks a code typed at `unix_seconds`. `last_used_step` is the step of the last
    /// accepted code: that code and every older one are refused, so a code observed
    /// over someone's shoulder cannot be used again. Returns the matched step, to be
    /// stored as the new `last_used_step`.
    pub fn verify(
        &self,
        code: &str,
        unix_seconds: i64,
        last_used_step: Option<i64>,
    ) -> Result<i64, TotpError> {
        let code = code.trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TotpError::Malformed);
        }
        let typed: u32 = code.parse().map_err(|_| TotpError::Malformed)?;
        let now = step_at(unix_seconds);
        let mut replayed = false;
        for step in (now - ALLOWED_DRIFT_STEPS)..=(now + ALLOWED_DRIFT_STEPS) {
            if self.code_at_step(step) == typed {
                if last_used_step.is_some_and(|last| step <= last) {
                    replayed = true;
                    continue;
                }
                return Ok(step);
            }
        }
        Err(if replayed {
            TotpError::Replayed
        } else {
            TotpError::Wrong
        })
    }
}

#[cfg(test)]
mod verify_tests {
    use super::*;

    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(*b"12345678901234567890")
    }

    #[test]
    fn rfc6238_sha1_vectors_truncated_to_six_digits() {
        // RFC 6238 appendix B (SHA-1): 8-digit codes; the last six digits are ours.
        for (time, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
            (20_000_000_000, 353_130),
        ] {
            assert_eq!(rfc_secret().code_at_step(step_at(time)), code, "t={time}");
        }
    }

    #[test]
    fn accepts_one_step_of_drift_either_way() {
        let s = rfc_secret();
        let now = 1_234_567_890;
        for drift in [-1, 0, 1] {
            let code = format!("{:06}", s.code_at_step(step_at(now) + drift));
            assert_eq!(s.verify(&code, now, None), Ok(step_at(now) + drift));
        }
        let too_old = format!("{:06}", s.code_at_step(step_at(now) - 2));
        assert_eq!(s.verify(&too_old, now, None), Err(TotpError::Wrong));
        let too_new = format!("{:06}", s.code_at_step(step_at(now) + 2));
        assert_eq!(s.verify(&too_new, now, None), Err(TotpError::Wrong));
    }

    #[test]
    fn a_code_cannot_be_used_twice() {
        let s = rfc_secret();
        let now = 1_234_567_890;
        let code = format!("{:06}", s.code_at_step(step_at(now)));
        let step = s.verify(&code, now, None).expect("first use");
        assert_eq!(s.verify(&code, now, Some(step)), Err(TotpError::Replayed));
        assert_eq!(
            s.verify(&code, now + 20, Some(step)),
            Err(TotpError::Replayed)
        );
        // An older code after a newer one was used is refused too.
        let older = format!("{:06}", s.code_at_step(step_at(now) - 1));
        assert_eq!(s.verify(&older, now, Some(step)), Err(TotpError::Replayed));
        let next = format!("{:06}", s.code_at_step(step_at(now) + 1));
        assert_eq!(s.verify(&next, now + 30, Some(step)), Ok(step + 1));
    }

    #[test]
    fn malformed_codes() {
        let s = rfc_secret();
        for bad in ["", "12345", "1234567", "12a456", "12 456"] {
            assert_eq!(
                s.verify(bad, 59, None),
                Err(TotpError::Malformed),
                "{bad:?}"
            );
        }
    }
}
