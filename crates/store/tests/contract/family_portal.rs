//! On every backend: a family member's read is logged as theirs (sealed with the family
//! actor, the chain intact), and the family's "who looked" reads only professionals'
//! granted lines, newest first, with the organisation's kind and whether an emergency
//! access was reviewed.

use eenplan_domain::UtcTime;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::AccessEntry;

use crate::family::{actor, open, people};
use crate::support::TestDb;

fn line(user: &str, organisation: &str, family: &str, basis: AccessBasis) -> AccessEntry {
    AccessEntry {
        event: AccessEvent::Read,
        granted: true,
        basis: Some(basis),
        user_id: user.into(),
        organisation_id: organisation.into(),
        role: "professional".into(),
        on_behalf_of: None,
        family_id: Some(family.into()),
        data: "GET /gezinnen/{family}/plan".into(),
        client_address: "192.0.2.1".into(),
    }
}

pub async fn family_reads_are_the_members_and_who_looked_is_the_professionals(
    db: TestDb,
) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let jansen = open(&store, &p, "Jansen", "1").await;
    let family = jansen.to_string();
    let (sanne, lokalis) = (p.sanne.0.to_string(), p.sanne.1.to_string());
    let (thomas, save) = (p.thomas.0.to_string(), p.thomas.1.to_string());

    let mut tx = store.write().await.unwrap();
    tx.log_access(&line(&sanne, &lokalis, &family, AccessBasis::Involved))
        .await
        .unwrap();
    let mut refused = line(&thomas, &save, &family, AccessBasis::Involved);
    (refused.granted, refused.basis) = (false, None);
    tx.log_access(&refused).await.unwrap();
    tx.break_glass(
        &actor(),
        &jansen,
        (&p.thomas.0, &p.thomas.1),
        "Melding over direct gevaar, nu nagaan",
        false,
        UtcTime::now(),
    )
    .await
    .unwrap();
    tx.log_access(&line(&thomas, &save, &family, AccessBasis::Emergency))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    store
        .log_access(AccessEntry::family_read(
            "account-1",
            &family,
            "GET /mijn-gezin/inzage".into(),
            "192.0.2.9",
        ))
        .await
        .unwrap();

    let report = store.verify_access_log(None).await.unwrap();
    assert!(report.chain.is_intact(), "{report:?}");
    let mut r = store.read().await.unwrap();
    let all = r.access_log_for(&jansen).await.unwrap();
    assert_eq!(all[0].3, "family:account-1", "the member's read, newest");

    let looked = r.portal_access_lines(&jansen, 10).await.unwrap();
    let seen: Vec<(&str, Option<AccessBasis>, Option<bool>)> = looked
        .iter()
        .map(|l| (l.user_id.as_str(), l.basis, l.emergency_reviewed))
        .collect();
    assert_eq!(
        seen,
        [
            (thomas.as_str(), Some(AccessBasis::Emergency), Some(false)),
            (sanne.as_str(), Some(AccessBasis::Involved), None),
        ],
        "no refused line, no family member's read"
    );
    assert_eq!(looked[0].organisation_kind, OrganisationKind::CertifiedInstitution);
    assert_eq!(looked[1].organisation_kind, OrganisationKind::LocalTeam);
    assert_eq!(r.portal_access_lines(&jansen, 1).await.unwrap().len(), 1);
    let emergency = r.emergencies(true).await.unwrap();
    drop(r);

    let mut tx = store.write().await.unwrap();
    tx.review_emergency(&actor(), &emergency[0].id, &p.sanne.0, "Terecht: direct gevaar")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let looked = r.portal_access_lines(&jansen, 10).await.unwrap();
    assert_eq!(looked[0].emergency_reviewed, Some(true));
    drop(r);
    store.close().await;
    db
}
