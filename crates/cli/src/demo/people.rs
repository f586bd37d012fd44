//! The people the demo's generators share: the professionals they assign and the
//! seeded random numbers they draw from. Apart from `families` and `chain` so that
//! each can use them without importing the other.

use eenplan_domain::{OrganisationId, UserId};

/// A professional the generator can assign.
#[derive(Debug, Clone)]
pub struct Professional {
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
}

#[derive(Debug, Clone)]
pub struct Partners {
    pub save: Vec<Professional>,
    pub evu_coordinator: Option<Professional>,
    pub veilig_thuis: Vec<Professional>,
    pub wss: Vec<Professional>,
}

/// splitmix64: small, fast, and the same sequence on every machine.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}
