//! The public pages for frightened people and hesitant professionals: `/spoed` (whom to
//! call, right now) and `/meldcode` (the Meldcode's decision aid). Each answer is a GET
//! link to the next question.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::crisis::{CrisisClient, CrisisError, Province, crisis_contact};
use eenplan_domain::meldcode::{self, Advice, Next};
use serde::Deserialize;

use super::texts::{CrisisTexts, crisis};
use crate::kit::crisis::{Call, Number, call};
use crate::kit::form::label_of;
use crate::kit::{Ctx, Lang, Shell, render};

/// One choice: the label and the query string it leads to.
pub struct Choice {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SpoedQuery {
    gevaar: Option<String>,
    client: Option<String>,
    provincie: Option<String>,
}

#[derive(Template)]
#[template(path = "crisis/spoed.html")]
struct SpoedPage {
    shell: Shell,
    x: &'static CrisisTexts,
    /// Veilig Thuis's number, always on the page.
    vt: Number,
    question: Option<&'static str>,
    choices: Vec<Choice>,
    answer: Option<Call>,
    worker_fallback: bool,
}

pub async fn spoed(ctx: Ctx, Query(q): Query<SpoedQuery>) -> Response {
    let lang = ctx.lang;
    let (t, x) = (ctx.t(), crisis(lang));
    let danger = match q.gevaar.as_deref() {
        Some("ja") => Some(true),
        Some("nee") => Some(false),
        _ => None,
    };
    let client = q
        .client
        .as_deref()
        .and_then(|c| c.parse::<CrisisClient>().ok());
    let province = q
        .provincie
        .as_deref()
        .and_then(|p| p.parse::<Province>().ok());
    let page = |question, choices, answer: Option<Call>, worker_fallback| {
        render(
            StatusCode::OK,
            &SpoedPage {
                shell: ctx.shell("/spoed"),
                x,
                vt: Number::veilig_thuis(),
                question,
                choices,
                answer,
                worker_fallback,
            },
        )
    };
    let Some(danger) = danger else {
        return page(
            Some(t.crisis_q_danger),
            vec![
                Choice {
                    label: x.yes.into(),
                    href: "?gevaar=ja".into(),
                },
                Choice {
                    label: x.no.into(),
                    href: "?gevaar=nee".into(),
                },
            ],
            None,
            false,
        );
    };
    let client = match (danger, client) {
        (true, c) => c.unwrap_or(CrisisClient::None),
        (false, Some(c)) => c,
        (false, None) => {
            let choices = CrisisClient::ALL
                .iter()
                .map(|c| Choice {
                    label: match c {
                        CrisisClient::None => x.crisis_no_client.to_owned(),
                        _ => label_of(lang, *c, CrisisClient::label_nl, CrisisClient::label_en),
                    },
                    href: format!("?gevaar=nee&client={}", c.code()),
                })
                .collect();
            return page(Some(x.crisis_q_client), choices, None, false);
        }
    };
    match crisis_contact(
        danger,
        client,
        province,
        UtcTime::now(),
        &Calendar::default(),
    ) {
        Ok(a) => {
            let fallback = a.phone.is_none();
            page(None, Vec::new(), Some(call(lang, &a, None)), fallback)
        }
        Err(CrisisError::ProvinceNeeded) => {
            let choices = Province::ALL
                .iter()
                .map(|p| Choice {
                    label: label_of(lang, *p, Province::label_nl, Province::label_en),
                    href: format!(
                        "?gevaar=nee&client={}&provincie={}",
                        client.code(),
                        p.code()
                    ),
                })
                .collect();
            page(Some(x.crisis_q_province), choices, None, false)
        }
    }
}

// ---- the Meldcode ----

#[derive(Debug, Default, Deserialize)]
pub struct MeldcodeQuery {
    /// The answers so far: one `j` or `n` per question.
    a: Option<String>,
}

#[derive(Template)]
#[template(path = "crisis/meldcode.html")]
struct MeldcodePage {
    shell: Shell,
    x: &'static CrisisTexts,
    /// Veilig Thuis's number, for advice and reports.
    vt: Number,
    steps: &'static [&'static str; 5],
    question: Option<(usize, &'static str)>,
    yes_href: String,
    no_href: String,
    back_href: Option<String>,
    advice: Option<(String, &'static str)>,
}

fn advice_text(x: &'static CrisisTexts, a: Advice) -> &'static str {
    match a {
        Advice::CloseAndRecord => x.meldcode_advice_close,
        Advice::OrganiseHelp => x.meldcode_advice_help,
        Advice::Report => x.meldcode_advice_report,
    }
}

pub async fn meldcode(ctx: Ctx, Query(q): Query<MeldcodeQuery>) -> Response {
    let lang = ctx.lang;
    let x = crisis(lang);
    let (steps, questions) = match lang {
        Lang::Nl => (&meldcode::STEPS_NL, &meldcode::QUESTIONS_NL),
        Lang::En => (&meldcode::STEPS_EN, &meldcode::QUESTIONS_EN),
    };
    // Anything but j/n is not an answer: the walk starts over rather than guess.
    let given = q.a.filter(|a| a.chars().all(|c| c == 'j' || c == 'n'));
    let (question, advice) = match &given {
        None => (None, None),
        Some(a) => {
            let answers: Vec<bool> = a.chars().map(|c| c == 'j').collect();
            match meldcode::next(&answers) {
                Next::Question(i) => (Some((i + 1, questions[i])), None),
                Next::Advice(adv) => (
                    None,
                    Some((
                        label_of(lang, adv, Advice::label_nl, Advice::label_en),
                        advice_text(x, adv),
                    )),
                ),
            }
        }
    };
    let so_far = given.clone().unwrap_or_default();
    let back_href = given.as_ref().map(|a| {
        let mut prev = a.clone();
        prev.pop();
        if a.is_empty() {
            "/meldcode".to_owned()
        } else {
            format!("?a={prev}")
        }
    });
    render(
        StatusCode::OK,
        &MeldcodePage {
            shell: ctx.shell("/meldcode"),
            x,
            vt: Number::veilig_thuis(),
            steps,
            question,
            yes_href: format!("?a={so_far}j"),
            no_href: format!("?a={so_far}n"),
            back_href,
            advice,
        },
    )
}
