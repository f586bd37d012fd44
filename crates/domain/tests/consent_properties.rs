//! Property tests of the consent and access rules over random families, ages, circles
//! and consents: nobody sees what no consent or legal basis covers,
//! withdrawing consent removes access, adding a consent never removes access, and a
//! consent is accepted exactly when each child's required people gave it.

#![allow(clippy::unwrap_used)]

use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    Basis, ConsentError, ConsentFacts, ConsentForm, ConsentStep, DataCategory, FamilyAccess,
    FileFacts, Framework, Involved, InvolvementRole, MemberKind, Need, NewConsent, Person, Viewer,
    age_on, check_consent, family_access,
};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use jiff::ToSpan;
use jiff::civil::{Date, date};
use proptest::prelude::*;

const ORGS: [&str; 4] = ["lokalis", "save", "vt", "ggz"];
const KINDS: [OrganisationKind; 4] = [
    OrganisationKind::LocalTeam,
    OrganisationKind::CertifiedInstitution,
    OrganisationKind::VeiligThuis,
    OrganisationKind::CareProvider,
];
const USERS: [&str; 5] = ["u0", "u1", "u2", "u3", "u4"];
const TEAMS: [&str; 3] = ["t0", "t1", "t2"];

fn today() -> Date {
    date(2026, 6, 15)
}

fn now() -> UtcTime {
    UtcTime::parse("2026-06-15T10:00:00Z").unwrap()
}

#[derive(Debug, Clone)]
struct Circle {
    /// (user, organisation, team, is the regisseur)
    involved: Vec<(usize, usize, usize, bool)>,
    framework: Framework,
    basis_org: Option<usize>,
    consents: Vec<ConsentFacts>,
    emergency_minutes: Option<i64>,
}

fn category() -> impl Strategy<Value = DataCategory> {
    prop::sample::select(DataCategory::ALL.to_vec())
}

fn consent() -> impl Strategy<Value = ConsentFacts> {
    (
        prop::sample::select(ConsentStep::ALL.to_vec()),
        prop::option::of(0..ORGS.len()),
        prop::collection::vec(category(), 0..4),
        -60i64..5,
        prop::option::of(-10i64..60),
        any::<bool>(),
    )
        .prop_map(|(step, org, categories, given, ends, withdrawn)| {
            let given_on = today().checked_add(given.days()).unwrap();
            ConsentFacts {
                step,
                organisation_id: org.map(|o| ORGS[o].to_owned()),
                categories,
                given_on,
                ends_on: ends.map(|e| given_on.checked_add(e.days()).unwrap()),
                withdrawn,
            }
        })
}

fn circle() -> impl Strategy<Value = Circle> {
    (
        (0..USERS.len(), 0..ORGS.len(), 0..TEAMS.len()),
        prop::collection::vec((0..USERS.len(), 0..ORGS.len(), 0..TEAMS.len()), 0..4),
        prop::sample::select(Framework::ALL.to_vec()),
        prop::option::of(0..ORGS.len()),
        prop::collection::vec(consent(), 0..5),
        prop::option::of(-90i64..90),
    )
        .prop_map(
            |(regisseur, partners, framework, basis_org, consents, emergency)| {
                let mut involved = vec![(regisseur.0, regisseur.1, regisseur.2, true)];
                involved.extend(partners.into_iter().map(|(u, o, t)| (u, o, t, false)));
                Circle {
                    involved,
                    framework,
                    basis_org,
                    consents,
                    emergency_minutes: emergency,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct Asker {
    user: usize,
    org: usize,
    team: usize,
    team_lead: bool,
}

fn asker() -> impl Strategy<Value = Asker> {
    (0..USERS.len(), 0..ORGS.len(), 0..TEAMS.len(), any::<bool>()).prop_map(
        |(user, org, team, team_lead)| Asker {
            user,
            org,
            team,
            team_lead,
        },
    )
}

fn need() -> impl Strategy<Value = Need> {
    prop_oneof![category().prop_map(Need::Data), Just(Need::Lead)]
}

fn decide(c: &Circle, a: &Asker, need: Need) -> FamilyAccess {
    let involved: Vec<Involved<'_>> = c
        .involved
        .iter()
        .map(|&(u, o, t, regisseur)| Involved {
            user_id: USERS[u],
            role: if regisseur {
                InvolvementRole::Regisseur
            } else {
                InvolvementRole::Partner
            },
            organisation_id: ORGS[o],
            team_id: Some(TEAMS[t]),
        })
        .collect();
    let roles: &[Role] = if a.team_lead {
        &[Role::TeamLead]
    } else {
        &[Role::Professional]
    };
    let until = c
        .emergency_minutes
        .map(|m| UtcTime::from_timestamp(now().timestamp() + jiff::SignedDuration::from_mins(m)));
    family_access(
        Viewer {
            user_id: USERS[a.user],
            organisation_id: ORGS[a.org],
            organisation_kind: KINDS[a.org],
            team_id: Some(TEAMS[a.team]),
            roles,
        },
        FileFacts {
            involved: &involved,
            framework: c.framework,
            basis_organisation: c.basis_org.map(|o| ORGS[o]),
            consents: &c.consents,
            emergency_until: until,
        },
        need,
        now(),
    )
}

fn in_circle(c: &Circle, a: &Asker) -> bool {
    c.involved.iter().any(|&(u, ..)| u == a.user)
        || (a.team_lead && c.involved.iter().any(|&(_, _, t, r)| r && t == a.team))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Every grant has a basis that really holds.
    #[test]
    fn nobody_sees_what_no_consent_or_legal_basis_covers(c in circle(), a in asker(), need in need()) {
        let regisseur_org = c.involved[0].1;
        match decide(&c, &a, need) {
            FamilyAccess::Granted(Basis::Involved | Basis::TeamLeadOfRegisseur) => {
                prop_assert!(in_circle(&c, &a) && a.org == regisseur_org);
            }
            FamilyAccess::Granted(Basis::LegalBasis) => {
                prop_assert!(in_circle(&c, &a));
                prop_assert!(c.framework != Framework::Voluntary && c.basis_org == Some(a.org));
            }
            FamilyAccess::Granted(Basis::Consent) => {
                prop_assert!(in_circle(&c, &a));
                let Need::Data(category) = need else { return Err(TestCaseError::fail("consent granted the lead")) };
                prop_assert!(c.consents.iter().any(|k| !k.withdrawn
                    && k.given_on <= today()
                    && k.ends_on.is_none_or(|e| today() <= e)
                    && k.organisation_id.as_deref() == Some(ORGS[a.org])
                    && k.categories.contains(&category)));
            }
            FamilyAccess::Granted(Basis::Emergency) => {
                prop_assert!(matches!(need, Need::Data(_)));
                prop_assert!(c.emergency_minutes.is_some_and(|m| m > 0));
            }
            FamilyAccess::Refused(_) => prop_assert!(in_circle(&c, &a)),
            FamilyAccess::Denied => {}
        }
    }

    /// Access that rests on consent ends when the consents covering it are withdrawn.
    #[test]
    fn withdrawing_consent_removes_access(c in circle(), a in asker(), category in category()) {
        let need = Need::Data(category);
        if decide(&c, &a, need) == FamilyAccess::Granted(Basis::Consent) {
            let mut after = c.clone();
            for k in &mut after.consents {
                if k.organisation_id.as_deref() == Some(ORGS[a.org]) {
                    k.withdrawn = true;
                }
            }
            prop_assert!(!matches!(decide(&after, &a, need), FamilyAccess::Granted(Basis::Consent)));
            if after.emergency_minutes.is_none_or(|m| m <= 0) {
                prop_assert!(!decide(&after, &a, need).granted());
            }
        }
    }

    /// More consent never means less access.
    #[test]
    fn adding_a_consent_never_removes_access(c in circle(), a in asker(), need in need(), extra in consent()) {
        let before = decide(&c, &a, need);
        let mut more = c.clone();
        more.consents.push(extra);
        if before.granted() {
            prop_assert!(decide(&more, &a, need).granted());
        }
    }
}

#[derive(Debug, Clone)]
struct Household {
    /// Children's ages in days on `today()`.
    children_days: Vec<i64>,
    /// Parents: has custody.
    parents: Vec<bool>,
}

fn household() -> impl Strategy<Value = Household> {
    (
        prop::collection::vec(0i64..(19 * 366), 1..4),
        prop::collection::vec(any::<bool>(), 1..4),
    )
        .prop_map(|(children_days, parents)| Household {
            children_days,
            parents,
        })
}

fn people(h: &Household) -> Vec<Person> {
    let mut v: Vec<Person> = h
        .children_days
        .iter()
        .enumerate()
        .map(|(i, d)| Person {
            id: format!("kind{i}"),
            name: format!("Kind {i}"),
            kind: MemberKind::Child,
            date_of_birth: Some(today().checked_sub(d.days()).unwrap()),
            has_custody: false,
        })
        .collect();
    v.extend(h.parents.iter().enumerate().map(|(i, custody)| Person {
        id: format!("ouder{i}"),
        name: format!("Ouder {i}"),
        kind: MemberKind::Parent,
        date_of_birth: None,
        has_custody: *custody,
    }));
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Accepted exactly when, for every child concerned, the child (from 12) and every
    /// parent with custody (under 16) gave it; refused with exactly who is missing.
    #[test]
    fn consent_needs_each_childs_valid_combination(
        h in household(),
        concerned_mask in 1u8..8,
        givers_mask in any::<u8>(),
    ) {
        let members = people(&h);
        let children: Vec<String> = members.iter().filter(|m| m.kind == MemberKind::Child)
            .enumerate().filter(|(i, _)| concerned_mask & (1 << i) != 0).map(|(_, m)| m.id.clone()).collect();
        prop_assume!(!children.is_empty());
        let given_by: Vec<String> = members.iter().enumerate()
            .filter(|(i, _)| givers_mask & (1 << i) != 0).map(|(_, m)| m.id.clone()).collect();
        let c = NewConsent {
            step: ConsentStep::DataSharing,
            organisation: Some(OrganisationKind::CareProvider),
            purpose: "Schuldhulp afstemmen".into(),
            categories: vec![DataCategory::Identity],
            children: children.clone(),
            given_by: given_by.clone(),
            form: ConsentForm::Written,
            given_on: today(),
            ends_on: None,
        };
        let custodians: Vec<&Person> = members.iter().filter(|m| m.has_custody).collect();
        let mut required: Vec<String> = Vec::new();
        let mut orphan = false;
        for id in &children {
            let child = members.iter().find(|m| &m.id == id).unwrap();
            let age = age_on(child.date_of_birth.unwrap(), today());
            if age >= 12 { required.push(id.clone()); }
            if age < 16 {
                orphan |= custodians.is_empty();
                required.extend(custodians.iter().map(|p| p.id.clone()));
            }
        }
        let missing: Vec<String> = required.iter().filter(|r| !given_by.contains(r)).cloned().collect();
        match check_consent(&c, &members, today()) {
            Ok(()) => prop_assert!(!orphan && missing.is_empty()),
            Err(ConsentError::NoCustodian { .. }) => prop_assert!(orphan),
            Err(ConsentError::Missing(m)) => {
                prop_assert!(!orphan);
                let mut named: Vec<String> = m.into_iter().map(|m| m.member_id).collect();
                let mut expected = missing.clone();
                named.sort();
                expected.sort();
                expected.dedup();
                prop_assert_eq!(named, expected);
            }
            Err(other) => prop_assert!(false, "unexpected refusal {other:?}"),
        }
    }
}
