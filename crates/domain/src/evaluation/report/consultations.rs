//! SAVE op locatie consultations per team (issue 16 §1): anonymous or by name, and
//! their result. A consultation may be about no family (anonymous), so these are
//! counted from the consultations themselves, not from the families' rows; a count of
//! consultations is suppressed like a count of families (1 up to the threshold minus
//! one hidden, with complements), which hides at least as much.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::evaluation::suppression::{CountTable, PublishedTable, Threshold};
use crate::save_on_site::ConsultationResult;

/// Held consultations of one team, by name or not, with one result: what the store's
/// query returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsultationCount {
    pub team_id: String,
    pub team_name: String,
    /// About a family (booked by name); otherwise anonymous.
    pub named: bool,
    pub result: ConsultationResult,
    pub consultations: u64,
}

/// The held consultations per team: columns anonymous / by name, and the results in
/// the order of [`ConsultationResult::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsultationTables {
    /// The tables' rows: (team id, team name), by name.
    pub teams: Vec<(String, String)>,
    /// Team × [anonymous, by name].
    pub by_kind: PublishedTable,
    /// Team × [`ConsultationResult::ALL`].
    pub by_result: PublishedTable,
}

impl ConsultationTables {
    pub fn has_suppressed(&self) -> bool {
        self.by_kind.has_suppressed() || self.by_result.has_suppressed()
    }
}

/// The published consultation tables of `counts`.
pub fn consultation_tables(
    counts: &[ConsultationCount],
    threshold: Threshold,
) -> ConsultationTables {
    let mut teams: BTreeMap<(String, String), (Vec<u64>, Vec<u64>)> = BTreeMap::new();
    for c in counts {
        let (kind, result) = teams
            .entry((c.team_name.clone(), c.team_id.clone()))
            .or_insert_with(|| (vec![0; 2], vec![0; ConsultationResult::ALL.len()]));
        kind[usize::from(c.named)] += c.consultations;
        if let Some(at) = ConsultationResult::ALL.iter().position(|r| *r == c.result) {
            result[at] += c.consultations;
        }
    }
    let (kinds, results): (Vec<Vec<u64>>, Vec<Vec<u64>>) = teams.values().cloned().unzip();
    let publish = |rows: &[Vec<u64>]| {
        CountTable::from_rows(rows)
            .expect("every team has a cell per column")
            .publish(threshold)
    };
    ConsultationTables {
        teams: teams
            .keys()
            .map(|(name, id)| (id.clone(), name.clone()))
            .collect(),
        by_kind: publish(&kinds),
        by_result: publish(&results),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::suppression::Shown;

    fn count(team: &str, named: bool, result: ConsultationResult, n: u64) -> ConsultationCount {
        ConsultationCount {
            team_id: team.into(),
            team_name: format!("Buurtteam {team}"),
            named,
            result,
            consultations: n,
        }
    }

    #[test]
    fn teams_by_kind_and_result_with_small_cells_hidden() {
        let t = consultation_tables(
            &[
                count("a", false, ConsultationResult::NoReferral, 7),
                count("a", true, ConsultationResult::NoReferral, 6),
                count("a", true, ConsultationResult::VeiligThuisReport, 2),
                count("b", false, ConsultationResult::SaveInvolvement, 9),
            ],
            Threshold::MIN,
        );
        assert_eq!(t.teams[0], ("a".to_owned(), "Buurtteam a".to_owned()));
        assert_eq!(t.by_kind.cell(0, 0), Shown::Value(7));
        assert_eq!(t.by_kind.cell(0, 1), Shown::Value(8));
        assert_eq!(t.by_result.cell(0, 2), Shown::Suppressed, "2 reports: <5");
        assert!(t.has_suppressed());
        assert_eq!(t.by_result.grand_total(), Shown::Value(24));
    }
}
