//! On every backend: names compare by the domain's name key, an
//! organisation's general phone number is stored and journaled, the duplicate check's
//! access-log lines feed the rate limit and the leading organisation's signals, and a
//! partner must hold a care role.

use eenplan_domain::OrganisationId;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{InvolvementError, InvolvementRole, MemberKind, NewMember};
use eenplan_domain::journal::Actor;
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName, Phone};
use eenplan_store::{AccessEntry, DUPLICATE_CHECK_EVENT, NewInvolvement, NewUser, StoreError};
use jiff::civil::date;

use crate::family::{actor, open, people};
use crate::support::TestDb;

pub async fn duplicates_signals_and_care_roles(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let jansen = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    // A child stored with odd spacing is found by the plain name, and the other way.
    tx.add_member(
        &actor(),
        &jansen,
        NewMember {
            kind: MemberKind::Child,
            name: "Nina  Bos".into(),
            date_of_birth: Some(date(2019, 5, 1)),
            has_custody: false,
        },
        date(2026, 11, 22),
    )
    .await
    .unwrap();
    for asked in ["nina bos", " NINA   BOS "] {
        let found = tx
            .families_with_child(asked, date(2019, 5, 1))
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{asked:?}");
        assert_eq!(found[0].id, jansen);
    }
    let found = tx
        .families_with_child("sam  jansen", date(2016, 4, 2))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(
        tx.families_with_child("sam jansen", date(2016, 4, 3))
            .await
            .unwrap()
            .is_empty()
    );
    // The address matches whatever the spacing or case of the house number.
    let same_address = tx
        .possible_duplicates(
            &[],
            &eenplan_domain::family::Postcode::parse("3562jw").unwrap(),
            " 12 ",
        )
        .await
        .unwrap();
    assert_eq!(same_address.len(), 1);

    // The leading organisation with its general phone number, journaled.
    let lokalis = p.sanne.1.clone();
    tx.set_organisation_phone(
        &actor(),
        &lokalis,
        Some(&Phone::parse("030-123 45 67").unwrap()),
    )
    .await
    .unwrap();
    let leads = tx
        .lead_organisations(std::slice::from_ref(&jansen))
        .await
        .unwrap();
    assert_eq!(leads[&jansen].id, lokalis);
    assert_eq!(leads[&jansen].phone.as_deref(), Some("030-123 45 67"));
    assert!(matches!(
        tx.set_organisation_phone(&actor(), &OrganisationId::from("geen"), None).await,
        Err(StoreError::NotFound(_))
    ));

    // A duplicate check from outside the circle: the rate limit's memory and the signal.
    let probe = AccessEntry {
        event: DUPLICATE_CHECK_EVENT,
        granted: false,
        basis: None,
        user_id: p.thomas.0.to_string(),
        organisation_id: p.thomas.1.to_string(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(jansen.to_string()),
        data: "POST /gezinnen/nieuw: possible duplicate of a new file".into(),
        client_address: "127.0.0.1".into(),
    };
    let before =
        UtcTime::from_timestamp(UtcTime::now().timestamp() - jiff::SignedDuration::from_mins(1));
    tx.log_access(&probe).await.unwrap();
    tx.log_access(&probe).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.read().await.unwrap();
    assert_eq!(
        tx.duplicate_probes_since(&p.thomas.0, before)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(
        tx.duplicate_probes_since(&p.sanne.0, before)
            .await
            .unwrap()
            .is_empty()
    );
    let (signals, total) = tx
        .duplicate_signals(&p.sanne.0, None, before, 10)
        .await
        .unwrap();
    assert_eq!((signals.len(), total), (2, 2));
    // A shorter list says how many there are in all.
    let (newest, total) = tx
        .duplicate_signals(&p.sanne.0, None, before, 1)
        .await
        .unwrap();
    assert_eq!((newest.len(), total), (1, 2));
    assert_eq!(newest[0], signals[0]);
    assert_eq!(signals[0].family_label, "Gezin Jansen");
    assert_eq!(signals[0].organisation_name, "SAVE");
    // The regisseur's team lead sees them too; someone else does not.
    let team = p.overvecht_team.clone();
    assert_eq!(
        tx.duplicate_signals(&p.joyce.0, Some(&team), before, 10)
            .await
            .unwrap()
            .1,
        2
    );
    assert!(
        tx.duplicate_signals(&p.mohamed.0, None, before, 10)
            .await
            .unwrap()
            .0
            .is_empty()
    );
    drop(tx);

    // A privacy officer is no care role: refused as a partner, nothing written.
    let mut tx = store.write().await.unwrap();
    let officer = tx
        .create_user(
            &Actor::System { component: "test" },
            NewUser {
                email: Email::parse("privacy@lokalis.example").unwrap(),
                name: PersonName::parse("Privacy").unwrap(),
                organisation_id: lokalis.clone(),
                team_id: None,
                roles: vec![Role::PrivacyOfficer],
                password_hash: "-".into(),
                totp_secret: TotpSecret::from_bytes([1; 20]),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    let refused = tx
        .add_involvement(
            &actor(),
            &jansen,
            NewInvolvement {
                role: InvolvementRole::Partner,
                organisation_id: lokalis.to_string(),
                user_id: officer.id.to_string(),
                expertise: None,
                takes_over: None,
                reason: None,
            },
        )
        .await;
    assert!(matches!(
        refused,
        Err(StoreError::Involvement(InvolvementError::NotACareRole))
    ));
    drop(tx);
    let family = store
        .read()
        .await
        .unwrap()
        .family(&jansen)
        .await
        .unwrap()
        .unwrap();
    assert!(!family.involvements.iter().any(|i| i.user_id == officer.id));
    store.close().await;
    db
}
