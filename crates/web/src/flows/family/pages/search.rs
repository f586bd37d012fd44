//! The families list: every file in the visitor's circle, a page at a time (keyset,
//! `kit::paging`), with the total, sorting and filters, and finding a file by name,
//! date of birth or postcode.

use crate::flows::family::schemas::first_name;
use crate::flows::family::texts::{FamilyTexts, family_texts};
use askama::Template;
use axum::extract::{Query, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::{Framework, InvolvementRole, Postcode, age_on};
use eenplan_domain::text::{TextKind, check_text};
use eenplan_store::{FamilyFilter, FamilyQuery, FamilyRow, FamilySort, FileState, MyRole};
use serde::Deserialize;

use super::*;
use crate::auth::family::visible_family_page;
use crate::kit::Ctx;
use crate::kit::dates::dutch_date;
use crate::kit::form::{Choice, ChoiceField, Errors, Input, TextField};
use crate::kit::paging::{DEFAULT_LIMIT, decode, link_to};
use crate::kit::{PageError, Shell, render};

/// A list row as the page shows it: Dutch words and dates only.
pub struct Row {
    id: String,
    label: String,
    children: String,
    regisseur: String,
    framework: &'static str,
    next_due: String,
}

#[derive(Template)]
#[template(path = "family/search.html")]
struct SearchPage {
    x: &'static FamilyTexts,
    shell: Shell,
    inputs: Vec<Input>,
    rows: Vec<Row>,
    total: String,
    cursor_error: Option<&'static str>,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    geboortedatum: String,
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    kader: String,
    #[serde(default)]
    gebied: String,
    #[serde(default)]
    rol: String,
    /// Active files unless asked: "afgesloten" or "alle".
    #[serde(default)]
    status: String,
    #[serde(default)]
    sortering: String,
    cursor: Option<String>,
}

/// The sort a page asks for, and the tag its cursors carry.
fn page_sort(s: &str) -> (FamilySort, &'static str) {
    match s {
        "datum" => (FamilySort::NextDue, "due"),
        _ => (FamilySort::Name, "name"),
    }
}

fn page_state(s: &str) -> FileState {
    match s {
        "afgesloten" => FileState::Closed,
        "alle" => FileState::All,
        _ => FileState::Active,
    }
}

fn page_role(s: &str) -> Option<MyRole> {
    match s {
        "team" => Some(MyRole::LeadsTeam),
        r => r.parse::<InvolvementRole>().ok().map(MyRole::Involved),
    }
}

fn choices(selected: &str, options: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

fn row(lang: Lang, f: &FamilyRow, today: Date, x: &FamilyTexts) -> Row {
    let children = f
        .children
        .iter()
        .map(|(name, born)| match born {
            Some(b) => format!("{} ({})", first_name(name), years(x, age_on(*b, today))),
            None => first_name(name).to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    Row {
        id: f.id.to_string(),
        label: f.label.clone(),
        children,
        regisseur: f
            .regisseur
            .clone()
            .unwrap_or_else(|| x.no_regisseur.to_owned()),
        framework: crate::kit::form::kind_label(
            lang,
            f.framework,
            Framework::label_nl,
            Framework::label_en,
        ),
        // A closed file has nothing due: the column says since when it is closed.
        next_due: match (f.closed_on, f.next_due_on) {
            (Some(on), _) => x.closed_on.replace("{on}", &dutch_date(lang, on)),
            (None, Some(d)) => dutch_date(lang, d),
            (None, None) => x.nothing_due.to_owned(),
        },
    }
}

/// "7 jaar", and "1 jaar" for one.
fn years(x: &FamilyTexts, n: i16) -> String {
    if n == 1 {
        x.one_year.to_owned()
    } else {
        x.n_years.replace("{n}", &n.to_string())
    }
}

pub async fn search(
    ctx: Ctx,
    RawQuery(raw): RawQuery,
    Query(q): Query<SearchQuery>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, x) = (lang.texts(), family_texts(lang));
    let mut errs = Errors::new();
    // The search term is copied into the access log: short, one line, no control codes.
    if let Err(p) = check_text(TextKind::Search, &q.naam) {
        errs.insert("naam", crate::input::page_message(t, p));
    }
    let dob = if q.geboortedatum.trim().is_empty() {
        None
    } else {
        birth_date(
            &q.geboortedatum,
            ("geboortedatum", t.err_date),
            t,
            &mut errs,
        )
    };
    let postcode = if q.postcode.trim().is_empty() {
        None
    } else {
        Postcode::parse(&q.postcode)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok()
    };
    let sort = page_sort(&q.sortering);
    let seek = decode(q.cursor.as_deref(), sort.1);
    let cursor_error = seek.is_err().then_some(x.err_cursor);
    let filter = FamilyFilter {
        query: FamilyQuery {
            name: q.naam.clone(),
            date_of_birth: dob,
            postcode,
        },
        framework: q.kader.parse::<Framework>().ok(),
        area_id: Some(q.gebied.clone()).filter(|a| !a.is_empty()),
        role: page_role(&q.rol),
        state: page_state(&q.status),
    };
    // What was refused is not copied into the log: only that a search was refused.
    let logged = if errs.is_empty() {
        format!(
            "name={:?} birth={:?} postcode={:?}",
            q.naam, q.geboortedatum, q.postcode
        )
    } else {
        "refused input".to_owned()
    };
    let (page, total) = match (&seek, errs.is_empty()) {
        (Ok(seek), true) => {
            let (page, total) =
                visible_family_page(&ctx.state, p, &filter, sort, seek, DEFAULT_LIMIT).await?;
            (Some(page), total)
        }
        _ => (None, 0),
    };
    let shown = page.as_ref().map_or(0, |p| p.items.len());
    log(
        &ctx,
        p,
        eenplan_domain::access_log::AccessEvent::Search,
        None,
        format!("{logged} results={shown}"),
    )
    .await?;
    let areas = ctx.store().read().await?.areas().await?;
    let today = today();
    let link = |c: &Option<String>| c.as_ref().map(|c| link_to("/gezinnen", raw.as_deref(), c));
    let (rows, previous, next) = match &page {
        Some(page) => (
            page.items.iter().map(|f| row(lang, f, today, x)).collect(),
            link(&page.previous),
            link(&page.next),
        ),
        None => (Vec::new(), None, None),
    };
    let any = || (String::new(), x.any.to_owned());
    let inputs = vec![
        Input::Text(TextField::new(
            "naam",
            x.f_family_name,
            &q.naam,
            errs.get("naam").copied(),
        )),
        Input::Text(
            TextField::new(
                "geboortedatum",
                t.f_birth_date,
                &q.geboortedatum,
                errs.get("geboortedatum").copied(),
            )
            .kind("date"),
        ),
        Input::Text(TextField::new(
            "postcode",
            t.f_postcode,
            &q.postcode,
            errs.get("postcode").copied(),
        )),
        Input::Select(ChoiceField {
            id: "kader",
            label: x.f_framework_filter,
            options: choices(
                &q.kader,
                std::iter::once(any()).chain(Framework::ALL.iter().map(|f| {
                    (
                        f.code().to_owned(),
                        crate::kit::form::label_of(
                            lang,
                            *f,
                            Framework::label_nl,
                            Framework::label_en,
                        ),
                    )
                })),
            ),
            error: None,
        }),
        Input::Select(ChoiceField {
            id: "gebied",
            label: x.f_area_filter,
            options: choices(
                &q.gebied,
                std::iter::once(any()).chain(areas.iter().map(|a| (a.id.clone(), a.name.clone()))),
            ),
            error: None,
        }),
        Input::Select(ChoiceField {
            id: "rol",
            label: x.f_role_filter,
            options: choices(
                &q.rol,
                [
                    any(),
                    ("regisseur".to_owned(), x.role_regisseur.to_owned()),
                    ("partner".to_owned(), x.role_partner.to_owned()),
                    ("team".to_owned(), x.role_team.to_owned()),
                ],
            ),
            error: None,
        }),
        Input::Select(ChoiceField {
            id: "status",
            label: x.f_state_filter,
            options: choices(
                match page_state(&q.status) {
                    FileState::Active => "",
                    FileState::Closed => "afgesloten",
                    FileState::All => "alle",
                },
                [
                    (String::new(), x.state_active.to_owned()),
                    ("afgesloten".to_owned(), x.state_closed.to_owned()),
                    ("alle".to_owned(), x.any.to_owned()),
                ],
            ),
            error: None,
        }),
        Input::Select(ChoiceField {
            id: "sortering",
            label: x.f_sort,
            options: choices(
                if q.sortering == "datum" {
                    "datum"
                } else {
                    "naam"
                },
                [
                    ("naam".to_owned(), x.sort_name.to_owned()),
                    ("datum".to_owned(), x.sort_due.to_owned()),
                ],
            ),
            error: None,
        }),
    ];
    let status = if cursor_error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        crate::kit::form_status(errs.is_empty())
    };
    let total = if total == 1 {
        x.one_family.to_owned()
    } else {
        x.n_families.replace("{n}", &total.to_string())
    };
    Ok(render(
        status,
        &SearchPage {
            x,
            shell: ctx.shell("/gezinnen"),
            inputs,
            rows,
            total,
            cursor_error,
            previous,
            next,
        },
    ))
}
