//! The public pages for frightened people and hesitant professionals: `/spoed` (whom to
//! call, right now) and `/meldcode` (the Meldcode's decision aid). No sign-in, no
//! JavaScript, nothing stored: each answer is a GET link to the next question.

use askama::Template;
use axum::Extension;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::crisis::{CrisisClient, CrisisError, Province, crisis_contact};
use eenplan_domain::meldcode::{self, Advice, Next};
use serde::Deserialize;

use super::{Shell, render};
use crate::auth::Visitor;
use crate::i18n::{Lang, Texts};

/// One choice: the label and the query string it leads to.
pub struct Choice {
    pub label: String,
    pub href: String,
}

pub use crate::kit::crisis::{Call, call};

#[derive(Debug, Default, Deserialize)]
pub struct SpoedQuery {
    gevaar: Option<String>,
    client: Option<String>,
    provincie: Option<String>,
}

#[derive(Template)]
#[template(path = "spoed.html")]
struct SpoedPage {
    shell: Shell,
    question: Option<&'static str>,
    choices: Vec<Choice>,
    answer: Option<Call>,
    worker_fallback: bool,
}

pub async fn spoed(
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Query(q): Query<SpoedQuery>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    let t = lang.texts();
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
                shell: Shell::new(&headers, &visitor, "/spoed"),
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
                    label: t.yes.into(),
                    href: "?gevaar=ja".into(),
                },
                Choice {
                    label: t.no.into(),
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
                        CrisisClient::None => t.crisis_no_client.to_owned(),
                        _ => kind(lang, c.label_nl(), c.label_en()),
                    },
                    href: format!("?gevaar=nee&client={}", c.code()),
                })
                .collect();
            return page(Some(t.crisis_q_client), choices, None, false);
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
                    label: kind(lang, p.label_nl(), p.label_en()),
                    href: format!(
                        "?gevaar=nee&client={}&provincie={}",
                        client.code(),
                        p.code()
                    ),
                })
                .collect();
            page(Some(t.crisis_q_province), choices, None, false)
        }
    }
}

fn kind(lang: Lang, nl: &str, en: &str) -> String {
    if lang == Lang::Nl { nl } else { en }.to_owned()
}

// ---- the Meldcode ----

#[derive(Debug, Default, Deserialize)]
pub struct MeldcodeQuery {
    /// The answers so far: one `j` or `n` per question.
    a: Option<String>,
}

#[derive(Template)]
#[template(path = "meldcode.html")]
struct MeldcodePage {
    shell: Shell,
    steps: &'static [&'static str; 5],
    question: Option<(usize, &'static str)>,
    yes_href: String,
    no_href: String,
    back_href: Option<String>,
    advice: Option<(String, &'static str)>,
}

fn advice_text(t: &Texts, a: Advice) -> &'static str {
    match a {
        Advice::CloseAndRecord => t.meldcode_advice_close,
        Advice::OrganiseHelp => t.meldcode_advice_help,
        Advice::Report => t.meldcode_advice_report,
    }
}

pub async fn meldcode(
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Query(q): Query<MeldcodeQuery>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    let t = lang.texts();
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
                        kind(lang, adv.label_nl(), adv.label_en()),
                        advice_text(t, adv),
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
            shell: Shell::new(&headers, &visitor, "/meldcode"),
            steps,
            question,
            yes_href: format!("?a={so_far}j"),
            no_href: format!("?a={so_far}n"),
            back_href,
            advice,
        },
    )
}
