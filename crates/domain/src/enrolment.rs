//! The one-time enrolment code: what an administrator hands over, out of band, so that
//! its holder can enrol a new second factor. The password alone never enrols a factor:
//! someone who learned a password (phishing, a shared desk) would otherwise bind their
//! own authenticator to the account at its next reset (OWASP ASVS 5.0 6.4.4, NIST SP
//! 800-63B 6.1.2.3: a replaced authenticator is bound by a code sent out of band).

use jiff::SignedDuration;

/// How long an issued code works. Three days covers a weekend between the administrator
/// issuing it and the colleague's first day back, and is short enough that a code lost
/// on paper is worth little; an unused code expires and a new one is issued.
pub const ENROLMENT_CODE_VALIDITY: SignedDuration = SignedDuration::from_hours(72);

/// Crockford's base32: no I, L, O or U, so what is read aloud is typed back right.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh code from 80 random bits, shown as four groups of four ("K7QM-3XRT-…"),
/// so it can be read aloud over the phone. Entropy this high needs no salted, slow hash:
/// a plain SHA-256 of it is as hard to reverse as guessing it.
pub fn new_code(random: [u8; 10]) -> String {
    let mut bits: u128 = 0;
    for b in random {
        bits = (bits << 8) | u128::from(b);
    }
    let chars: Vec<char> = (0..16)
        .map(|i| {
            let index = ((bits >> (75 - 5 * i)) & 0x1f) as usize;
            char::from(ALPHABET[index])
        })
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What was typed, in the code's own form: capitals, no spaces or hyphens, and the
/// look-alikes people type for the characters the code leaves out.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// The stored form: SHA-256 of the normalised code, hex. Only this is kept.
pub fn code_hash(typed: &str) -> String {
    use sha2::{Digest, Sha256};
    data_encoding::HEXLOWER.encode(&Sha256::digest(normalise(typed).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_aloud_and_typed_back_loosely() {
        let code = new_code([0x5a; 10]);
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        assert!(
            code.chars()
                .all(|c| c == '-' || ALPHABET.contains(&(c as u8)))
        );
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(code_hash(&typed), code_hash(&code));
        assert_ne!(code_hash(&code), code_hash(&new_code([0x5b; 10])));
        assert_ne!(new_code([0; 10]), new_code([1; 10]));
    }
}
