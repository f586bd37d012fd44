//! The privacy officer's view of the access log (NEN 7513) with filters (the CSV export
//! is in `export.rs`), and the review of every emergency access.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::OrganisationId;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::role::Role;
use eenplan_domain::text::check_text;
use eenplan_domain::time::amsterdam_day_start;
use eenplan_store::{AccessFilter, AccessLine, Emergency, StoreError};
use jiff::civil::Date;

use super::texts::{PrivacyTexts, privacy};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::kit::access_texts::touched;
use crate::kit::dates::when;
use crate::kit::form::{FormData, Input, TextField, code_label, kind_label, yes_box};
use crate::kit::paging::{self, PageNav};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::visitor::Visitor;
use crate::kit::{Ctx, Lang, PageError, Shell, render};
use eenplan_domain::text::parse_date;

/// The export and the family's overview hold the whole log they ask for.
pub(super) const EXPORT_LINES: i64 = 1_000_000;
/// The tags the two lists' cursors carry, and the parameter that pages the review
/// list (the log pages by `cursor`), so moving through one keeps the other in place.
const LOG_SORT: &str = "log";
const REVIEW_SORT: &str = "nood";
const REVIEW_CURSOR: &str = "noodcursor";

#[derive(Template)]
#[template(path = "privacy/privacy.html")]
struct PrivacyPage {
    shell: Shell,
    x: &'static PrivacyTexts,
    emergencies: Vec<Review>,
    review_nav: PageNav,
    inputs: Vec<Input>,
    lines: Vec<LogRow>,
    nav: PageNav,
    /// A link to another page of one of the lists that no longer leads anywhere.
    bad_cursor: bool,
    query: String,
    /// A review someone else recorded first: the message and the note typed.
    conflict: Option<(&'static str, String)>,
    summary: ErrorSummary,
}

/// An emergency access to review, with its note as typed and the message at it.
struct Review {
    e: Emergency,
    /// From when until when, as a person reads it.
    from: String,
    until: String,
    /// When it was reviewed, as a person reads it; `None` while it waits for a review.
    reviewed: Option<String>,
    note: String,
    error: Option<&'static str>,
}

/// A review that could not be recorded, shown again with the page.
enum Refused {
    /// At the note of this emergency access (422).
    Note {
        emergency_id: String,
        note: String,
        error: &'static str,
    },
    /// Someone else reviewed it first (409).
    Reviewed { note: String },
}

/// An access-log line as a person reads it: a Dutch date and time, the event, outcome
/// and basis in words.
struct LineInWords {
    at: String,
    event: &'static str,
    outcome: &'static str,
    basis: &'static str,
    /// What was touched, in words; the route and its codes stay in the log and export.
    data: String,
}

fn in_words(lang: Lang, l: &AccessLine) -> LineInWords {
    let x = privacy(lang);
    LineInWords {
        at: when(lang, &l.at),
        event: kind_label(lang, l.event, AccessEvent::label_nl, AccessEvent::label_en),
        outcome: if l.outcome == "granted" {
            x.outcome_granted
        } else {
            x.outcome_denied
        },
        basis: match l.basis {
            Some(b) => kind_label(lang, b, AccessBasis::label_nl, AccessBasis::label_en),
            None if l.by_family_member && l.outcome == "granted" => x.basis_own_file,
            None => x.basis_none,
        },
        data: touched(lang, &l.data),
    }
}

/// Who caused a line, as a person reads it: a professional with their organisation (and,
/// with `roles`, their roles), or a family member by their name in the file and the
/// portal they used. Never the account behind a family member's line.
fn who(lang: Lang, l: &AccessLine, roles: bool) -> String {
    let x = privacy(lang);
    if l.by_family_member {
        let name = if l.user_name.is_empty() {
            x.family_member_unnamed
        } else {
            l.user_name.as_str()
        };
        return fill(x.by_family_member, &[("name", name)]);
    }
    if roles {
        format!(
            "{} ({}; {})",
            l.user_name,
            l.organisation_name,
            roles_in_words(lang, &l.role)
        )
    } else {
        format!("{} ({})", l.user_name, l.organisation_name)
    }
}

/// The roles a log line stores as codes (`professional,team_lead`), as their names.
fn roles_in_words(lang: Lang, roles: &str) -> String {
    roles
        .split(',')
        .filter_map(|r| r.trim().parse::<Role>().ok())
        .map(|r| code_label(lang, r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row of the privacy officer's table.
struct LogRow {
    at: String,
    event: &'static str,
    outcome: &'static str,
    basis: &'static str,
    user: String,
    family_id: String,
    data: String,
    client_address: String,
}

/// A filter date as typed: the date field's value, or the Dutch way where a browser
/// shows a plain text field.
pub(super) fn day(data: &FormData, field: &str) -> Option<Date> {
    parse_date(&data.get(field))
}

/// The filter from the query string, always within the officer's own organisation's
/// part of the log (`policy::privacy_officer_sees`). Dates are Dutch calendar days,
/// "until" inclusive.
pub(super) fn filter(data: &FormData, limit: i64, visitor: &Visitor) -> AccessFilter {
    AccessFilter {
        family_id: data.get("dossier"),
        user_email: data.get("gebruiker"),
        organisation_id: data.get("organisatie"),
        from: day(data, "vanaf").map(amsterdam_day_start),
        until: day(data, "tot")
            .and_then(|d| d.tomorrow().ok())
            .map(amsterdam_day_start),
        emergency_only: !data.all("nood").is_empty(),
        denied_only: !data.all("geweigerd").is_empty(),
        limit,
        // A page without an officer behind it (never, under the route's policy) sees
        // nothing rather than everything.
        scope_organisation: visitor
            .principal
            .as_ref()
            .map_or_else(|| "-".to_owned(), |p| p.organisation_id.to_string()),
    }
}

fn own_organisation(visitor: &Visitor) -> OrganisationId {
    visitor
        .principal
        .as_ref()
        .map_or_else(|| OrganisationId::from("-"), |p| p.organisation_id.clone())
}

pub async fn show(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    privacy_page(&ctx, query.unwrap_or_default(), None).await
}

async fn privacy_page(
    ctx: &Ctx,
    query: String,
    refused: Option<Refused>,
) -> Result<Response, PageError> {
    let (lang, t, visitor) = (ctx.lang, ctx.t(), &ctx.visitor);
    let x = privacy(lang);
    let data = FormData::parse(&Bytes::from(query.clone()));
    let raw = (!query.is_empty()).then_some(query.as_str());
    let log_seek = paging::decode(Some(&data.get("cursor")), LOG_SORT);
    let review_seek = paging::decode(Some(&data.get(REVIEW_CURSOR)), REVIEW_SORT);
    let bad_cursor = log_seek.is_err() || review_seek.is_err();
    let limit = paging::DEFAULT_LIMIT;
    let officer = own_organisation(visitor);
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        let f = filter(&data, limit, visitor);
        let lines = match &log_seek {
            Ok(seek) => tx.access_log_page(&f, seek, limit + 1).await?,
            Err(_) => Vec::new(),
        };
        let total = tx.access_log_count(&f).await?;
        let emergencies = match &review_seek {
            Ok(seek) => tx.emergencies_page(&officer, seek, limit + 1).await?,
            Err(_) => Vec::new(),
        };
        let counts = tx.emergency_counts(&officer).await?;
        Ok::<_, StoreError>((lines, total, emergencies, counts))
    };
    let (lines, total, emergencies, (all_reviews, open_reviews)) = loaded.await?;
    let log_page = paging::window(
        lines,
        limit,
        log_seek.as_ref().unwrap_or(&eenplan_store::Seek::First),
        LOG_SORT,
        |(_, k)| k.clone(),
    );
    let review_page = paging::window(
        emergencies,
        limit,
        review_seek.as_ref().unwrap_or(&eenplan_store::Seek::First),
        REVIEW_SORT,
        |(_, k)| k.clone(),
    );
    let nav = PageNav::new(lang, &log_page, lines_in_words(x, total), "/privacy", raw);
    let review_nav = PageNav::with_param(
        lang,
        &review_page,
        reviews_in_words(x, all_reviews, open_reviews),
        "/privacy",
        raw,
        REVIEW_CURSOR,
    );
    let lines = log_page
        .items
        .iter()
        .map(|(l, _)| {
            let w = in_words(lang, l);
            LogRow {
                at: w.at,
                event: w.event,
                outcome: w.outcome,
                basis: w.basis,
                user: who(lang, l, true),
                family_id: l.family_id.clone().unwrap_or_default(),
                data: w.data,
                client_address: l.client_address.clone(),
            }
        })
        .collect();
    let emergencies: Vec<Emergency> = review_page.items.into_iter().map(|(e, _)| e).collect();
    let text = |id: &'static str, label: &'static str| {
        Input::Text(TextField::new(id, label, &data.get(id), None))
    };
    let date = |id: &'static str, label: &'static str| {
        Input::Text(TextField::new(id, label, &data.get(id), None).kind("date"))
    };
    let status = match &refused {
        None => StatusCode::OK,
        Some(Refused::Note { .. }) => StatusCode::UNPROCESSABLE_ENTITY,
        Some(Refused::Reviewed { .. }) => StatusCode::CONFLICT,
    };
    let summary = match &refused {
        Some(Refused::Note {
            emergency_id,
            error,
            ..
        }) => ErrorSummary::new(lang).item(&format!("note-{emergency_id}"), error),
        _ => ErrorSummary::new(lang),
    };
    let emergencies = emergencies
        .into_iter()
        .map(|e| match &refused {
            Some(Refused::Note {
                emergency_id,
                note,
                error,
            }) if *emergency_id == e.id => Review {
                from: when(lang, &e.started_at),
                until: when(lang, &e.expires_at),
                reviewed: e.reviewed_at.as_deref().map(|at| when(lang, at)),
                e,
                note: note.clone(),
                error: Some(*error),
            },
            _ => Review {
                from: when(lang, &e.started_at),
                until: when(lang, &e.expires_at),
                reviewed: e.reviewed_at.as_deref().map(|at| when(lang, at)),
                e,
                note: String::new(),
                error: None,
            },
        })
        .collect();
    let status = if bad_cursor && status == StatusCode::OK {
        StatusCode::BAD_REQUEST
    } else {
        status
    };
    Ok(render(
        status,
        &PrivacyPage {
            shell: ctx.shell("/privacy"),
            x,
            emergencies,
            inputs: vec![
                text("dossier", x.f_family_id),
                text("gebruiker", x.f_user_email),
                text("organisatie", t.f_organisation),
                date("vanaf", x.f_from),
                date("tot", x.f_to),
                yes_box("nood", x.f_emergency_only, &data),
                yes_box("geweigerd", x.f_denied_only, &data),
            ],
            review_nav,
            lines,
            nav,
            bad_cursor,
            conflict: match refused {
                Some(Refused::Reviewed { note }) => Some((x.err_reviewed_meanwhile, note)),
                _ => None,
            },
            query,
            summary,
        },
    ))
}

/// The log's total in words: "1 regel", "312 regels".
fn lines_in_words(x: &PrivacyTexts, n: usize) -> String {
    if n == 1 {
        x.log_one_line.to_owned()
    } else {
        x.log_n_lines.replace("{n}", &n.to_string())
    }
}

/// The review list's total in words, with how many still wait for a review.
fn reviews_in_words(x: &PrivacyTexts, all: usize, open: usize) -> String {
    if all == 0 {
        return x.no_emergencies.to_owned();
    }
    x.emergencies_n
        .replace("{n}", &all.to_string())
        .replace("{open}", &open.to_string())
}

pub async fn review(
    ctx: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response, PageError> {
    let (p, t) = (ctx.principal()?, ctx.t());
    let note = form.raw("note");
    // Only the emergency accesses in the officer's own part: another is not found.
    let in_scope = async {
        let mut tx = ctx.store().read().await?;
        tx.emergency_in_scope(&id, &p.organisation_id).await
    };
    if in_scope.await?.is_none() {
        return Err(PageError::not_found());
    }
    if let Err(problem) = check_text(crate::input::field_kind("note"), &note) {
        let refused = Refused::Note {
            emergency_id: id,
            note,
            error: crate::input::page_message(t, problem),
        };
        return privacy_page(&ctx, String::new(), Some(refused)).await;
    }
    let reviewed = ctx
        .store()
        .change(async |tx| {
            tx.review_emergency(&p.actor(), &id, &p.user_id, &note)
                .await
        })
        .await;
    let refused = match reviewed {
        Ok(()) => return Ok(Redirect::to("/privacy").into_response()),
        Err(StoreError::Invalid(_)) => Refused::Note {
            emergency_id: id,
            note,
            error: t.err_required,
        },
        // Reviewed by someone else in between, or no such emergency access at all.
        Err(StoreError::NotFound(_)) => {
            let known = async { ctx.store().read().await?.emergencies(false).await };
            if !known.await?.iter().any(|e| e.id == id) {
                return Err(PageError::not_found());
            }
            Refused::Reviewed { note }
        }
        Err(e) => return Err(e.into()),
    };
    privacy_page(&ctx, String::new(), Some(refused)).await
}

// ---- the family's access overview ----

#[derive(Template)]
#[template(path = "privacy/access.html")]
struct FamilyAccessPage {
    shell: Shell,
    x: &'static PrivacyTexts,
    nav: SubNav,
    label: String,
    lines: Vec<[String; 6]>,
}

/// Who looked at or changed the family's file, in words a family reads: what the
/// regisseur or the privacy officer prints or shows when the family asks (AVG art. 15,
/// NEN 7513). Emergency access is marked as such.
pub async fn family_view(fam: FamilyCtx) -> Result<Response, PageError> {
    let lang = fam.lang;
    let loaded = async {
        let mut tx = fam.store().read().await?;
        let family = tx.family(fam.family_id()).await?;
        let lines = tx
            .access_log(&AccessFilter {
                family_id: fam.family_id().to_string(),
                limit: EXPORT_LINES,
                ..AccessFilter::default()
            })
            .await?;
        Ok::<_, StoreError>((family, lines))
    };
    let (Some(family), lines) = loaded.await? else {
        return Err(PageError::not_found());
    };
    let lines = lines
        .iter()
        .map(|l| {
            let w = in_words(lang, l);
            [
                w.at,
                who(lang, l, false),
                w.event.to_owned(),
                w.data,
                w.basis.to_owned(),
                w.outcome.to_owned(),
            ]
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &FamilyAccessPage {
            shell: fam.shell(&format!("/gezinnen/{}/inzage", family.id)),
            x: privacy(lang),
            nav: sub_nav(&fam, "/inzage", &family.label),
            label: family.label,
            lines,
        },
    ))
}
