//! SAVE op locatie's pages. `/save-op-locatie` shows each visitor their part: the
//! worker's on-site days with a walk-in form ([`worker`]), the team lead's schedule
//! with its forms ([`lead`]), the local professional's team days with the booking form
//! and their own consultations ([`local`]); [`show`] puts the parts on one page and
//! [`forms`] handles what its forms send.
//! `/save-op-locatie/overleg/{id}` is one consultation with the advice and cancel forms
//! ([`consultation`]).

mod consultation;
mod forms;
mod history;
mod lead;
mod local;
mod show;
mod slot;
mod worker;

use eenplan_domain::calendar::Calendar;
use eenplan_domain::save_on_site::{ConsultationResult, NextStep, OnSiteDay, PartOfDay};
use eenplan_store::{AdviceInput, OnSiteConsultation, StoreError};
use jiff::civil::Date;

use crate::kit::form::{
    self, Choice, ChoiceField, Errors, FormData, Input, TextField, code_label, code_select,
};
use crate::kit::i18n::Texts;
use crate::kit::{Lang, PageError, Refusal};

use super::texts::OnSiteTexts;

pub(super) use consultation::{advice, cancel, consultation};
pub(super) use forms::{add_slot, book, end_slot, walk_in};
pub(super) use history::{HISTORY_SORT, history};
pub(super) use show::show;
pub(super) use slot::{lead_cancel, slot};

/// What each part of `/save-op-locatie` is drawn with: the visitor's language with its
/// texts, today and the calendar of on-site days.
struct View {
    lang: Lang,
    t: &'static Texts,
    x: &'static OnSiteTexts,
    today: Date,
    cal: Calendar,
}

/// A form as it was sent, with its errors; both empty when it was not.
type Sent<'a> = (&'a FormData, &'a Errors);

/// One consultation in a list, in words.
struct Line {
    id: String,
    date: String,
    part: String,
    team: String,
    worker: String,
    asker: String,
    about: String,
    question: String,
    state: String,
    walk_in: bool,
}

fn weekday(lang: Lang, d: Date) -> String {
    let day = match d.weekday() {
        jiff::civil::Weekday::Monday => Some(OnSiteDay::Monday),
        jiff::civil::Weekday::Tuesday => Some(OnSiteDay::Tuesday),
        jiff::civil::Weekday::Wednesday => Some(OnSiteDay::Wednesday),
        jiff::civil::Weekday::Thursday => Some(OnSiteDay::Thursday),
        jiff::civil::Weekday::Friday => Some(OnSiteDay::Friday),
        _ => None,
    };
    let name = day.map_or_else(String::new, |d| code_label(lang, d));
    format!("{name} {}", crate::kit::dates::dutch_date(lang, d))
}

fn part(lang: Lang, p: PartOfDay) -> String {
    code_label(lang, p).to_lowercase()
}

fn line(lang: Lang, x: &OnSiteTexts, c: &OnSiteConsultation) -> Line {
    Line {
        id: c.id.clone(),
        date: weekday(lang, c.on),
        part: part(lang, c.part),
        team: c.team_name.clone(),
        worker: c.worker_name.clone(),
        asker: c.asked_by_name.clone(),
        about: c
            .family_label
            .clone()
            .unwrap_or_else(|| x.so_anonymous.to_owned()),
        question: c.question.clone(),
        state: code_label(lang, c.state),
        walk_in: c.walk_in,
    }
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// The form a render of `/save-op-locatie` keeps the submitted values and errors of.
enum Which {
    WalkIn,
    Slot,
    End(String),
    Booking,
}

/// The advice form's text fields, for the text rule.
const ADVICE_FIELDS: [&str; 7] = [
    "advice", "what_1", "who_1", "what_2", "who_2", "what_3", "who_3",
];

pub(super) const STEP_FIELDS: [(&str, &str); 3] = [
    ("what_1", "who_1"),
    ("what_2", "who_2"),
    ("what_3", "who_3"),
];

/// A change a form asked for and the rules refused: the message goes into `errs` at the
/// form field `at` gives for the rule's own field. Any other failure is the server's.
fn refused_at(
    e: StoreError,
    lang: Lang,
    errs: &mut Errors,
    at: impl Fn(&'static str) -> &'static str,
) -> Result<(), PageError> {
    let StoreError::SaveOnSite(e) = e else {
        return Err(e.into());
    };
    errs.insert(at(e.field().unwrap_or("advice")), e.text(lang));
    Ok(())
}

/// What the walk-in and the booking both ask last: about which family (one of `named`,
/// or none: anonymous) and the question.
fn family_and_question(
    x: &'static OnSiteTexts,
    named: impl IntoIterator<Item = Choice>,
    d: &FormData,
    errs: &Errors,
) -> [Input; 2] {
    let mut families = vec![Choice {
        value: String::new(),
        label: x.so_anonymous.to_owned(),
        selected: d.get("family").is_empty(),
    }];
    families.extend(named);
    [
        Input::Select(ChoiceField {
            id: "family",
            label: x.f_so_family,
            options: families,
            error: errs.get("family").copied(),
        }),
        Input::Text(
            TextField::typed("question", x.f_so_question, d, errs)
                .hint(x.f_so_question_hint)
                .kind("textarea"),
        ),
    ]
}

/// The advice fields (the advice, three next steps, the result), shared by the walk-in
/// and the advice form.
fn advice_inputs(x: &'static OnSiteTexts, lang: Lang, d: &FormData, errs: &Errors) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    let mut inputs = vec![Input::Text(
        TextField::typed("advice", x.f_so_advice, d, errs).kind("textarea"),
    )];
    for (what, who) in STEP_FIELDS {
        inputs.push(Input::Text(TextField::new(
            what,
            x.f_so_step_what,
            &d.get(what),
            err(what),
        )));
        inputs.push(Input::Text(TextField::new(
            who,
            x.f_so_step_who,
            &d.get(who),
            err(who),
        )));
    }
    inputs.push(code_select::<ConsultationResult>(
        "result",
        x.f_so_result,
        lang,
        d,
        errs,
    ));
    inputs
}

/// The advice as submitted; errors go to their fields. Empty step rows are left out.
fn advice_from(t: &'static Texts, d: &FormData, errs: &mut Errors) -> Option<AdviceInput> {
    let result = form::chosen::<ConsultationResult>(d, "result", t, errs);
    if d.get("advice").is_empty() {
        errs.insert("advice", t.err_required);
    }
    let next_steps = STEP_FIELDS
        .iter()
        .map(|(what, who)| NextStep {
            what: d.get(what),
            who: d.get(who),
        })
        .filter(|s| !s.what.is_empty() || !s.who.is_empty())
        .collect();
    result.map(|result| AdviceInput {
        advice: d.get("advice"),
        next_steps,
        result,
    })
}
