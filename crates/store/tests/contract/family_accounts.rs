//! On every backend: a family account (issue 17 §1) is invited with a one-time code kept
//! only as its hash, activated once within its term, signs in through its own sessions,
//! and is revoked or blocked by the regisseur, each step journaled.

use eenplan_domain::UtcTime;
use eenplan_domain::enrolment::code_hash;
use eenplan_domain::family::MemberKind;
use eenplan_domain::family_account::{INVITATION_VALIDITY, InvitationState};
use eenplan_domain::totp::TotpSecret;
use eenplan_store::{FamilyStage, StoreError};

use crate::family::{actor, open, people};
use crate::support::TestDb;

const CODE: &str = "K7QM-3XRT-ABCD-EFGH";

pub async fn family_accounts_invite_activate_sign_in_revoke_and_block(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Jansen", "1").await;
    let mut r = store.read().await.unwrap();
    let members = r.family(&family).await.unwrap().unwrap().members;
    drop(r);
    let kim = members
        .iter()
        .find(|m| m.kind == MemberKind::Parent)
        .unwrap()
        .id
        .clone();
    let family = family.to_string();
    let sanne = p.sanne.0.to_string();

    // The member as inviting reads them; another family's member is not found.
    let mut tx = store.write().await.unwrap();
    let member = tx.invitable_member(&family, &kim).await.unwrap().unwrap();
    assert_eq!(member.kind, MemberKind::Parent);
    assert!(tx.invitable_member("elders", &kim).await.unwrap().is_none());
    let now = UtcTime::now();
    let expires = UtcTime::from_timestamp(now.timestamp() + INVITATION_VALIDITY);
    let first = tx
        .invite_family_member(&actor(), &sanne, (&family, &kim), &code_hash("OUDE-CODE-0000-0000"), expires, false)
        .await
        .unwrap();
    // A second invitation replaces the open one.
    let second = tx
        .invite_family_member(&actor(), &sanne, (&family, &kim), &code_hash(CODE), expires, true)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut r = store.read().await.unwrap();
    let listed = r.family_accounts(&family).await.unwrap();
    assert_eq!(listed.len(), 2);
    let by_id = |id: &str| listed.iter().find(|a| a.id == id).unwrap().clone();
    assert_eq!(by_id(&first).invitation(now), InvitationState::Revoked);
    assert_eq!(by_id(&second).invitation(now), InvitationState::Open);
    assert!(by_id(&second).by_mail);
    // Only the hash is kept: the code itself is nowhere in the row.
    let typed = r.family_invitation(&code_hash("k7qm 3xrt abcd efgh")).await.unwrap();
    assert_eq!(typed.unwrap().id, second);
    drop(r);

    // Activation: password and secret first, then the linked app makes it work.
    let secret = TotpSecret::from_bytes([3; 20]);
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.begin_family_activation(&code_hash("OUDE-CODE-0000-0000"), "kim@thuis.example", "hash", &secret, now).await,
        Err(StoreError::NotFound(_))
    ), "a revoked code opens nothing");
    let account = tx
        .begin_family_activation(&code_hash(CODE), "kim@thuis.example", "hash", &secret, now)
        .await
        .unwrap();
    assert_eq!(account, second);
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    let c = r.family_credentials("kim@thuis.example").await.unwrap().unwrap();
    assert!(!c.usable, "not before the app is linked");
    assert!(r.family_principal(&account).await.unwrap().is_none());
    drop(r);
    let mut tx = store.write().await.unwrap();
    tx.activate_family_account(&account, UtcTime::now()).await.unwrap();
    assert!(matches!(
        tx.activate_family_account(&account, UtcTime::now()).await,
        Err(StoreError::NotFound(_))
    ), "once");
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(r.family_credentials("kim@thuis.example").await.unwrap().unwrap().usable);
    let principal = r.family_principal(&account).await.unwrap().unwrap();
    assert_eq!((principal.name.as_str(), principal.family_id.as_str()), ("Kim Jansen", family.as_str()));
    let used = r.family_invitation(&code_hash(CODE)).await.unwrap().unwrap();
    assert_eq!(used.invitation(UtcTime::now()), InvitationState::Used);
    drop(r);
    // The same code cannot start a second activation.
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.begin_family_activation(&code_hash(CODE), "ander@thuis.example", "hash", &secret, UtcTime::now()).await,
        Err(StoreError::NotFound(_))
    ));
    drop(tx);

    // Sessions: a TOTP step counts once; a full sign-in is journaled.
    let mut tx = store.write().await.unwrap();
    assert!(tx.accept_family_totp_step(&account, 100).await.unwrap());
    assert!(!tx.accept_family_totp_step(&account, 100).await.unwrap());
    tx.start_family_session(&account, FamilyStage::SecondFactor, "half", "csrf").await.unwrap();
    let half = tx.family_session("half").await.unwrap().unwrap();
    tx.complete_family_sign_in(&half, "heel", "csrf2").await.unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(r.family_session("half").await.unwrap().unwrap().ended);
    let whole = r.family_session("heel").await.unwrap().unwrap();
    assert_eq!((whole.stage, whole.ended), (FamilyStage::Active, false));
    drop(r);

    // Already active: not invited again; blocked: sessions end, no principal.
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.invite_family_member(&actor(), &sanne, (&family, &kim), &code_hash("NOG-EEN"), expires, false).await,
        Err(StoreError::Duplicate(_))
    ));
    drop(tx);
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.revoke_family_invitation(&actor(), &family, &account).await,
        Err(StoreError::NotFound(_))
    ), "an account is blocked, not revoked");
    drop(tx);
    let mut tx = store.write().await.unwrap();
    tx.block_family_account(&actor(), &family, &account).await.unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert!(r.family_session("heel").await.unwrap().unwrap().ended);
    assert!(r.family_principal(&account).await.unwrap().is_none());
    assert!(!r.family_credentials("kim@thuis.example").await.unwrap().unwrap().usable);
    drop(r);

    // An expired invitation cannot be redeemed.
    let mut tx = store.write().await.unwrap();
    let past = UtcTime::from_timestamp(now.timestamp() - jiff::SignedDuration::from_secs(1));
    tx.invite_family_member(&actor(), &sanne, (&family, &kim), &code_hash("VERL-OPEN-0000-0000"), past, false)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.begin_family_activation(&code_hash("VERL-OPEN-0000-0000"), "kim2@thuis.example", "hash", &secret, UtcTime::now()).await,
        Err(StoreError::NotFound(_))
    ));
    drop(tx);

    let journal = store.read().await.unwrap().journal_page(0, 500).await.unwrap();
    let kinds: Vec<&str> = journal.iter().map(|e| e.kind.as_str()).collect();
    for kind in [
        "family_member_invited",
        "family_invitation_revoked",
        "family_account_activated",
        "family_member_signed_in",
        "family_account_blocked",
    ] {
        assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
    }
    // The code never reaches the journal.
    assert!(journal.iter().all(|e| !e.payload.contains("K7QM") && !e.payload.contains(&code_hash(CODE))));
    store.close().await;
    db
}
