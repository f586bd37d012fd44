//! On every backend: a password someone else chose must be
//! replaced by its holder, a new second factor needs a one-time enrolment code, an
//! administrator sees only their own organisation's accounts, a deactivated regisseur's
//! files are found and handed over, and a privacy officer sees only their own
//! organisation's part of the access log and emergency accesses.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_domain::UtcTime;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::enrolment::{ENROLMENT_CODE_VALIDITY, code_hash};
use eenplan_domain::family::InvolvementRole;
use eenplan_domain::user::Email;
use eenplan_store::{
    AccessEntry, AccessFilter, NewInvolvement, SessionKind, SessionStage, StoreError,
};

use crate::family::{actor, open, people};
use crate::support::TestDb;

fn journal_kinds(entries: &[eenplan_domain::journal::Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.kind.as_str()).collect()
}

pub async fn password_change_and_enrolment_codes(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let sanne = p.sanne.0.clone();
    let email = Email::parse("sanne@lokalis.example").unwrap();

    // A password someone else chose: flagged, journaled, visible on the principal.
    let mut tx = store.write().await.unwrap();
    tx.require_password_change(&actor(), &sanne).await.unwrap();
    assert!(matches!(
        tx.require_password_change(&actor(), &UserId::from("onbekend")).await,
        Err(StoreError::NotFound(_))
    ));
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let principal = r.principal(&sanne).await.unwrap().unwrap();
    assert!(principal.must_change_password);
    let credentials = r.credentials(&email).await.unwrap().unwrap();
    assert!(credentials.must_change_password);
    drop(r);

    // Two sessions; choosing the password keeps the current one and ends the other.
    let mut tx = store.write().await.unwrap();
    for token in ["eigen", "ander"] {
        tx.start_session(
            &credentials,
            SessionKind::Web,
            SessionStage::Active,
            token,
            "csrf",
        )
        .await
        .unwrap();
    }
    tx.change_own_password(&principal, "eigen", "nieuwe-hash")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(!r.session("eigen").await.unwrap().unwrap().ended);
    assert!(r.session("ander").await.unwrap().unwrap().ended);
    let after = r.credentials(&email).await.unwrap().unwrap();
    assert!(!after.must_change_password);
    assert_eq!(after.password_hash, "nieuwe-hash");
    drop(r);

    // Enrolment: without a code the factor cannot be confirmed.
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.confirm_second_factor(&after).await,
        Err(StoreError::NotFound(_))
    ));
    drop(tx);
    let now = UtcTime::now();
    let expires = UtcTime::from_timestamp(now.timestamp() + ENROLMENT_CODE_VALIDITY);
    let mut tx = store.write().await.unwrap();
    tx.issue_enrolment_code(&actor(), &sanne, &code_hash("ABCD-EFGH-JKMN-PQRS"), expires)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(
        r.enrolment_code_matches(&sanne, &code_hash("abcd efgh jkmn pqrs"), now)
            .await
            .unwrap()
    );
    assert!(
        !r.enrolment_code_matches(&sanne, &code_hash("ABCD-EFGH-JKMN-PQRT"), now)
            .await
            .unwrap()
    );
    let later = UtcTime::from_timestamp(expires.timestamp() + jiff::SignedDuration::from_secs(1));
    assert!(
        !r.enrolment_code_matches(&sanne, &code_hash("ABCD-EFGH-JKMN-PQRS"), later)
            .await
            .unwrap(),
        "an expired code opens nothing"
    );
    let hash: String = r
        .fetch_one(
            "SELECT enrolment_code_hash FROM users WHERE id = $1",
            eenplan_store::params![&sanne],
        )
        .await
        .unwrap()
        .text(0)
        .unwrap();
    assert_ne!(hash, "ABCDEFGHJKMNPQRS", "only the hash is stored");
    drop(r);
    // The half-finished sign-in moves on once, then the code is used up by enrolling.
    let mut tx = store.write().await.unwrap();
    tx.start_session(
        &after,
        SessionKind::Web,
        SessionStage::EnrolCode,
        "half",
        "csrf",
    )
    .await
    .unwrap();
    assert!(
        tx.advance_session("half", SessionStage::EnrolCode, SessionStage::Enrol)
            .await
            .unwrap()
    );
    assert!(
        !tx.advance_session("half", SessionStage::EnrolCode, SessionStage::Enrol)
            .await
            .unwrap()
    );
    tx.confirm_second_factor(&after).await.unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(
        r.session("half").await.unwrap().unwrap().stage,
        SessionStage::Enrol
    );
    assert!(r.credentials(&email).await.unwrap().unwrap().totp_confirmed);
    assert!(
        !r.enrolment_code_matches(&sanne, &code_hash("ABCD-EFGH-JKMN-PQRS"), now)
            .await
            .unwrap(),
        "a used code is gone"
    );
    let entries = r.journal_page(0, 1000).await.unwrap();
    let kinds = journal_kinds(&entries);
    for kind in [
        "password_change_required",
        "password_changed",
        "enrolment_code_issued",
        "second_factor_enrolled",
    ] {
        assert!(kinds.contains(&kind), "{kind} journaled: {kinds:?}");
    }
    assert!(
        !entries.iter().any(|e| e.payload.contains(&hash)),
        "the code's hash is not journaled"
    );
    drop(r);
    store.close().await;
    db
}

pub async fn organisations_see_their_own_accounts_logs_and_leaderless_files(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let lokalis = p.sanne.1.clone();
    let save = p.thomas.1.clone();
    let jansen = open(&store, &p, "Gezin Jansen", "12").await;

    // Accounts per organisation.
    let mut r = store.read().await.unwrap();
    let ours: Vec<UserId> = r
        .principals_of(&lokalis)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.user_id)
        .collect();
    assert_eq!(ours.len(), 3);
    assert!(!ours.contains(&p.thomas.0));
    drop(r);

    // Sanne leads Jansen; once deactivated, the file has no working regisseur and is on
    // the list of her organisation (and of her team), not of another.
    let mut r = store.read().await.unwrap();
    let led = r.files_led_by(&p.sanne.0).await.unwrap();
    assert_eq!(led.len(), 1);
    assert_eq!(led[0].family_id, jansen);
    assert!(
        r.files_without_regisseur(&lokalis, None)
            .await
            .unwrap()
            .is_empty()
    );
    drop(r);
    let mut tx = store.write().await.unwrap();
    tx.deactivate_user(&actor(), &p.sanne.0).await.unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let orphans = r.files_without_regisseur(&lokalis, None).await.unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].family_id, jansen);
    assert_eq!(orphans[0].regisseur_user_id, p.sanne.0);
    assert_eq!(
        r.files_without_regisseur(&lokalis, Some(&p.overvecht_team))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        r.files_without_regisseur(&lokalis, Some("ander-team"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        r.files_without_regisseur(&save, None)
            .await
            .unwrap()
            .is_empty()
    );
    drop(r);
    // Mohamed takes over: a handover, and the list is empty again.
    let mut tx = store.write().await.unwrap();
    tx.add_involvement(
        &actor(),
        &jansen,
        NewInvolvement {
            role: InvolvementRole::Regisseur,
            organisation_id: lokalis.to_string(),
            user_id: p.mohamed.0.to_string(),
            expertise: None,
            takes_over: Some(orphans[0].involvement_id.clone()),
            reason: Some("Sanne is uit dienst".into()),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(
        r.files_without_regisseur(&lokalis, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(r.files_led_by(&p.mohamed.0).await.unwrap().len(), 1);
    drop(r);

    // Access log: Thomas (SAVE) reads Jansen (led by Lokalis) and a file nobody of
    // Lokalis touches; Mohamed (Lokalis) reads Jansen.
    let other = {
        let mut tx = store.write().await.unwrap();
        let id = tx
            .open_family(
                &actor(),
                crate::family::address("Gezin Bakker", "14"),
                &p.mohamed.0,
                &lokalis,
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    };
    let line = |user: &(UserId, OrganisationId), family: &FamilyId| AccessEntry {
        event: AccessEvent::Read,
        granted: true,
        basis: Some(AccessBasis::Emergency),
        user_id: user.0.to_string(),
        organisation_id: user.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(family.to_string()),
        data: "GET /gezinnen/{family}".into(),
        client_address: "127.0.0.1".into(),
    };
    let mut tx = store.write().await.unwrap();
    tx.log_access(&line(&p.thomas, &jansen)).await.unwrap();
    tx.log_access(&line(&p.mohamed, &jansen)).await.unwrap();
    tx.commit().await.unwrap();
    let scoped = |org: &str| AccessFilter {
        limit: 100,
        scope_organisation: org.to_owned(),
        ..AccessFilter::default()
    };
    let mut r = store.read().await.unwrap();
    let for_lokalis = r.access_log(&scoped(lokalis.as_str())).await.unwrap();
    assert_eq!(
        for_lokalis.len(),
        2,
        "both lines are about a file Lokalis leads"
    );
    let for_save = r.access_log(&scoped(save.as_str())).await.unwrap();
    assert_eq!(for_save.len(), 1, "only SAVE's own person's line");
    assert_eq!(for_save[0].user_id, p.thomas.0);
    assert_eq!(r.access_log(&scoped("")).await.unwrap().len(), 2);
    drop(r);

    // Emergency accesses: Thomas broke the glass on Bakker (led by Lokalis).
    let mut tx = store.write().await.unwrap();
    tx.break_glass(
        &actor(),
        &other,
        (&p.thomas.0, &save),
        "Acute zorgen gemeld door de school",
        false,
        UtcTime::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(r.emergencies_in_scope(true, Some(&save)).await.unwrap().len(), 1);
    assert_eq!(
        r.emergencies_in_scope(true, Some(&lokalis)).await.unwrap().len(),
        1
    );
    assert!(
        r.emergencies_in_scope(true, Some(&OrganisationId::from("een-ander")))
            .await
            .unwrap()
            .is_empty()
    );
    drop(r);
    store.close().await;
    db
}

/// An administrator corrects an account (name, team, roles) and gives a deactivated one
/// back its access, an area's CBS code names one area, and organisations and teams are
/// renamed: each journaled, refused the same way on both backends, and the deep check
/// finds every changed account row explained by its seal.
pub async fn administrators_correct_accounts_areas_and_names(db: TestDb) -> TestDb {
    use eenplan_domain::area::AreaKind;
    use eenplan_domain::role::Role;
    use eenplan_domain::user::PersonName;
    use eenplan_store::{NewArea, NewTeam, UserChange};
    let store = db.open().await;
    let p = people(&store).await;
    let sanne = p.sanne.0.clone();
    let mut tx = store.write().await.unwrap();
    let province = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Province,
                name: "Utrecht".into(),
                code: Some("PV26".into()),
                parent_id: None,
            },
        )
        .await
        .unwrap();
    let taken = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Province,
                name: "Flevoland".into(),
                code: Some(" PV26 ".into()),
                parent_id: None,
            },
        )
        .await;
    assert!(
        matches!(&taken, Err(StoreError::DuplicateAreaCode { code, area }) if code == "PV26" && area == "Utrecht"),
        "{taken:?}"
    );
    let flevoland = tx
        .create_area(
            &actor(),
            NewArea {
                kind: AreaKind::Province,
                name: "Flevoland".into(),
                code: Some("PV24".into()),
                parent_id: None,
            },
        )
        .await
        .unwrap();
    assert!(matches!(
        tx.change_area(&actor(), &flevoland.id, "Flevoland", Some("PV26"))
            .await,
        Err(StoreError::DuplicateAreaCode { .. })
    ));
    // Its own code again, or none, is no clash.
    tx.change_area(&actor(), &province.id, "Provincie Utrecht", Some("PV26"))
        .await
        .unwrap();
    tx.change_area(&actor(), &flevoland.id, "Flevoland", None)
        .await
        .unwrap();

    let principal = tx.principal(&sanne).await.unwrap().unwrap();
    let team = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: principal.organisation_id.clone(),
                name: "Team Noord".into(),
                area_id: None,
            },
        )
        .await
        .unwrap();
    tx.rename_team(&actor(), &principal.organisation_id, &team.id, "Team Noordoost")
        .await
        .unwrap();
    tx.rename_organisation(&actor(), &principal.organisation_id, "Lokalis Utrecht")
        .await
        .unwrap();
    let change = |team_id: Option<String>, roles: Vec<Role>| UserChange {
        name: PersonName::parse("Sanne van Dijk").unwrap(),
        team_id,
        roles,
    };
    assert!(matches!(
        tx.change_user(&actor(), &sanne, &change(Some("elders".into()), vec![Role::Professional]))
            .await,
        Err(StoreError::Invalid(_))
    ));
    tx.change_user(
        &actor(),
        &sanne,
        &change(Some(team.id.clone()), vec![Role::Professional, Role::TeamLead]),
    )
    .await
    .unwrap();
    tx.deactivate_user(&actor(), &sanne).await.unwrap();
    tx.reactivate_user(&actor(), &sanne).await.unwrap();
    assert!(matches!(
        tx.reactivate_user(&actor(), &sanne).await,
        Err(StoreError::NotFound(_))
    ));
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let now = r.principal(&sanne).await.unwrap().unwrap();
    assert_eq!(
        (
            now.name.as_str(),
            now.team_id.as_deref(),
            now.roles.as_slice(),
            now.active,
            now.organisation_name.as_str()
        ),
        (
            "Sanne van Dijk",
            Some(team.id.as_str()),
            [Role::Professional, Role::TeamLead].as_slice(),
            true,
            "Lokalis Utrecht"
        )
    );
    assert_eq!(r.area(&flevoland.id).await.unwrap().code, None);
    let kinds: Vec<String> = r
        .journal_for_subject("user", sanne.as_str())
        .await
        .unwrap()
        .iter()
        .map(|e| e.kind.clone())
        .collect();
    for kind in ["user_changed", "user_deactivated", "user_reactivated"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind}: {kinds:?}");
    }
    drop(r);
    let report = store.verify_deep().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    store.close().await;
    db
}

/// An organisation's slug is corrected and its kind too, but only before its first
/// account (`organisation::kind_may_change`); a team is placed in an area and taken out
/// again; and the migration that makes CBS codes unique names the areas that already
/// share one, changing nothing, instead of failing on a bare constraint.
pub async fn organisation_identity_team_area_and_shared_cbs_codes(db: TestDb) -> TestDb {
    use eenplan_domain::area::AreaKind;
    use eenplan_domain::organisation::{OrganisationKind, Slug};
    use eenplan_store::{NewArea, NewOrganisation, NewTeam};
    let store = db.open().await;
    let p = people(&store).await;
    let mut tx = store.write().await.unwrap();
    let sanne = tx.principal(&p.sanne.0).await.unwrap().unwrap();
    let org = sanne.organisation_id.clone();
    let renamed = Slug::parse("lokalis-utrecht").unwrap();
    // Accounts work under the kind: it stays, and nothing is written.
    assert!(matches!(
        tx.change_organisation_identity(&actor(), &org, &renamed, OrganisationKind::School)
            .await,
        Err(StoreError::KindFixed(_))
    ));
    tx.change_organisation_identity(&actor(), &org, &renamed, sanne.organisation_kind)
        .await
        .unwrap();
    let empty = tx
        .create_organisation(
            &actor(),
            NewOrganisation {
                slug: Slug::parse("nieuw").unwrap(),
                name: "Nieuwe organisatie".into(),
                kind: OrganisationKind::School,
            },
        )
        .await
        .unwrap();
    tx.change_organisation_identity(
        &actor(),
        &empty.id,
        &Slug::parse("nieuw").unwrap(),
        OrganisationKind::CareProvider,
    )
    .await
    .unwrap();
    let area = |name: &str| NewArea {
        kind: AreaKind::Province,
        name: name.into(),
        code: None,
        parent_id: None,
    };
    let north = tx.create_area(&actor(), area("Noord")).await.unwrap();
    let south = tx.create_area(&actor(), area("Zuid")).await.unwrap();
    let team = tx
        .create_team(
            &actor(),
            NewTeam {
                organisation_id: org.clone(),
                name: "Team Noord".into(),
                area_id: None,
            },
        )
        .await
        .unwrap();
    tx.set_team_area(&actor(), &org, &team.id, Some(&north.id))
        .await
        .unwrap();
    assert!(matches!(
        tx.set_team_area(&actor(), &org, &team.id, Some("geen-gebied"))
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        tx.set_team_area(&actor(), &empty.id, &team.id, None).await,
        Err(StoreError::NotFound(_))
    ));
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let orgs = r.organisations().await.unwrap();
    let find = |id: &OrganisationId| orgs.iter().find(|o| &o.id == id).unwrap().clone();
    assert_eq!(find(&org).slug, "lokalis-utrecht");
    assert_eq!(find(&org).kind, sanne.organisation_kind);
    assert_eq!(find(&empty.id).kind, OrganisationKind::CareProvider);
    let teams = r.teams_of(&org).await.unwrap();
    let placed = teams.iter().find(|t| t.id == team.id).unwrap();
    assert_eq!(placed.area_id.as_deref(), Some(north.id.as_str()));
    let kinds = |entries: Vec<_>| entries.into_iter().map(|e: eenplan_domain::journal::Entry| e.kind).collect::<Vec<_>>();
    assert_eq!(
        kinds(r.journal_for_subject("organisation", org.as_str()).await.unwrap())
            .iter()
            .filter(|k| *k == "organisation_identity_changed")
            .count(),
        1
    );
    assert!(
        kinds(r.journal_for_subject("team", &team.id).await.unwrap())
            .contains(&"team_area_changed".to_owned())
    );
    drop(r);

    // A slug another organisation has is refused.
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.change_organisation_identity(&actor(), &empty.id, &renamed, OrganisationKind::School)
            .await,
        Err(StoreError::Duplicate(_))
    ));
    drop(tx);

    // A database from before migration 32 in which two areas share a code.
    let mut tx = store.write().await.unwrap();
    for sql in [
        "DROP INDEX areas_code".to_owned(),
        "DELETE FROM schema_migrations WHERE version = 32".to_owned(),
        format!(
            "UPDATE areas SET code = 'GM0344' WHERE id IN ('{}', '{}')",
            north.id, south.id
        ),
    ] {
        tx.execute(&sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    let refused = store.migrate().await.unwrap_err().to_string();
    for named in ["GM0344", "'Noord'", "'Zuid'", "migration 32"] {
        assert!(refused.contains(named), "{named} in: {refused}");
    }
    // Nothing was applied (the next run applies 32): the administrator clears a code.
    let mut tx = store.write().await.unwrap();
    let fix = format!("UPDATE areas SET code = NULL WHERE id = '{}'", south.id);
    tx.execute(&fix, vec![]).await.unwrap();
    tx.commit().await.unwrap();
    let applied = store.migrate().await.unwrap();
    assert_eq!(applied.iter().map(|m| m.version).collect::<Vec<_>>(), [32]);
    store.close().await;
    db
}
