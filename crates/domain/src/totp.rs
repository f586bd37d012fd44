//! The second factor's shared secret and how an authenticator app receives it
//! (RFC 6238: SHA-1, 30 seconds, 6 digits). Checking codes comes with sign-in.

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
