//! The anonymous summary for a consultation without consent ("anoniem consulteren"):
//! what a specialist needs to advise, without anything that identifies the family.
//!
//! Identifying is anything that points at these people: names, dates of birth, the
//! address, and free text (worries, goals and notes are written about named people, so
//! they are left out rather than guessed clean). What remains: the children's ages in
//! years, the household's composition, the framework, the safety scales' numbers, which
//! life domains the plan works on, and which kinds of organisation are involved.
//!
//! Sources: AVG art. 4(1) and recital 26 (data is personal while a person is
//! identifiable); the seed texts (SAVE op locatie: anonymous consultation needs no
//! consent).

use jiff::civil::Date;

use super::consent::{Person, age_on};
use super::framework::Framework;
use super::member::MemberKind;
use super::plan::{LifeDomain, Plan};
use crate::organisation::OrganisationKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnonymousSummary {
    /// Ages in full years, oldest first.
    pub children_ages: Vec<i16>,
    pub parents: usize,
    pub parents_with_custody: usize,
    pub other_household_members: usize,
    pub framework: Framework,
    /// The numbers on the safety scales, without whose they are.
    pub safety_scales: Vec<u8>,
    pub life_domains: Vec<LifeDomain>,
    /// Counts per kind of organisation in the circle (the regisseur's local team too).
    pub involved: Vec<(OrganisationKind, usize)>,
    pub worries: usize,
    pub danger_statements: usize,
}

pub fn anonymous_summary(
    members: &[Person],
    framework: Framework,
    plan: &Plan,
    involved: &[OrganisationKind],
    today: Date,
) -> AnonymousSummary {
    let mut children_ages: Vec<i16> = members
        .iter()
        .filter(|m| m.kind == MemberKind::Child)
        .filter_map(|m| m.date_of_birth.map(|d| age_on(d, today)))
        .collect();
    children_ages.sort_unstable_by(|a, b| b.cmp(a));
    let count = |kind: MemberKind| members.iter().filter(|m| m.kind == kind).count();
    let mut kinds: Vec<(OrganisationKind, usize)> = Vec::new();
    for kind in involved {
        match kinds.iter_mut().find(|(k, _)| k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((*kind, 1)),
        }
    }
    kinds.sort();
    AnonymousSummary {
        children_ages,
        parents: count(MemberKind::Parent),
        parents_with_custody: members
            .iter()
            .filter(|m| m.kind == MemberKind::Parent && m.has_custody)
            .count(),
        other_household_members: count(MemberKind::Household),
        framework,
        safety_scales: plan.scales.iter().map(|s| s.score).collect(),
        life_domains: plan.domains.iter().map(|d| d.domain).collect(),
        involved: kinds,
        worries: plan.worries.len(),
        danger_statements: plan.danger_statements.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::plan::{DomainPlan, Scale};
    use jiff::civil::date;

    #[test]
    fn the_summary_keeps_ages_and_numbers_and_drops_everything_identifying() {
        let members = vec![
            Person {
                id: "1".into(),
                name: "Sam Jansen".into(),
                kind: MemberKind::Child,
                date_of_birth: Some(date(2016, 4, 2)),
                has_custody: false,
            },
            Person {
                id: "2".into(),
                name: "Noor Jansen".into(),
                kind: MemberKind::Child,
                date_of_birth: Some(date(2010, 3, 1)),
                has_custody: false,
            },
            Person {
                id: "3".into(),
                name: "Kim Jansen".into(),
                kind: MemberKind::Parent,
                date_of_birth: None,
                has_custody: true,
            },
        ];
        let plan = Plan {
            worries: vec!["Kim Jansen drinkt".into()],
            danger_statements: vec!["Sam kan gewond raken".into()],
            scales: vec![Scale {
                who: "Kim".into(),
                score: 4,
                on: None,
            }],
            domains: vec![DomainPlan {
                domain: LifeDomain::Safety,
                goals: vec!["Sam veilig thuis".into()],
                actions: vec![],
            }],
            ..Plan::default()
        };
        let s = anonymous_summary(
            &members,
            Framework::Voluntary,
            &plan,
            &[
                OrganisationKind::LocalTeam,
                OrganisationKind::CertifiedInstitution,
                OrganisationKind::CertifiedInstitution,
            ],
            date(2026, 11, 23),
        );
        assert_eq!(s.children_ages, [16, 10]);
        assert_eq!((s.parents, s.parents_with_custody), (1, 1));
        assert_eq!(s.safety_scales, [4]);
        assert_eq!(s.life_domains, [LifeDomain::Safety]);
        assert_eq!((s.worries, s.danger_statements), (1, 1));
        assert_eq!(
            s.involved,
            [
                (OrganisationKind::LocalTeam, 1),
                (OrganisationKind::CertifiedInstitution, 2)
            ]
        );
        let shown = format!("{s:?}");
        for identifying in ["Sam", "Kim", "Noor", "Jansen", "2016", "2010"] {
            assert!(
                !shown.contains(identifying),
                "{identifying} leaked: {shown}"
            );
        }
    }
}
