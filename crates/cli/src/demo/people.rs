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

/// The colleague after `current` in `pool` (going round) who `fits`: a handover goes to
/// the next one along, so that with a realistic staff the handed-over files spread over
/// the team instead of all landing on the pool's first member.
pub fn next_colleague<'a>(
    pool: &'a [Professional],
    current: &str,
    fits: impl Fn(&Professional) -> bool,
) -> Option<&'a Professional> {
    let from = pool
        .iter()
        .position(|p| p.user_id.as_str() == current)
        .map_or(0, |i| i + 1);
    (0..pool.len())
        .map(|k| &pool[(from + k) % pool.len()])
        .find(|p| p.user_id.as_str() != current && fits(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pro(id: &str, org: &str) -> Professional {
        Professional {
            user_id: UserId::from(id),
            organisation_id: OrganisationId::from(org),
        }
    }

    #[test]
    fn handovers_go_round_the_team_instead_of_to_its_first_member() {
        let pool = [pro("a", "o"), pro("b", "o"), pro("c", "x"), pro("d", "o")];
        let next = |from: &str| {
            next_colleague(&pool, from, |p| p.organisation_id.as_str() == "o")
                .map(|p| p.user_id.to_string())
        };
        assert_eq!(next("a").as_deref(), Some("b"));
        assert_eq!(
            next("b").as_deref(),
            Some("d"),
            "c is of another organisation"
        );
        assert_eq!(next("d").as_deref(), Some("a"), "round to the start");
        assert_eq!(
            next_colleague(&pool[..1], "a", |_| true).map(|p| p.user_id.to_string()),
            None,
            "nobody to hand over to"
        );
    }
}
