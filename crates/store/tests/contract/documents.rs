//! Documents on a family file, on every backend: the content kept with its digest, the
//! list scoped by category, an end with a reason, destroying the content, and
//! `verify --deep` over the content.

use eenplan_domain::family::{DocumentCategory, DocumentError, DocumentType, content_digest};
use eenplan_store::{Backend, NewDocument, Seek, StoreError};

use crate::family::{actor, open, people, sample_plan};
use crate::support::TestDb;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n\xff\xfe binary tail";
const LIMIT: usize = 1024;

fn doc<'a>(category: DocumentCategory, title: &'a str, bytes: &'a [u8]) -> NewDocument<'a> {
    NewDocument {
        category,
        title,
        bytes,
        plan_version: None,
    }
}

pub async fn documents_keep_content_and_digest_and_scope_by_category(db: TestDb) -> TestDb {
    let store = db.open().await;
    let p = people(&store).await;
    let id = open(&store, &p, "Gezin Jansen", "12").await;
    let mut tx = store.write().await.unwrap();
    tx.save_plan(&actor(), &p.sanne.0, &id, 0, &sample_plan())
        .await
        .unwrap();
    let report = tx
        .attach_document(
            &actor(),
            &id,
            &p.sanne.0,
            doc(DocumentCategory::CourtDecision, " Beschikking OTS ", PDF),
            LIMIT,
        )
        .await
        .unwrap();
    let signed = tx
        .attach_document(
            &actor(),
            &id,
            &p.sanne.0,
            NewDocument {
                plan_version: Some(1),
                ..doc(DocumentCategory::SignedPlan, "Plan getekend", b"GIF89a..")
            },
            LIMIT,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(report.title, "Beschikking OTS");
    assert_eq!(report.kind, DocumentType::Pdf);
    assert_eq!(report.sha256, content_digest(PDF));
    assert_eq!(report.size, PDF.len() as i64);
    assert_eq!(signed.plan_version, Some(1));

    // Refused: a renamed HTML page, too large, no title, a plan version that is not
    // there; nothing of it is kept.
    let mut tx = store.write().await.unwrap();
    for (bytes, title, plan_version, refused) in [
        (
            &b"<html><script>x</script>"[..],
            "Rapport.pdf",
            None,
            "type",
        ),
        (&[b'%'; LIMIT + 1][..], "Groot", None, "size"),
        (PDF, "  ", None, "title"),
        (PDF, "Plan", Some(9), "plan version"),
    ] {
        let r = tx
            .attach_document(
                &actor(),
                &id,
                &p.sanne.0,
                NewDocument {
                    plan_version,
                    ..doc(DocumentCategory::SignedPlan, title, bytes)
                },
                LIMIT,
            )
            .await;
        match (refused, r) {
            ("type", Err(StoreError::Document(DocumentError::TypeNotAllowed)))
            | ("title", Err(StoreError::Document(DocumentError::NoTitle)))
            | ("plan version", Err(StoreError::NotFound(_))) => {}
            ("size", Err(StoreError::Document(DocumentError::TooLarge { limit }))) => {
                assert_eq!(limit, LIMIT);
            }
            (what, other) => panic!("{what}: {other:?}"),
        }
    }
    drop(tx);

    // The list holds what the reader's categories open, and no more.
    let mut r = store.read().await.unwrap();
    let (all, total) = r
        .documents(&id, DocumentCategory::ALL, &Seek::First, 10)
        .await
        .unwrap();
    assert_eq!(total, 2);
    assert_eq!(
        all.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        [report.id.as_str(), signed.id.as_str()]
    );
    let (plan_only, total) = r
        .documents(&id, &[DocumentCategory::SignedPlan], &Seek::First, 10)
        .await
        .unwrap();
    assert_eq!((plan_only.len(), total), (1, 1));
    assert_eq!(plan_only[0].id, signed.id);
    let (first, _) = r
        .documents(&id, DocumentCategory::ALL, &Seek::First, 1)
        .await
        .unwrap();
    assert_eq!(first.len(), 2, "one row more says there is a next page");
    assert_eq!(
        r.document_content(&id, &report.id).await.unwrap().as_deref(),
        Some(PDF)
    );
    let other = open(&store, &p, "Gezin de Boer", "14").await;
    assert_eq!(r.document(&other, &report.id).await.unwrap(), None);
    drop(r);

    // An end needs a reason and keeps the content; destroying empties it.
    let mut tx = store.write().await.unwrap();
    assert!(matches!(
        tx.end_document(&actor(), &id, &report.id, (&p.sanne.0, false), " ")
            .await,
        Err(StoreError::Document(DocumentError::NoReason))
    ));
    assert!(matches!(
        tx.end_document(&actor(), &id, &signed.id, (&p.thomas.0, false), "Weg")
            .await,
        Err(StoreError::Document(DocumentError::NotYours))
    ));
    tx.end_document(
        &actor(),
        &id,
        &signed.id,
        (&p.sanne.0, false),
        "Nieuwe versie getekend",
    )
    .await
    .unwrap();
    tx.destroy_document_content(
        &actor(),
        &id,
        &report.id,
        &p.joyce.0,
        "Bij het verkeerde gezin opgeslagen",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut r = store.read().await.unwrap();
    assert_eq!(r.document_content(&id, &report.id).await.unwrap(), None);
    assert!(r.document_content(&id, &signed.id).await.unwrap().is_some());
    let destroyed = r.document(&id, &report.id).await.unwrap().unwrap();
    assert_eq!(destroyed.sha256, content_digest(PDF));
    assert!(destroyed.destroyed_at.is_some() && destroyed.ended_at.is_some());

    // The journal holds metadata and digests, never a title or the content.
    let entries = r.journal_for_subject("family", id.as_str()).await.unwrap();
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e.kind.as_str())
        .filter(|k| k.starts_with("document_"))
        .collect();
    assert_eq!(
        kinds,
        [
            "document_attached",
            "document_attached",
            "document_ended",
            "document_destroyed"
        ]
    );
    for e in &entries {
        assert!(!e.payload.contains("Beschikking"), "{}", e.payload);
        assert!(!e.payload.contains("PDF-1.7"), "{}", e.payload);
    }
    assert!(
        entries
            .iter()
            .any(|e| e.kind == "document_destroyed" && e.payload.contains(&content_digest(PDF)))
    );
    drop(r);

    // verify --deep accepts the destroyed content and names changed bytes.
    let clean = store.verify_deep().await.unwrap();
    assert!(clean.is_intact(), "{:?}", clean.findings);
    let swap = match db.backend {
        Backend::Sqlite => format!(
            "UPDATE documents SET content = X'255044462D312E370A' WHERE id = '{}'",
            signed.id
        ),
        Backend::Postgres => format!(
            "UPDATE documents SET content = '\\x255044462d312e370a'::bytea WHERE id = '{}'",
            signed.id
        ),
    };
    db.raw(&swap).await.unwrap();
    let tampered = store.verify_deep().await.unwrap();
    assert_eq!(
        tampered.findings,
        [eenplan_domain::journal::deep::DeepFinding::ContentDiffers {
            table: "documents".into(),
            key: signed.id.clone(),
        }]
    );
    db.raw(&format!(
        "UPDATE documents SET title = 'Iets anders' WHERE id = '{}'",
        report.id
    ))
    .await
    .unwrap();
    let retitled = store.verify_deep().await.unwrap();
    assert!(
        retitled.findings.iter().any(|f| matches!(f,
            eenplan_domain::journal::deep::DeepFinding::Differs { table, key, .. }
                if table == "documents" && *key == report.id)),
        "{:?}",
        retitled.findings
    );
    // Put back as eenplan left it: the harness checks every test's database after it.
    let restore = match db.backend {
        Backend::Sqlite => format!(
            "UPDATE documents SET content = X'4749463839612E2E' WHERE id = '{}'",
            signed.id
        ),
        Backend::Postgres => format!(
            "UPDATE documents SET content = '\\x4749463839612e2e'::bytea WHERE id = '{}'",
            signed.id
        ),
    };
    db.raw(&restore).await.unwrap();
    db.raw(&format!(
        "UPDATE documents SET title = 'Beschikking OTS' WHERE id = '{}'",
        report.id
    ))
    .await
    .unwrap();
    assert!(store.verify_deep().await.unwrap().is_intact());
    store.close().await;
    db
}
