//! `verify --deep` over the family portal's tables (issue 17): family accounts and
//! their sessions, the portal's marks, the family's own plan additions and agreements,
//! copy and information requests, complaints. Each is written through the store, so an
//! untampered file verifies clean; each edit behind eenplan's back is then named.

use eenplan_domain::UtcTime;
use eenplan_domain::complaint::handling::Decision as ComplaintDecision;
use eenplan_domain::complaint::{ComplaintOutcome, Theme};
use eenplan_domain::enrolment::code_hash;
use eenplan_domain::family::{MemberKind, NewMember};
use eenplan_domain::family::portal::{Decision, InformationRequest, ItemKind, MarkKind};
use eenplan_domain::family_account::INVITATION_VALIDITY;
use eenplan_domain::journal::Actor;
use eenplan_domain::journal::deep::DeepFinding;
use eenplan_domain::totp::TotpSecret;
use eenplan_store::{FamilyStage, NewComplaint, NewMark, Store};
use jiff::civil::{Date, date};

use crate::family::{People, actor, open, people, sample_plan};
use crate::support::TestDb;

fn today() -> Date {
    eenplan_domain::time::amsterdam_date(UtcTime::now())
}

/// A family's member's id by name.
async fn member(store: &Store, family: &str, name: &str) -> String {
    let mut r = store.read().await.unwrap();
    r.family(&family.into())
        .await
        .unwrap()
        .unwrap()
        .members
        .into_iter()
        .find(|m| m.name == name)
        .unwrap()
        .id
}

/// An activated family account for `member`, signed in once (a journaled session).
async fn account(store: &Store, p: &People, family: &str, member: &str, code: &str) -> String {
    let now = UtcTime::now();
    let expires = UtcTime::from_timestamp(now.timestamp() + INVITATION_VALIDITY);
    let mut tx = store.write().await.unwrap();
    tx.invite_family_member(&actor(), p.sanne.0.as_str(), (family, member), &code_hash(code), expires, false)
        .await
        .unwrap();
    let account = tx
        .begin_family_activation(
            &code_hash(code),
            &format!("{member}@thuis.example"),
            "$argon2id$v=19$synthetic",
            &TotpSecret::from_bytes([5; 20]),
            now,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Halfway (credentials chosen, app not yet linked) nothing is unexplained: the
    // credentials are sealed from the activation on.
    let halfway = store.verify_deep().await.unwrap();
    assert!(halfway.is_intact(), "{:?}", halfway.findings);
    let mut tx = store.write().await.unwrap();
    tx.activate_family_account(&account, UtcTime::now()).await.unwrap();
    tx.start_family_session(&account, FamilyStage::Active, &format!("session-{account}"), "csrf")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    account
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unexplained,
    Differs,
    Lacking,
}

fn kind(f: &DeepFinding) -> Option<(Kind, &str, &str)> {
    match f {
        DeepFinding::Unexplained { table, key } => Some((Kind::Unexplained, table, key)),
        DeepFinding::Differs { table, key, .. } => Some((Kind::Differs, table, key)),
        DeepFinding::Lacking { table, key, .. } => Some((Kind::Lacking, table, key)),
        DeepFinding::ContentDiffers { .. } => None,
    }
}

/// The file verifies clean; then each edit, made with SQL behind eenplan's back, adds
/// exactly its own finding. Hands back a fresh database: the suite's closing check
/// would find the edits again.
async fn each_edit_is_named(db: TestDb, store: Store, edits: &[(&str, String, (Kind, &str, &str))]) -> TestDb {
    let clean = store.verify_deep().await.unwrap();
    assert!(clean.is_intact(), "{:?}", clean.findings);
    for (seen, (what, sql, expected)) in edits.iter().enumerate() {
        db.raw(sql).await.unwrap_or_else(|e| panic!("{what}: {e}"));
        let report = store.verify_deep().await.unwrap();
        assert_eq!(report.findings.len(), seen + 1, "{what}: {:?}", report.findings);
        assert!(
            report.findings.iter().any(|f| kind(f) == Some(*expected)),
            "{what}: expected {expected:?} in {:?}",
            report.findings
        );
    }
    assert!(store.verify_journal(None).await.unwrap().is_intact());
    store.close().await;
    let backend = db.backend;
    db.cleanup().await;
    TestDb::new(backend).await
}

pub async fn deep_verify_seals_family_accounts_and_their_sessions(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Jansen", "1").await.to_string();
    let kim = member(&store, &family, "Kim Jansen").await;
    let sam = member(&store, &family, "Sam Jansen").await;
    let kims = account(&store, &p, &family, &kim, "K7QM-3XRT-ABCD-EFGH").await;
    // A second invitation, revoked: its row stays, sealed as revoked.
    let mut tx = store.write().await.unwrap();
    let expires = UtcTime::from_timestamp(UtcTime::now().timestamp() + INVITATION_VALIDITY);
    let revoked = tx
        .invite_family_member(&actor(), p.sanne.0.as_str(), (&family, &sam), &code_hash("SAMS-CODE-0000-0000"), expires, false)
        .await
        .unwrap();
    tx.revoke_family_invitation(&actor(), &family, &revoked).await.unwrap();
    // The replay guard of the second factor moves at every sign-in, unjournaled by
    // design: it is left out and never a finding.
    tx.accept_family_totp_step(&kims, 4242).await.unwrap();
    tx.commit().await.unwrap();
    let edits = [
        (
            "an account's password hash swapped",
            format!("UPDATE family_accounts SET password_hash = '$argon2id$v=19$forged' WHERE id = '{kims}'"),
            (Kind::Differs, "family_accounts", kims.as_str()),
        ),
        (
            "a revoked invitation opened again with another code",
            format!("UPDATE family_accounts SET revoked_at = NULL, invitation_code_hash = 'forged' WHERE id = '{revoked}'"),
            (Kind::Differs, "family_accounts", revoked.as_str()),
        ),
        (
            "a family session planted",
            format!(
                "INSERT INTO family_sessions (token_hash, account_id, stage, csrf_token, created_at, last_seen_at) \
                 VALUES ('planted-family-token', '{kims}', 'active', 'x', '2026-11-23T08:00:00Z', '2026-11-23T08:00:00Z')"
            ),
            (Kind::Unexplained, "family_sessions", "planted-family-token"),
        ),
    ];
    each_edit_is_named(db, store, &edits).await
}

pub async fn deep_verify_seals_the_portal_s_marks(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Jansen", "1").await.to_string();
    let kim = member(&store, &family, "Kim Jansen").await;
    let sam = member(&store, &family, "Sam Jansen").await;
    let sanne = p.sanne.0.to_string();
    let mark = |kind, member: &str, reason: &str| NewMark {
        item_kind: ItemKind::PlanItem,
        item_ref: "0123456789abcdef".into(),
        kind,
        member_id: member.into(),
        reason: reason.into(),
    };
    let mut tx = store.write().await.unwrap();
    let hidden = tx
        .mark_portal_item(&actor(), &sanne, &family, &mark(MarkKind::Hidden, &kim, "Veilig adres"))
        .await
        .unwrap();
    let only = tx
        .mark_portal_item(&actor(), &sanne, &family, &mark(MarkKind::OnlyChild, &sam, ""))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let edits = [
        (
            "a 'niet zichtbaar voor' mark lifted",
            format!("UPDATE portal_marks SET ended_at = '2026-11-24T08:00:00Z', ended_by = '{sanne}' WHERE id = '{hidden}'"),
            (Kind::Differs, "portal_marks", hidden.as_str()),
        ),
        (
            "a 'gaat alleen over' mark deleted",
            format!("DELETE FROM portal_marks WHERE id = '{only}'"),
            (Kind::Lacking, "portal_marks", only.as_str()),
        ),
        (
            "a mark inserted",
            format!(
                "INSERT INTO portal_marks (id, family_id, item_kind, item_ref, kind, member_id, reason, by_user, at) \
                 VALUES ('forged-mark', '{family}', 'plan_item', 'ffff', 'hidden', '{kim}', 'zomaar', '{sanne}', '2026-11-24T08:00:00Z')"
            ),
            (Kind::Unexplained, "portal_marks", "forged-mark"),
        ),
    ];
    each_edit_is_named(db, store, &edits).await
}

pub async fn deep_verify_seals_the_family_s_plan_additions_and_agreements(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Jansen", "1").await;
    let family = id.to_string();
    let kim = member(&store, &family, "Kim Jansen").await;
    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &id, 0, &sample_plan()).await.unwrap();
    tx.commit().await.unwrap();
    let kims = account(&store, &p, &family, &kim, "K7QM-3XRT-ABCD-EFGH").await;
    let by_kim = Actor::Family { account_id: kims.clone() };
    let mut tx = store.write().await.unwrap();
    tx.add_family_plan_view(&by_kim, (&kim, &kims), &family, 1, ("6", "Het gaat iets beter"))
        .await
        .unwrap();
    tx.family_agree_plan(&by_kim, (&kim, &kims), &family, 1).await.unwrap();
    tx.commit().await.unwrap();
    let plan = format!("{family}:1");
    let edits = [
        (
            "the family's score raised",
            format!("UPDATE family_plan_additions SET score = 9 WHERE family_id = '{family}'"),
            (Kind::Differs, "family_plan_additions", plan.as_str()),
        ),
        (
            "the family's own agreement deleted",
            format!("DELETE FROM family_plan_agreements WHERE family_id = '{family}'"),
            (Kind::Lacking, "family_plan_agreements", plan.as_str()),
        ),
    ];
    each_edit_is_named(db, store, &edits).await
}

pub async fn deep_verify_seals_copy_and_information_requests(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Jansen", "1").await;
    let family = id.to_string();
    let kim = member(&store, &family, "Kim Jansen").await;
    let sam = member(&store, &family, "Sam Jansen").await;
    let mut tx = store.write().await.unwrap();
    tx.add_member(
        &actor(),
        &id,
        NewMember {
            kind: MemberKind::Parent,
            name: "Piet Jansen".into(),
            date_of_birth: None,
            has_custody: false,
        },
        date(2026, 11, 22),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let piet = member(&store, &family, "Piet Jansen").await;
    let kims = account(&store, &p, &family, &kim, "K7QM-3XRT-ABCD-EFGH").await;
    let mut tx = store.write().await.unwrap();
    let principal = tx.family_principal(&kims).await.unwrap().unwrap();
    let copy = tx.request_copy(&principal, "Alles graag", today(), today()).await.unwrap();
    let asked = tx
        .record_information_request(
            &actor(),
            &id,
            p.sanne.0.as_str(),
            &InformationRequest {
                asker: piet.clone(),
                child: sam.clone(),
                asked_on: today(),
                question: "Hoe gaat het op school?".into(),
            },
            today(),
        )
        .await
        .unwrap();
    tx.decide_information_request(
        &actor(),
        &id,
        &asked,
        p.sanne.0.as_str(),
        (&Decision::Inform { information: "Het gaat goed op school.".into() }, today()),
        today(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let edits = [
        (
            "a copy marked as handed over",
            format!("UPDATE copy_requests SET handed_over_on = '{}' WHERE id = '{copy}'", today()),
            (Kind::Differs, "copy_requests", copy.as_str()),
        ),
        (
            "the information given rewritten",
            format!("UPDATE information_requests SET information = 'Niets te melden' WHERE id = '{asked}'"),
            (Kind::Differs, "information_requests", asked.as_str()),
        ),
    ];
    each_edit_is_named(db, store, &edits).await
}

pub async fn deep_verify_seals_complaints_and_their_measures(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let lokalis = p.sanne.1.to_string();
    let new = NewComplaint {
        organisation_id: lokalis.clone(),
        professional_name: Some("Sanne".into()),
        what_happened: "Er werd niet teruggebeld.".into(),
        complainant_name: "A. de Vries".into(),
        contact_email: Some("a.devries@example.org".into()),
        contact_phone: None,
    };
    let received = date(2026, 12, 10);
    let officer = Actor::User {
        user_id: p.joyce.0.to_string(),
        organisation_id: lokalis.clone(),
    };
    let mut tx = store.write().await.unwrap();
    let decided = tx.file_complaint(&new, received).await.unwrap();
    let open = tx.file_complaint(&new, received).await.unwrap();
    let today = date(2027, 2, 10);
    tx.confirm_complaint_receipt(&officer, &lokalis, &decided.id, date(2026, 12, 11), today)
        .await
        .unwrap();
    tx.decide_complaint(
        &officer,
        &lokalis,
        &decided.id,
        ComplaintDecision {
            on: today,
            outcome: ComplaintOutcome::PartlyFounded,
            theme: Theme::Reachability,
            measures: vec!["Terugbellen binnen twee werkdagen".into()],
        },
        today,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let edits = [
        (
            "a decision's outcome changed",
            format!("UPDATE complaints SET outcome = 'unfounded' WHERE id = '{}'", decided.id),
            (Kind::Differs, "complaints", decided.id.as_str()),
        ),
        (
            "a measure rewritten",
            format!("UPDATE complaint_measures SET measure = 'Niets' WHERE complaint_id = '{}'", decided.id),
            (Kind::Differs, "complaint_measures", decided.id.as_str()),
        ),
        (
            "an open complaint's code hash swapped",
            format!("UPDATE complaints SET code_hash = 'forged' WHERE id = '{}'", open.id),
            (Kind::Differs, "complaints", open.id.as_str()),
        ),
    ];
    each_edit_is_named(db, store, &edits).await
}

/// A journal from before a table was covered: its entries name the record but carry
/// no seal of it (and a family member's sign-in carries no seal of its session). Counted
/// as not provable, not reported; the next change through eenplan seals the record.
pub async fn deep_verify_counts_records_written_before_their_table_was_sealed(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let family = open(&store, &p, "Jansen", "1").await.to_string();
    let kim = member(&store, &family, "Kim Jansen").await;
    let kims = account(&store, &p, &family, &kim, "K7QM-3XRT-ABCD-EFGH").await;
    let mut tx = store.write().await.unwrap();
    let mark = tx
        .mark_portal_item(
            &actor(),
            p.sanne.0.as_str(),
            &family,
            &NewMark {
                item_kind: ItemKind::PlanItem,
                item_ref: "0123456789abcdef".into(),
                kind: MarkKind::Hidden,
                member_id: kim.clone(),
                reason: "Veilig adres".into(),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // As an older eenplan wrote them: the entries without the mark's and the session's
    // seal.
    let journal = store.read().await.unwrap().journal_page(0, 1_000).await.unwrap();
    let mut rewrite = String::new();
    for (kind, name) in [
        ("portal_marked", format!("portal_marks/{mark}")),
        ("family_member_signed_in", format!("family_sessions/session-{kims}")),
    ] {
        let entry = journal.iter().find(|e| e.kind == kind).unwrap();
        let mut payload: serde_json::Value = serde_json::from_str(&entry.payload).unwrap();
        let seals = payload["$seals"].as_object_mut().unwrap();
        assert!(seals.remove(&name).is_some(), "{name}: {seals:?}");
        rewrite += &format!("UPDATE journal SET payload = '{payload}' WHERE seq = {};\n", entry.seq);
    }
    db.disable_journal_protection().await;
    db.raw(&rewrite).await.unwrap();
    let report = store.verify_deep().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!(report.unprovable_old, 2, "{report:?}");
    // Ended through eenplan: sealed from now on, so proven again.
    let mut tx = store.write().await.unwrap();
    tx.end_portal_mark(&actor(), &family, &mark, p.sanne.0.as_str()).await.unwrap();
    tx.commit().await.unwrap();
    let report = store.verify_deep().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!(report.unprovable_old, 1, "the session only: {report:?}");
    // Every other record of the family is still checked.
    db.raw(&format!("UPDATE family_accounts SET blocked_at = NULL, revoked_at = '2026-11-24T08:00:00Z' WHERE id = '{kims}'"))
        .await
        .unwrap();
    let report = store.verify_deep().await.unwrap();
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    store.close().await;
    let backend = db.backend;
    db.cleanup().await;
    TestDb::new(backend).await
}
