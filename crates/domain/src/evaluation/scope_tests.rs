use super::*;
use crate::organisation::OrganisationKind::{LocalTeam, Municipality};

fn ids(a: &[&str]) -> Vec<String> {
    a.iter().map(|x| (*x).to_owned()).collect()
}

/// The municipality of Utrecht (in the province) and one of its neighbourhoods.
fn utrecht() -> Vec<String> {
    ids(&["utrecht", "pv26"])
}
fn de_gagel() -> Vec<String> {
    ids(&["de-gagel", "utrecht", "pv26"])
}
fn almere() -> Vec<String> {
    ids(&["almere", "pv24"])
}

fn asked<'a>(area: Option<&'a [String]>, organisation: Option<&'a str>) -> Request<'a> {
    Request {
        area_path: area,
        organisation,
    }
}

/// Every role alone, written out by hand: who gets any view at all.
#[test]
fn only_a_team_lead_and_a_policy_officer_see_anything() {
    let areas = ids(&["utrecht"]);
    for role in Role::ALL {
        let expected = match role {
            Role::TeamLead | Role::PolicyOfficer => true,
            Role::Professional
            | Role::BehaviouralScientist
            | Role::FunctionalAdmin
            | Role::PrivacyOfficer
            | Role::EvuCoordinator
            | Role::ChainAdmin
            | Role::ComplaintsOfficer => false,
        };
        assert_eq!(
            evaluation_scope(&[*role], "gemeente-utrecht", Municipality, &areas).is_some(),
            expected,
            "{role:?}"
        );
    }
    assert_eq!(
        evaluation_scope(
            &[
                Role::Professional,
                Role::BehaviouralScientist,
                Role::FunctionalAdmin,
                Role::PrivacyOfficer,
                Role::EvuCoordinator,
                Role::ChainAdmin,
            ],
            "lokalis",
            LocalTeam,
            &areas
        ),
        None,
        "no combination of the other roles sees anything"
    );
    assert_eq!(evaluation_scope(&[], "lokalis", Municipality, &areas), None);
}

#[test]
fn a_team_lead_sees_their_own_organisation_narrowed_by_area() {
    let scope =
        evaluation_scope(&[Role::TeamLead], "lokalis", LocalTeam, &ids(&["utrecht"])).unwrap();
    assert_eq!(scope.own_organisation(), Some("lokalis"));
    assert_eq!(
        scope.areas(),
        None,
        "a team lead's areas are no policy view"
    );
    let own = View {
        organisation: Some("lokalis".into()),
        area: None,
        within: vec![],
        others_together: false,
    };
    assert_eq!(
        scope.check(Request::default()),
        Ok(own.clone()),
        "narrowed to own"
    );
    assert_eq!(scope.check(asked(None, Some("lokalis"))), Ok(own.clone()));
    // Any area, but only the organisation's own families in it.
    let almere = almere();
    assert_eq!(
        scope.check(asked(Some(&almere), None)),
        Ok(View {
            area: Some("almere".into()),
            ..own
        })
    );
    assert!(scope.may_choose_area(&almere));
    assert_eq!(
        scope.check(asked(None, Some("save"))),
        Err(OutOfScope::Organisation),
        "another organisation's families"
    );
    assert_eq!(
        evaluation_scope(&[Role::TeamLead], "", LocalTeam, &[]),
        None,
        "a team lead of no organisation"
    );
}

#[test]
fn a_policy_officer_sees_its_areas_and_the_rest_only_together() {
    let scope = evaluation_scope(
        &[Role::PolicyOfficer],
        "gemeente-utrecht",
        Municipality,
        &ids(&["utrecht"]),
    )
    .unwrap();
    assert_eq!(scope.own_organisation(), None, "no organisation view");
    let mine = View {
        organisation: None,
        area: None,
        within: ids(&["utrecht"]),
        others_together: true,
    };
    assert_eq!(scope.check(Request::default()), Ok(mine.clone()));
    // A neighbourhood inside its municipality, with the comparison.
    let gagel = de_gagel();
    assert_eq!(
        scope.check(asked(Some(&gagel), None)),
        Ok(View {
            area: Some("de-gagel".into()),
            ..mine.clone()
        })
    );
    let utrecht = utrecht();
    assert!(scope.check(asked(Some(&utrecht), None)).is_ok());
    // Another area by itself: refused, never shown.
    let almere = almere();
    assert_eq!(
        scope.check(asked(Some(&almere), None)),
        Err(OutOfScope::Area)
    );
    assert!(!scope.may_choose_area(&almere));
    assert!(
        !scope.may_choose_area(&ids(&["pv26"])),
        "the province is larger than its areas"
    );
    // An organisation inside its areas, without the comparison (no organisation
    // breakdown of the other areas).
    assert_eq!(
        scope.check(asked(None, Some("save"))),
        Ok(View {
            organisation: Some("save".into()),
            area: None,
            within: ids(&["utrecht"]),
            others_together: false,
        })
    );
    assert_eq!(
        scope.check(asked(Some(&almere), Some("save"))),
        Err(OutOfScope::Area),
        "an organisation outside its areas"
    );
}

#[test]
fn a_policy_officer_without_areas_or_outside_a_municipality_sees_nothing() {
    assert_eq!(
        evaluation_scope(
            &[Role::PolicyOfficer],
            "gemeente-utrecht",
            Municipality,
            &[]
        ),
        None,
        "no areas must never read as everywhere"
    );
    assert_eq!(
        evaluation_scope(
            &[Role::PolicyOfficer],
            "lokalis",
            LocalTeam,
            &ids(&["utrecht"])
        ),
        None,
        "the role given in a care organisation widens nothing"
    );
    // With the team lead's role there, only the team lead's part.
    let scope = evaluation_scope(
        &[Role::PolicyOfficer, Role::TeamLead],
        "lokalis",
        LocalTeam,
        &ids(&["utrecht"]),
    )
    .unwrap();
    assert_eq!(scope.areas(), None);
    assert_eq!(scope.own_organisation(), Some("lokalis"));
}

#[test]
fn several_roles_see_the_union() {
    let scope = evaluation_scope(
        &[Role::TeamLead, Role::PolicyOfficer, Role::FunctionalAdmin],
        "gemeente-utrecht",
        Municipality,
        &ids(&["utrecht"]),
    )
    .unwrap();
    // Nothing asked: the policy officer's areas (the wider, comparable view).
    assert_eq!(
        scope.check(Request::default()).unwrap().within,
        ids(&["utrecht"])
    );
    // Its own organisation: whole, wherever its families live.
    assert_eq!(
        scope.check(asked(None, Some("gemeente-utrecht"))),
        Ok(View {
            organisation: Some("gemeente-utrecht".into()),
            area: None,
            within: vec![],
            others_together: false,
        })
    );
    // An area outside the policy areas: the team lead's part, own organisation only.
    let almere = almere();
    assert_eq!(
        scope.check(asked(Some(&almere), None)),
        Ok(View {
            organisation: Some("gemeente-utrecht".into()),
            area: Some("almere".into()),
            within: vec![],
            others_together: false,
        })
    );
    assert!(scope.may_choose_area(&almere));
    // Another organisation outside the policy areas: neither role.
    assert_eq!(
        scope.check(asked(Some(&almere), Some("save"))),
        Err(OutOfScope::Area)
    );
}

/// A policy officer of Utrecht is offered the organisations that work in Utrecht: one
/// in a neighbourhood, one covering the province; not one in Almere. A team lead only
/// their own.
#[test]
fn a_policy_officer_chooses_among_the_organisations_in_its_areas() {
    let paths = vec![
        ("pv26".to_owned(), ids(&["pv26"])),
        ("utrecht".to_owned(), utrecht()),
        ("de-gagel".to_owned(), de_gagel()),
        ("pv24".to_owned(), ids(&["pv24"])),
        ("almere".to_owned(), almere()),
    ];
    let officer = evaluation_scope(
        &[Role::PolicyOfficer],
        "gemeente-utrecht",
        Municipality,
        &ids(&["utrecht"]),
    )
    .unwrap();
    assert!(officer.may_choose_organisation("wijkteam", &ids(&["de-gagel"]), &paths));
    assert!(officer.may_choose_organisation("save", &ids(&["pv26"]), &paths));
    assert!(!officer.may_choose_organisation("almere-team", &ids(&["almere"]), &paths));
    assert!(!officer.may_choose_organisation("flevoland", &ids(&["pv24"]), &paths));
    assert!(!officer.may_choose_organisation("nowhere", &[], &paths));

    let lead = evaluation_scope(&[Role::TeamLead], "lokalis", LocalTeam, &[]).unwrap();
    assert!(lead.may_choose_organisation("lokalis", &[], &paths));
    assert!(!lead.may_choose_organisation("wijkteam", &ids(&["de-gagel"]), &paths));
}
