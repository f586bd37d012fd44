//! Fresh identifiers and secrets. Minted here, where records are created, so the
//! domain stays free of clocks and randomness.

/// A UUIDv7: unique without coordination between instances, and sorting by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Bytes from the operating system's CSPRNG.
///
/// # Panics
/// If the OS has no randomness to give, which leaves nothing safe to continue with.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut buf).expect("the operating system's random number generator failed");
    buf
}
