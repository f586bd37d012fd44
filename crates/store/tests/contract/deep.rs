//! `verify --deep`: every kind of edit made behind eenplan's back
//! in a covered table is named with its table, key and journal entry, on every backend.

use eenplan_domain::FamilyId;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{Interaction, NetworkRelation};
use eenplan_domain::journal::deep::{DESTROYED_PAYLOAD, DeepFinding};
use eenplan_store::{NetworkDetails, NoteContent, SessionKind, SessionStage, Store};
use jiff::civil::date;

use crate::consent::consent_to;
use crate::family::{People, actor, open, people, sample_plan};
use crate::support::TestDb;

/// A family with every covered kind of record: members, network, the regisseur's
/// involvement, a consent, a plan version with the family's agreement, a note and a
/// break of the glass; and an API token for Thomas.
async fn full_file(store: &Store, p: &People) -> FamilyId {
    let id = open(store, p, "Gezin Jansen", "12").await;
    let consent = consent_to(store, &id, &p.thomas.1, &p.sanne.0).await;
    assert!(!consent.is_empty());
    let mut tx = store.write().await.unwrap();
    tx.add_network_member(
        &actor(),
        &id,
        &NetworkDetails {
            name: "Oma Jansen".into(),
            relation: NetworkRelation::Family,
            safety_role: "haalt Sam van school".into(),
            contact: "06-00000000".into(),
        },
    )
    .await
    .unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &id, 0, &sample_plan())
        .await
        .unwrap();
    let kim = tx.family(&id).await.unwrap().unwrap().members[1].id.clone();
    tx.agree_plan(&actor(), &p.sanne.0, &id, 1, &[kim])
        .await
        .unwrap();
    tx.write_note(
        &actor(),
        &id,
        &p.sanne.0,
        NoteContent {
            interaction: Interaction::HomeVisit,
            happened_on: date(2026, 11, 20),
            text: "Huisbezoek: sfeer was gespannen".into(),
        },
    )
    .await
    .unwrap();
    tx.break_glass(
        &actor(),
        &id,
        (&p.mohamed.0, &p.mohamed.1),
        "Politie belt: Sam alleen thuis aangetroffen",
        false,
        UtcTime::now(),
    )
    .await
    .unwrap();
    let creds = tx.credentials_by_id(&p.thomas.0).await.unwrap().unwrap();
    tx.start_session(
        &creds,
        SessionKind::Api,
        SessionStage::Active,
        "a-real-token-hash",
        "csrf",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unexplained,
    Differs,
    Lacking,
    ContentDiffers,
}

fn kind(f: &DeepFinding) -> (Kind, &str, &str) {
    match f {
        DeepFinding::Unexplained { table, key } => (Kind::Unexplained, table, key),
        DeepFinding::Differs { table, key, .. } => (Kind::Differs, table, key),
        DeepFinding::Lacking { table, key, .. } => (Kind::Lacking, table, key),
        DeepFinding::ContentDiffers { table, key } => (Kind::ContentDiffers, table, key),
    }
}

pub async fn deep_verify_names_every_edit_behind_eenplans_back(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = full_file(&store, &p).await;
    let clean = store.verify_deep().await.unwrap();
    assert!(clean.is_intact(), "{:?}", clean.findings);
    assert!(clean.records >= 20, "{clean:?}");

    let one = async |sql: &str| {
        let mut r = store.read().await.unwrap();
        r.fetch_one(sql, vec![]).await.unwrap().text(0).unwrap()
    };
    let sam = one(&format!(
        "SELECT id FROM family_members WHERE family_id = '{id}' AND name = 'Sam Jansen'"
    ))
    .await;
    let kim = one(&format!(
        "SELECT id FROM family_members WHERE family_id = '{id}' AND name = 'Kim Jansen'"
    ))
    .await;
    let consent = one(&format!("SELECT id FROM consents WHERE family_id = '{id}'")).await;
    let network = one(&format!(
        "SELECT id FROM network_members WHERE family_id = '{id}'"
    ))
    .await;
    let note = one(&format!(
        "SELECT id FROM case_notes WHERE family_id = '{id}'"
    ))
    .await;
    let emergency = one(&format!(
        "SELECT id FROM emergency_access WHERE family_id = '{id}'"
    ))
    .await;
    let (sanne, thomas, thomas_org) = (&p.sanne.0, &p.thomas.0, &p.thomas.1);
    let plan = format!("{id}:1");

    // (what, SQL behind eenplan's back, the finding it must add)
    let edits: Vec<(&str, String, (Kind, &str, &str))> = vec![
        (
            "a member's name changed",
            format!("UPDATE family_members SET name = 'Sem Jansen' WHERE id = '{sam}'"),
            (Kind::Differs, "family_members", &sam),
        ),
        (
            "a consent's categories widened",
            format!("UPDATE consents SET categories = 'identity,plan,notes,network' WHERE id = '{consent}'"),
            (Kind::Differs, "consents", &consent),
        ),
        (
            "a child added to what a consent covers",
            format!("INSERT INTO consent_people (consent_id, member_id, part) VALUES ('{consent}', '{kim}', 'concerns')"),
            (Kind::Differs, "consent_people", &consent),
        ),
        (
            "an involvement inserted that grants access",
            format!(
                "INSERT INTO involvements (id, family_id, role, organisation_id, user_id, started_at) \
                 VALUES ('forged-involvement', '{id}', 'partner', '{thomas_org}', '{thomas}', '2026-11-23T08:00:00Z')"
            ),
            (Kind::Unexplained, "involvements", "forged-involvement"),
        ),
        (
            "the framework switched",
            format!("UPDATE families SET framework = 'court_order' WHERE id = '{id}'"),
            (Kind::Differs, "families", id.as_str()),
        ),
        (
            "a plan version's content rewritten",
            format!("UPDATE plan_versions SET content = replace(content, 'Harde ruzies', 'Geen zorgen') WHERE family_id = '{id}'"),
            (Kind::Differs, "plan_versions", &plan),
        ),
        (
            "the family's agreement deleted",
            format!("DELETE FROM plan_agreements WHERE family_id = '{id}'"),
            (Kind::Lacking, "plan_agreements", &plan),
        ),
        (
            "a note's text rewritten",
            format!("UPDATE case_note_versions SET text = 'Niets aan de hand' WHERE note_id = '{note}'"),
            (Kind::Differs, "case_note_versions", &note),
        ),
        (
            "a network member deleted",
            format!("DELETE FROM network_members WHERE id = '{network}'"),
            (Kind::Lacking, "network_members", &network),
        ),
        (
            "a break of the glass marked as reviewed",
            format!("UPDATE emergency_access SET reviewed_at = '2026-11-24T08:00:00Z', review_note = 'in orde' WHERE id = '{emergency}'"),
            (Kind::Differs, "emergency_access", &emergency),
        ),
        (
            "a password hash swapped",
            format!("UPDATE users SET password_hash = '$argon2id$v=19$forged' WHERE id = '{sanne}'"),
            (Kind::Differs, "users", sanne.as_str()),
        ),
        (
            "a role added",
            format!("INSERT INTO user_roles (user_id, role) VALUES ('{sanne}', 'functional_admin')"),
            (Kind::Differs, "user_roles", sanne.as_str()),
        ),
        (
            "a second-factor secret swapped",
            format!("UPDATE users SET totp_secret = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = '{thomas}'"),
            (Kind::Differs, "users", thomas.as_str()),
        ),
        (
            "an API token planted",
            format!(
                "INSERT INTO sessions (token_hash, user_id, kind, stage, csrf_token, created_at, last_seen_at) \
                 VALUES ('planted-token-hash', '{thomas}', 'api', 'active', 'x', '2026-11-23T08:00:00Z', '2026-11-23T08:00:00Z')"
            ),
            (Kind::Unexplained, "sessions", "planted-token-hash"),
        ),
        (
            "an equated day inserted",
            "INSERT INTO statutory_days (day, reference, added_by) VALUES ('2026-12-07', 'Stcrt. 2026, 1', 'cli:root')".into(),
            (Kind::Unexplained, "statutory_days", "2026-12-07"),
        ),
        (
            "a seeded equated day deleted",
            "DELETE FROM statutory_days WHERE day = '2026-05-04'".into(),
            (Kind::Lacking, "statutory_days", "2026-05-04"),
        ),
    ];
    for (seen, (what, sql, expected)) in edits.iter().enumerate() {
        db.raw(sql).await.unwrap_or_else(|e| panic!("{what}: {e}"));
        let report = store.verify_deep().await.unwrap();
        assert_eq!(
            report.findings.len(),
            seen + 1,
            "{what}: {:?}",
            report.findings
        );
        assert!(
            report.findings.iter().any(|f| kind(f) == *expected),
            "{what}: expected {expected:?} in {:?}",
            report.findings
        );
    }
    // Positions a person can act on: table, key and the entry that recorded it.
    let report = store.verify_deep().await.unwrap();
    let lines: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "family_members {sam}: differs from what journal entry #"
        ))),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l == "involvements forged-involvement: no journal entry explains this row (inserted outside eenplan)"),
        "{lines:?}"
    );
    // The chains themselves were not touched: only the deep check sees any of this.
    assert!(store.verify_journal(None).await.unwrap().is_intact());
    store.close().await;
    // The suite's closing check of every test would find these edits again: hand it a
    // fresh database.
    let backend = db.backend;
    db.cleanup().await;
    TestDb::new(backend).await
}

/// A retention rule destroys an old file: its rows are deleted and its entries'
/// payloads replaced. The chains stay intact and the deep check counts, not reports,
/// what can no longer be proven; a file next to it is still checked in full.
pub async fn deep_verify_counts_what_retention_destroyed(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let old = open(&store, &p, "Gezin de Vries", "14").await;
    let kept = open(&store, &p, "Gezin Jansen", "12").await;
    db.disable_journal_protection().await;
    db.raw(&format!(
        "UPDATE journal SET payload = '{DESTROYED_PAYLOAD}' WHERE subject_type = 'family' AND subject_id = '{old}';
         UPDATE family_members SET name = 'vernietigd' WHERE family_id = '{old}';"
    ))
    .await
    .unwrap();
    let chain = store.verify_journal(None).await.unwrap();
    assert!(chain.is_intact(), "{:?}", chain.findings);
    assert_eq!(chain.destroyed, 4, "{chain:?}");
    let report = store.verify_deep().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    // The family row, its two members and the regisseur's involvement.
    assert_eq!(report.unprovable_destroyed, 4, "{report:?}");
    db.raw(&format!(
        "UPDATE family_members SET name = 'Sem Jansen' WHERE family_id = '{kept}' AND name = 'Sam Jansen'"
    ))
    .await
    .unwrap();
    let report = store.verify_deep().await.unwrap();
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    store.close().await;
    let backend = db.backend;
    db.cleanup().await;
    TestDb::new(backend).await
}
