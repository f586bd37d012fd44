//! Case notes: edited, corrected, and every version kept.

use crate::common::{control_value, selected_option};
use crate::{ALL, Circle, api_token, circle, common, consent_to_save, open_file};
use axum::http::{Method, StatusCode};
use eenplan_domain::FamilyId;

/// A file with consent for SAVE that Thomas joined as partner; Sanne writes the notes.
struct Notes {
    c: Circle,
    id: String,
}

impl Notes {
    async fn new() -> Self {
        let c = circle().await;
        let id = open_file(&c).await;
        consent_to_save(&c, &id, ALL).await;
        {
            let mut b = c.app.signed_in_browser(&c.sanne).await;
            let csrf = b.get(&format!("/gezinnen/{id}")).await.csrf();
            b.post(
                &format!("/gezinnen/{id}/betrokkenen"),
                &[
                    ("csrf", &csrf),
                    ("user_id", c.thomas.user_id.as_str()),
                    ("role", "partner"),
                ],
            )
            .await;
        }
        Self { c, id }
    }

    fn path(&self, rest: &str) -> String {
        format!("/gezinnen/{}/{rest}", self.id)
    }

    /// `who` posts `fields` to `path`, with the csrf token of the notes page.
    async fn posts(
        &self,
        who: &common::Account,
        path: &str,
        fields: &[(&str, &str)],
    ) -> common::Response {
        let mut b = self.c.app.signed_in_browser(who).await;
        let csrf = b.get(&self.path("notities")).await.csrf();
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        b.post(path, &form).await
    }

    /// Sanne writes a note about a home visit on 20 November.
    async fn write(&self, text: &str) -> common::Response {
        self.posts(
            &self.c.sanne,
            &self.path("notities"),
            &[
                ("interaction", "home_visit"),
                ("happened_on", "2026-11-20"),
                ("text", text),
            ],
        )
        .await
    }

    async fn done(self) {
        self.c.app.done().await;
    }
}

/// Sanne's note in the file, built up step by step: each step is the setup the next
/// tests start from.
struct Note {
    f: Notes,
    note: String,
}

impl Note {
    /// Sanne wrote "Sfeer gespannen".
    async fn written() -> Self {
        let f = Notes::new().await;
        let r = f.write("Sfeer gespannen").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let note =
            f.c.app
                .store
                .read()
                .await
                .unwrap()
                .notes(&FamilyId::from(f.id.as_str()))
                .await
                .unwrap()[0]
                .id
                .clone();
        Self {
            f,
            note: note.to_string(),
        }
    }

    /// Within 24 hours, Sanne's edit.
    async fn edit(&self) -> common::Response {
        self.change(
            &self.f.c.sanne,
            "2026-11-20",
            "Sfeer gespannen, vader niet thuis",
            None,
        )
        .await
    }

    /// Sanne edited the note within 24 hours.
    async fn edited() -> Self {
        let n = Self::written().await;
        let r = n.edit().await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        n
    }

    /// The edited note was written more than 24 hours ago.
    async fn aged() -> Self {
        let n = Self::edited().await;
        let mut tx = n.f.c.app.store.write().await.unwrap();
        tx.execute(
            "UPDATE case_notes SET created_at = '2000-01-01T00:00:00.000000Z' WHERE id = $1",
            eenplan_store::params![&n.note],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        n
    }

    /// After 24 hours, Sanne's correction of the date, with `reason` if given.
    async fn correct(&self, reason: Option<&str>) -> common::Response {
        self.change(
            &self.f.c.sanne,
            "2026-11-19",
            "Huisbezoek was op 19 november",
            reason,
        )
        .await
    }

    /// Sanne corrected the aged note's date: "Datum klopte niet".
    async fn corrected() -> Self {
        let n = Self::aged().await;
        let r = n.correct(Some("Datum klopte niet")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        n
    }

    async fn change(
        &self,
        who: &common::Account,
        happened_on: &str,
        text: &str,
        reason: Option<&str>,
    ) -> common::Response {
        let mut fields = vec![("happened_on", happened_on), ("text", text)];
        if let Some(reason) = reason {
            fields.push(("reason", reason));
        }
        self.f
            .posts(
                who,
                &self.f.path(&format!("notities/{}", self.note)),
                &fields,
            )
            .await
    }

    fn api_path(&self, rest: &str) -> String {
        format!("/api/v1/families/{}/{rest}", self.f.id)
    }

    async fn done(self) {
        self.f.done().await;
    }
}

#[tokio::test]
async fn a_file_without_notes_says_so() {
    let f = Notes::new().await;
    let mut b = f.c.app.signed_in_browser(&f.c.sanne).await;
    let page = b.get(&f.path("notities")).await;
    assert!(page.body.contains("Nog geen notities"));
    f.done().await;
}

#[tokio::test]
async fn a_blank_note_is_refused_at_its_text() {
    let f = Notes::new().await;
    let r = f.write(" ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"text-error\""));
    f.done().await;
}

/// The refused note is also summed up at the top: a box that takes the focus, its
/// message a link to the text.
#[tokio::test]
async fn a_refused_note_is_summed_up_at_the_top_of_the_page() {
    let f = Notes::new().await;
    let r = f.write(" ").await;
    let summary = r
        .body
        .split("id=\"error-summary\"")
        .nth(1)
        .expect("an error summary")
        .split("</div>")
        .next()
        .unwrap_or("");
    assert!(
        summary.contains("autofocus") && summary.contains("href=\"#text\""),
        "{summary}"
    );
    f.done().await;
}

#[tokio::test]
async fn the_author_edits_a_note_within_a_day() {
    let n = Note::written().await;
    let r = n.edit().await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    n.done().await;
}

#[tokio::test]
async fn another_professional_sees_the_note_but_cannot_change_it() {
    let n = Note::edited().await;
    let c = &n.f.c;
    let mut thomas = c.app.signed_in_browser(&c.thomas).await;
    let theirs = thomas.get(&n.f.path("notities")).await;
    assert!(
        theirs.body.contains("Sfeer gespannen, vader niet thuis")
            && !theirs.body.contains(&format!("/notities/{}\"", n.note))
    );
    let r = n
        .change(&c.thomas, "2026-11-20", "overschreven", None)
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only the author changes a note"
    );
    n.done().await;
}

#[tokio::test]
async fn after_a_day_a_change_needs_a_reason() {
    let n = Note::aged().await;
    let note = &n.note;
    let r = n.correct(None).await;
    assert!(
        r.body.contains(&format!("id=\"reason-{note}-error\""))
            || r.body.contains("id=\"reason-error\"")
            || r.body.contains("geef de reden"),
        "{}",
        r.body
    );
    n.done().await;
}

#[tokio::test]
async fn a_correction_with_a_reason_keeps_the_earlier_versions() {
    let n = Note::aged().await;
    let r = n.correct(Some("Datum klopte niet")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut b = n.f.c.app.signed_in_browser(&n.f.c.sanne).await;
    let page = b.get(&n.f.path("notities")).await;
    assert!(
        page.body.contains("(gecorrigeerd)")
            && page.body.contains("Eerdere versies")
            && page.body.contains("Sfeer gespannen, vader niet thuis")
    );
    // The earlier versions say when they were saved as a person reads it.
    common::scan::assert_clean("the notes page", &page.body);
    n.done().await;
}

#[tokio::test]
async fn the_api_shows_every_version() {
    let n = Note::corrected().await;
    let auth = api_token(&n.f.c, &n.f.c.sanne).await;
    let notes =
        n.f.c
            .app
            .raw(Method::GET, &n.api_path("notes"), &auth, "")
            .await;
    assert_eq!(
        notes.json()["notes"][0]["versions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    n.done().await;
}

#[tokio::test]
async fn the_api_asks_a_reason_for_a_change_after_a_day() {
    let n = Note::corrected().await;
    let auth = api_token(&n.f.c, &n.f.c.sanne).await;
    let r =
        n.f.c
            .app
            .raw(
                Method::PUT,
                &n.api_path(&format!("notes/{}", n.note)),
                &auth,
                r#"{"interaction":"home_visit","happened_on":"2026-11-19","text":"nog eens"}"#,
            )
            .await;
    assert_eq!(
        (r.status, r.json()["invalidParams"][0]["name"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    n.done().await;
}

#[tokio::test]
async fn through_the_api_only_the_author_changes_a_note() {
    let n = Note::corrected().await;
    let c = &n.f.c;
    let auth = api_token(c, &c.sanne).await;
    let r = c
        .app
        .raw(
            Method::POST,
            &n.api_path("notes"),
            &auth,
            r#"{"interaction":"phone","happened_on":"2026-11-21","text":"Telefoon met school"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let thomas_auth = api_token(c, &c.thomas).await;
    let new_note = r.json()["id"].as_str().unwrap().to_owned();
    let r = c
        .app
        .raw(
            Method::PUT,
            &n.api_path(&format!("notes/{new_note}")),
            &thomas_auth,
            r#"{"interaction":"phone","happened_on":"2026-11-21","text":"anders"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    n.done().await;
}

#[tokio::test]
async fn the_timeline_names_a_correction_and_its_reason() {
    let n = Note::corrected().await;
    let mut b = n.f.c.app.signed_in_browser(&n.f.c.sanne).await;
    let timeline = b.get(&n.f.path("tijdlijn")).await;
    assert!(
        timeline
            .body
            .contains("corrigeerde een notitie: Datum klopte niet")
    );
    n.done().await;
}

#[tokio::test]
async fn refused_notes_come_back_as_typed() {
    let c = circle().await;
    let id = open_file(&c).await;
    let mut b = c.app.signed_in_browser(&c.sanne).await;
    let path = format!("/gezinnen/{id}/notities");
    let csrf = b.get(&path).await.csrf();
    let text = "Kim belde over de school.\nSam was niet ziek.";
    let r = b
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("interaction", "phone"),
                ("happened_on", "2999-01-01"),
                ("text", text),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::field_error(&r.body, "happened_on").as_deref(),
        Some("Deze datum ligt in de toekomst.")
    );
    assert_eq!(
        selected_option(&r.body, "interaction").as_deref(),
        Some("phone")
    );
    assert_eq!(
        control_value(&r.body, "happened_on").as_deref(),
        Some("2999-01-01")
    );
    assert_eq!(control_value(&r.body, "text").as_deref(), Some(text));
}
