//! Agreeing to the plan is a consent step ([`ConsentStep::PlanAgreement`]): who may
//! agree follows the same age rule as every consent ([`required_for`]), for every child
//! the plan concerns, and everyone required for any child must agree. Under
//! guardianship the guardian takes the parents' place. Under a court order the
//! certified institution's plan needs no agreement of the parents: the family's view on
//! it is recorded instead.
//!
//! Sources: WGBO art. 7:447 and 7:450 BW and Jeugdwet art. 7.3.4 and 7.3.11 (the age
//! rule, see [`super::consent`]); BW 1:245 and 1:280 (a guardian holds custody in the
//! parents' place), 1:266–1:267 and 1:302 (a certified institution as guardian); BW
//! 1:262 and 1:263 (under a supervision order the institution sets the plan after
//! hearing the parents and the child: their view, not their agreement).

use jiff::civil::Date;

use super::consent::{DECIDES_ALONE_FROM, Missing, MissingWhy, Person, age_on, required_for};
use super::framework::Framework;
use super::member::MemberKind;

/// The longest view of the family a recording holds (a page of text).
pub const MAX_VIEW_CHARS: usize = 5_000;

/// A child in the guardianship of a certified institution (a granted measure ending
/// parental authority).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guardianship {
    pub child_id: String,
    pub organisation_id: String,
    pub organisation_name: String,
}

/// What the rule needs to know about the family.
#[derive(Debug, Clone, Copy)]
pub struct AgreementFacts<'a> {
    /// The family's current members: the plan concerns every current child.
    pub members: &'a [Person],
    pub framework: Framework,
    pub guardianships: &'a [Guardianship],
}

/// An agreement (or, under a court order, a view) as submitted.
#[derive(Debug, Clone, Copy)]
pub struct AgreementInput<'a> {
    /// The family members who agree (or whose view it is).
    pub given_by: &'a [String],
    /// The family's view; only under a court order.
    pub view: &'a str,
    /// The organisation of the professional recording it: a guardian institution's
    /// professional records the guardian's agreement.
    pub recorder_organisation: &'a str,
    pub on: Date,
}

/// What is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreement {
    /// The family agreed; `guardian` is set when a guardian institution agreed too.
    Agreed { guardian: Option<String> },
    /// Under a court order: the family's view, in place of an agreement.
    FamilyView,
}

/// Someone who was named but may not agree, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEntitled {
    pub member_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("'{0}' is not a current member of this family")]
    NotAMember(String),
    #[error("the plan concerns the family's children: register a child first")]
    NoChild,
    #[error(
        "{child} is under 16 but no parent with custody is registered: record who holds custody first"
    )]
    NoCustodian { child: String },
    #[error("{}", incomplete(.not_entitled, .missing))]
    Incomplete {
        /// Named, but the age rule does not ask them (a child under 12, a parent
        /// without custody, a household member).
        not_entitled: Vec<NotEntitled>,
        /// Required for a child the plan concerns, but not named.
        missing: Vec<Missing>,
    },
    #[error("under a court order the plan needs no parental agreement: record the family's view")]
    ViewNeeded,
    #[error("the family's view is recorded under a court order; otherwise the family agrees")]
    ViewOnlyUnderCourtOrder,
    #[error("the family's view has at most 5000 characters")]
    ViewTooLong,
}

fn incomplete(not_entitled: &[NotEntitled], missing: &[Missing]) -> String {
    let names = |v: Vec<&str>| v.join(", ");
    let mut parts = Vec::new();
    if !not_entitled.is_empty() {
        parts.push(format!(
            "may not agree: {}",
            names(not_entitled.iter().map(|n| n.name.as_str()).collect())
        ));
    }
    if !missing.is_empty() {
        parts.push(format!(
            "agreement is missing from: {}",
            names(missing.iter().map(|m| m.name.as_str()).collect())
        ));
    }
    parts.join("; ")
}

/// Checks an agreement to the plan (or the family's view under a court order).
pub fn check_plan_agreement(
    facts: AgreementFacts<'_>,
    input: AgreementInput<'_>,
) -> Result<Agreement, AgreementError> {
    let member = |id: &str| facts.members.iter().find(|m| m.id == id);
    if let Some(unknown) = input.given_by.iter().find(|id| member(id).is_none()) {
        return Err(AgreementError::NotAMember(unknown.clone()));
    }
    let view = input.view.trim();
    if view.chars().count() > MAX_VIEW_CHARS {
        return Err(AgreementError::ViewTooLong);
    }
    if facts.framework == Framework::CourtOrder {
        // Anyone in the family may give their view, whatever their age.
        return if view.is_empty() {
            Err(AgreementError::ViewNeeded)
        } else {
            Ok(Agreement::FamilyView)
        };
    }
    if !view.is_empty() {
        return Err(AgreementError::ViewOnlyUnderCourtOrder);
    }
    let children: Vec<&Person> = facts
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Child)
        .collect();
    if children.is_empty() {
        return Err(AgreementError::NoChild);
    }
    let custodians: Vec<&Person> = facts
        .members
        .iter()
        .filter(|m| m.kind == MemberKind::Parent && m.has_custody)
        .collect();
    let mut entitled: Vec<String> = Vec::new();
    let mut missing: Vec<Missing> = Vec::new();
    let mut guardian_agreed = None;
    for child in children {
        let age = child.date_of_birth.map_or(0, |dob| age_on(dob, input.on));
        let guardian = facts.guardianships.iter().find(|g| g.child_id == child.id);
        // Under guardianship the guardian, not the parents, holds custody.
        let holders: &[&Person] = if guardian.is_some() { &[] } else { &custodians };
        if age < DECIDES_ALONE_FROM && guardian.is_none() && holders.is_empty() {
            return Err(AgreementError::NoCustodian {
                child: child.name.clone(),
            });
        }
        for (id, why) in required_for(child, holders, input.on) {
            if !entitled.contains(&id) {
                entitled.push(id.clone());
            }
            if !input.given_by.contains(&id) && !missing.iter().any(|m| m.member_id == id) {
                let name = member(&id).map(|m| m.name.clone()).unwrap_or_default();
                missing.push(Missing {
                    member_id: id,
                    name,
                    why,
                });
            }
        }
        if let Some(g) = guardian.filter(|_| age < DECIDES_ALONE_FROM) {
            if g.organisation_id == input.recorder_organisation {
                guardian_agreed = Some(g.organisation_id.clone());
            } else if !missing.iter().any(|m| m.member_id == g.organisation_id) {
                missing.push(Missing {
                    member_id: g.organisation_id.clone(),
                    name: g.organisation_name.clone(),
                    why: MissingWhy::Guardian {
                        child: child.name.clone(),
                    },
                });
            }
        }
    }
    let not_entitled: Vec<NotEntitled> = input
        .given_by
        .iter()
        .filter(|id| !entitled.contains(id))
        .filter_map(|id| member(id))
        .map(|m| NotEntitled {
            member_id: m.id.clone(),
            name: m.name.clone(),
        })
        .collect();
    if not_entitled.is_empty() && missing.is_empty() {
        Ok(Agreement::Agreed {
            guardian: guardian_agreed,
        })
    } else {
        Err(AgreementError::Incomplete {
            not_entitled,
            missing,
        })
    }
}

/// The family members whose agreement the plan needs on `on` (outside a court order):
/// what [`check_plan_agreement`] finds missing when nobody has agreed yet. Guardian
/// institutions are left out: their professional records their agreement.
pub fn who_agrees(facts: AgreementFacts<'_>, on: Date) -> Result<Vec<String>, AgreementError> {
    let nobody = AgreementInput {
        given_by: &[],
        view: "",
        recorder_organisation: "",
        on,
    };
    match check_plan_agreement(facts, nobody) {
        Ok(_) => Ok(Vec::new()),
        Err(AgreementError::Incomplete { missing, .. }) => Ok(missing
            .into_iter()
            .filter(|m| !matches!(m.why, MissingWhy::Guardian { .. }))
            .map(|m| m.member_id)
            .collect()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn person(id: &str, kind: MemberKind, born: Option<Date>, custody: bool) -> Person {
        Person {
            id: id.into(),
            name: id.to_uppercase(),
            kind,
            date_of_birth: born,
            has_custody: custody,
        }
    }

    /// Mama and papa with custody, a stepfather without; Mila 3, Sam 12 from
    /// 2026-05-10, Noor 16 from 2026-03-01.
    fn family() -> Vec<Person> {
        vec![
            person("mama", MemberKind::Parent, None, true),
            person("papa", MemberKind::Parent, None, true),
            person("stiefvader", MemberKind::Parent, None, false),
            person("mila", MemberKind::Child, Some(date(2023, 1, 1)), false),
            person("sam", MemberKind::Child, Some(date(2014, 5, 10)), false),
            person("noor", MemberKind::Child, Some(date(2010, 3, 1)), false),
        ]
    }

    fn check(
        members: &[Person],
        framework: Framework,
        guardianships: &[Guardianship],
        given_by: &[&str],
        view: &str,
        on: Date,
    ) -> Result<Agreement, AgreementError> {
        let given_by: Vec<String> = given_by.iter().map(|s| (*s).to_owned()).collect();
        check_plan_agreement(
            AgreementFacts {
                members,
                framework,
                guardianships,
            },
            AgreementInput {
                given_by: &given_by,
                view,
                recorder_organisation: "lokalis",
                on,
            },
        )
    }

    fn ids(r: Result<Agreement, AgreementError>) -> (Vec<String>, Vec<String>) {
        match r {
            Err(AgreementError::Incomplete {
                not_entitled,
                missing,
            }) => (
                not_entitled.into_iter().map(|n| n.member_id).collect(),
                missing.into_iter().map(|m| m.member_id).collect(),
            ),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    const OK: Result<Agreement, AgreementError> = Ok(Agreement::Agreed { guardian: None });

    #[test]
    fn a_three_year_old_may_not_agree_and_the_parents_must() {
        let only_mila = vec![
            person("mama", MemberKind::Parent, None, true),
            person("mila", MemberKind::Child, Some(date(2023, 1, 1)), false),
        ];
        let on = date(2026, 6, 1);
        let v = Framework::Voluntary;
        assert_eq!(
            ids(check(&only_mila, v, &[], &["mila"], "", on)),
            (vec!["mila".to_owned()], vec!["mama".to_owned()])
        );
        assert_eq!(check(&only_mila, v, &[], &["mama"], "", on), OK);
        assert_eq!(
            ids(check(&only_mila, v, &[], &["mama", "mila"], "", on)),
            (vec!["mila".to_owned()], vec![])
        );
    }

    #[test]
    fn everyone_required_for_any_child_agrees_and_nobody_else() {
        let members = family();
        let v = Framework::Voluntary;
        // Sam is 11: mama and papa for Mila and Sam, Noor (16) for herself.
        let on = date(2026, 5, 9);
        assert_eq!(
            check(&members, v, &[], &["mama", "papa", "noor"], "", on),
            OK
        );
        assert_eq!(
            ids(check(&members, v, &[], &["mama", "papa"], "", on)),
            (vec![], vec!["noor".to_owned()])
        );
        assert_eq!(
            ids(check(
                &members,
                v,
                &[],
                &["mama", "papa", "noor", "sam", "stiefvader"],
                "",
                on
            )),
            (vec!["sam".to_owned(), "stiefvader".to_owned()], vec![])
        );
        // From his twelfth birthday Sam agrees too.
        let birthday = date(2026, 5, 10);
        assert_eq!(
            ids(check(
                &members,
                v,
                &[],
                &["mama", "papa", "noor"],
                "",
                birthday
            )),
            (vec![], vec!["sam".to_owned()])
        );
        assert_eq!(
            check(
                &members,
                v,
                &[],
                &["mama", "papa", "noor", "sam"],
                "",
                birthday
            ),
            OK
        );
    }

    #[test]
    fn from_16_the_child_alone_so_the_parents_may_not_agree_for_them() {
        let members = vec![
            person("mama", MemberKind::Parent, None, true),
            person("noor", MemberKind::Child, Some(date(2010, 3, 1)), false),
        ];
        let on = date(2026, 3, 1);
        let v = Framework::Voluntary;
        assert_eq!(check(&members, v, &[], &["noor"], "", on), OK);
        assert_eq!(
            ids(check(&members, v, &[], &["mama", "noor"], "", on)),
            (vec!["mama".to_owned()], vec![])
        );
    }

    #[test]
    fn under_guardianship_the_guardian_takes_the_parents_place() {
        let members = vec![
            person("mama", MemberKind::Parent, None, true),
            person("mila", MemberKind::Child, Some(date(2023, 1, 1)), false),
        ];
        let guardian = [Guardianship {
            child_id: "mila".into(),
            organisation_id: "save".into(),
            organisation_name: "SAVE".into(),
        }];
        let nobody: Vec<String> = vec![];
        let facts = AgreementFacts {
            members: &members,
            framework: Framework::Voluntary,
            guardianships: &guardian,
        };
        let input = |org| AgreementInput {
            given_by: &nobody,
            view: "",
            recorder_organisation: org,
            on: date(2026, 6, 1),
        };
        // Recorded by the guardian institution: its agreement.
        assert_eq!(
            check_plan_agreement(facts, input("save")),
            Ok(Agreement::Agreed {
                guardian: Some("save".into())
            })
        );
        // Recorded elsewhere: the guardian is missing, and mother may not stand in.
        let mama = vec!["mama".to_owned()];
        let r = check_plan_agreement(
            facts,
            AgreementInput {
                given_by: &mama,
                ..input("lokalis")
            },
        );
        assert_eq!(ids(r), (vec!["mama".to_owned()], vec!["save".to_owned()]));
    }

    #[test]
    fn under_a_court_order_the_family_s_view_is_recorded_instead() {
        let members = family();
        let on = date(2026, 6, 1);
        let c = Framework::CourtOrder;
        // Anyone may give their view, even a three-year-old's parents' without Mila.
        assert_eq!(
            check(
                &members,
                c,
                &[],
                &["mama", "mila"],
                "Moeder wil meer bezoek",
                on
            ),
            Ok(Agreement::FamilyView)
        );
        assert_eq!(
            check(&members, c, &[], &["mama"], "  ", on),
            Err(AgreementError::ViewNeeded)
        );
        assert_eq!(
            check(
                &members,
                Framework::Voluntary,
                &[],
                &["mama"],
                "Een mening",
                on
            ),
            Err(AgreementError::ViewOnlyUnderCourtOrder)
        );
        assert_eq!(
            check(&members, c, &[], &["mama"], &"x".repeat(5001), on),
            Err(AgreementError::ViewTooLong)
        );
    }

    #[test]
    fn who_agrees_lists_everyone_required() {
        let members = family();
        let facts = AgreementFacts {
            members: &members,
            framework: Framework::Voluntary,
            guardianships: &[],
        };
        assert_eq!(
            who_agrees(facts, date(2026, 5, 10)),
            Ok(vec![
                "mama".into(),
                "papa".into(),
                "sam".into(),
                "noor".into()
            ])
        );
    }

    #[test]
    fn refusals_name_what_to_fix() {
        let on = date(2026, 6, 1);
        let v = Framework::Voluntary;
        assert_eq!(
            check(&family(), v, &[], &["buurman"], "", on),
            Err(AgreementError::NotAMember("buurman".into()))
        );
        let parents_only = vec![person("mama", MemberKind::Parent, None, true)];
        assert_eq!(
            check(&parents_only, v, &[], &["mama"], "", on),
            Err(AgreementError::NoChild)
        );
        let no_custody = vec![person(
            "mila",
            MemberKind::Child,
            Some(date(2023, 1, 1)),
            false,
        )];
        assert_eq!(
            check(&no_custody, v, &[], &["mila"], "", on),
            Err(AgreementError::NoCustodian {
                child: "MILA".into()
            })
        );
        let err = check(&family(), v, &[], &["mila"], "", on).unwrap_err();
        assert_eq!(
            err.to_string(),
            "may not agree: MILA; agreement is missing from: MAMA, PAPA, SAM, NOOR"
        );
    }
}
