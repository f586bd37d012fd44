//! Case notes: writing, changing within a day, correcting with a reason after.

use crate::flows::family::ops;
use crate::flows::family::texts::{FamilyTexts, family_texts};
use crate::kit::form_status;
use askama::Template;
use axum::response::Response;
use eenplan_domain::family::{Interaction, NoteError};
use eenplan_store::{NoteContent, StoreError};

use super::*;
use crate::kit::dates::{dutch_date, when};
use crate::kit::form::{ChoiceField, FormData, Input, TextField, choices, label_of, text_errors};
use crate::kit::i18n::Texts;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Shell, render};

struct NoteView {
    id: String,
    heading: String,
    text: String,
    earlier: Vec<String>,
    editable: bool,
    open: bool,
    inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "family/notes.html")]
struct NotesPage {
    x: &'static FamilyTexts,
    shell: Shell,
    nav: crate::auth::family_nav::SubNav,
    family_id: String,
    label: String,
    summary: ErrorSummary,
    inputs: Vec<Input>,
    notes: Vec<NoteView>,
}

/// A notes form coming back with errors: the new-note form (`note: None`) or a change.
struct NoteReturn {
    note: Option<String>,
    data: FormData,
    errors: Errors,
}

async fn notes_page(fam: &FamilyCtx, back: Option<NoteReturn>) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let ft = family_texts(lang);
    let p = fam.principal()?;
    let (family, notes) = file_and(fam, async |tx| tx.notes(family_id).await).await?;
    let interaction =
        |i: Interaction| label_of(lang, i, Interaction::label_nl, Interaction::label_en);
    let empty = FormData(vec![]);
    let new_data = back
        .as_ref()
        .filter(|b| b.note.is_none())
        .map_or(&empty, |b| &b.data);
    let new_err = |id: &str| {
        back.as_ref()
            .filter(|b| b.note.is_none())
            .and_then(|b| b.errors.get(id).copied())
    };
    let happened = new_data.get("happened_on");
    let inputs = vec![
        Input::Select(ChoiceField {
            id: "interaction",
            label: ft.f_interaction,
            options: choices(
                Interaction::ALL,
                |i| i.code().into(),
                |i| interaction(*i),
                &new_data.get("interaction"),
            ),
            error: None,
        }),
        Input::Text(
            TextField::new(
                "happened_on",
                ft.f_happened_on,
                if happened.is_empty() { "" } else { &happened },
                new_err("happened_on"),
            )
            .kind("date"),
        ),
        Input::Text(
            TextField::new(
                "text",
                ft.f_note_text,
                &new_data.raw("text"),
                new_err("text"),
            )
            .kind("textarea"),
        ),
    ];
    let views: Vec<NoteView> = notes
        .iter()
        .filter_map(|n| {
            let current = n.current()?;
            let returned = back
                .as_ref()
                .filter(|b| b.note.as_deref() == Some(n.id.as_str()));
            let err = |id: &str| returned.and_then(|b| b.errors.get(id).copied());
            // A field of this note's change form, as typed when it came back.
            let field = |id: &'static str, label, stored: String| {
                let value = returned.map_or(stored, |b| b.data.raw(id));
                TextField::new(id, label, &value, err(id)).suffix(&n.id)
            };
            let mark = if current.correction {
                format!(" ({})", ft.corrected)
            } else {
                String::new()
            };
            Some(NoteView {
                id: n.id.clone(),
                heading: format!(
                    "{} · {} · {}{mark}",
                    dutch_date(lang, current.happened_on),
                    interaction(current.interaction),
                    n.author_name
                ),
                text: current.text.clone(),
                earlier: n
                    .versions
                    .iter()
                    .rev()
                    .skip(1)
                    .map(|v| {
                        format!(
                            "{} — {}{}",
                            when(lang, &v.saved_at),
                            v.text,
                            v.reason
                                .as_ref()
                                .map(|r| format!(" ({r})"))
                                .unwrap_or_default()
                        )
                    })
                    .collect(),
                editable: n.author_id == p.user_id,
                open: returned.is_some(),
                inputs: vec![
                    field(
                        "happened_on",
                        ft.f_happened_on,
                        current.happened_on.to_string(),
                    )
                    .kind("date"),
                    field("text", ft.f_note_text, current.text.clone()).kind("textarea"),
                    field("reason", ft.f_correction_reason, String::new()),
                ]
                .into_iter()
                .map(Input::Text)
                .collect(),
            })
        })
        .collect();
    let has_errors = back.as_ref().is_some_and(|b| !b.errors.is_empty());
    let summary = views
        .iter()
        .fold(ErrorSummary::of_inputs(lang, &inputs), |s, v| {
            s.with_inputs(&v.inputs)
        });
    let page = NotesPage {
        x: family_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/notities")),
        nav: crate::auth::family_nav::sub_nav(fam, "/notities", &family.label),
        family_id: family_id.to_string(),
        label: family.label,
        summary,
        inputs,
        notes: views,
    };
    Ok(render(form_status(!has_errors), &page))
}

pub async fn notes(fam: FamilyCtx) -> Result<Response, PageError> {
    notes_page(&fam, None).await
}

/// Reads a note form; the date must be a date, the rest is the domain's to judge.
fn note_content(
    t: &Texts,
    data: &FormData,
    interaction: Option<Interaction>,
    errs: &mut Errors,
) -> Option<NoteContent> {
    let happened_on = parse_date(&data.get("happened_on")).or_else(|| {
        errs.insert("happened_on", t.err_date);
        None
    });
    let interaction = interaction
        .or_else(|| data.get("interaction").parse().ok())
        .unwrap_or(Interaction::Other);
    happened_on.map(|happened_on| NoteContent {
        interaction,
        happened_on,
        text: data.raw("text"),
    })
}

pub async fn write_note(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let mut errs = Errors::new();
    if let Some(content) = note_content(lang.texts(), &data, None, &mut errs) {
        let write = async |tx: &mut Tx| {
            tx.write_note(&p.actor(), fam.family_id(), &p.user_id, content)
                .await
        };
        if let Some(done) = settle(&fam, "/notities", &mut errs, write, place(lang)).await? {
            return Ok(done);
        }
    }
    let back = NoteReturn {
        note: None,
        data,
        errors: errs,
    };
    notes_page(&fam, Some(back)).await
}

pub async fn change_note(
    fam: FamilyCtx,
    axum::extract::Path((_, note_id)): axum::extract::Path<(String, String)>,
    data: FormData,
) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let t = lang.texts();
    let mut errs = text_errors(&data, t, &["happened_on", "text", "reason"]);
    let current = async { fam.store().read().await?.notes(fam.family_id()).await }
        .await?
        .into_iter()
        .find(|n| n.id == note_id)
        .ok_or_else(PageError::not_found)?;
    let interaction = current.current().map(|v| v.interaction);
    if let Some(content) = note_content(t, &data, interaction, &mut errs) {
        let reason = data.get("reason");
        let reason = Some(reason.as_str()).filter(|r| !r.is_empty());
        let change = async |tx: &mut Tx| {
            ops::change_note(tx, p, fam.family_id(), &note_id, content, reason).await
        };
        let refused = |e, errs: &mut Errors| match e {
            StoreError::Note(NoteError::NotAuthor) => Err(PageError::forbidden()),
            e => place(lang)(e, errs),
        };
        if let Some(done) = settle(&fam, "/notities", &mut errs, change, refused).await? {
            return Ok(done);
        }
    }
    let back = NoteReturn {
        note: Some(note_id),
        data,
        errors: errs,
    };
    notes_page(&fam, Some(back)).await
}
