//! SAVE op locatie's pages. `/save-op-locatie` shows each visitor their part: the
//! worker's on-site days (today's list first, then the coming days) with a walk-in form,
//! the team lead's schedule with its forms, the local professional's team days with the
//! booking form and their own consultations. `/save-op-locatie/overleg/{id}` is one
//! consultation with the advice and cancel forms. The rules are `domain::save_on_site`.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_on_site::{
    self, ConsultationResult, ConsultationState, NextStep, OnSiteDay, OnSiteError, PartOfDay,
    is_on_site_day, may_manage_schedule, next_on_site_days, on_site_days, walk_in_days,
};
use eenplan_store::{
    AdviceInput, Ask, FamilyQuery, NewSlot, OnSiteConsultation, OnSiteSlot, Principal, StoreError,
};
use jiff::civil::Date;

use super::family::{failed, label_of, principal, today};
use super::form::text_errors;
use super::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, choices, with_none};
use super::{Shell, errors, render};
use crate::AppState;
use crate::api::save_on_site::{COMING_DAYS, log_family_reads, log_named_reads, named_access};
use crate::auth::Visitor;
use crate::auth::family::{access_entry, visible_families};
use crate::client::Client;
use crate::i18n::{Lang, Texts};

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
    let name = day.map_or_else(String::new, |d| {
        label_of(lang, d, OnSiteDay::label_nl, OnSiteDay::label_en)
    });
    format!("{name} {d}")
}

fn part(lang: Lang, p: PartOfDay) -> String {
    label_of(lang, p, PartOfDay::label_nl, PartOfDay::label_en).to_lowercase()
}

fn line(lang: Lang, t: &Texts, c: &OnSiteConsultation) -> Line {
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
            .unwrap_or_else(|| t.so_anonymous.to_owned()),
        question: c.question.clone(),
        state: label_of(
            lang,
            c.state,
            ConsultationState::label_nl,
            ConsultationState::label_en,
        ),
        walk_in: c.walk_in,
    }
}

/// One on-site day of the worker with its consultations.
struct DayBlock {
    heading: String,
    /// Where: "Buurtteam Overvecht (ochtend)".
    places: String,
    lines: Vec<Line>,
}

/// One part-day of the schedule.
struct SlotLine {
    id: String,
    worker: String,
    team: String,
    when: String,
    period: String,
    ended: bool,
    end_input: Input,
}

/// One coming on-site day at the visitor's team.
struct TeamDay {
    date: String,
    part: String,
    worker: String,
    booked: usize,
}

/// The form a render keeps the submitted values and errors of.
enum Which {
    WalkIn,
    Slot,
    End(String),
    Booking,
}

#[derive(Template)]
#[template(path = "save_on_site/show.html")]
struct ShowPage {
    shell: Shell,
    is_worker: bool,
    on_site_today: bool,
    /// Today or a recent day was an on-site day: walk-ins can be written down.
    has_recent_days: bool,
    days: Vec<DayBlock>,
    walk_in_inputs: Vec<Input>,
    walk_in_errors: bool,
    is_lead: bool,
    schedule: Vec<SlotLine>,
    slot_inputs: Vec<Input>,
    slot_errors: bool,
    is_local: bool,
    team_days: Vec<TeamDay>,
    booking_inputs: Vec<Input>,
    booking_errors: bool,
    mine: Vec<Line>,
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// The advice form's text fields, for the text rule.
const ADVICE_FIELDS: [&str; 7] = [
    "advice", "what_1", "who_1", "what_2", "who_2", "what_3", "who_3",
];

const STEP_FIELDS: [(&str, &str); 3] = [
    ("what_1", "who_1"),
    ("what_2", "who_2"),
    ("what_3", "who_3"),
];

/// The advice fields (the advice, three next steps, the result), shared by the walk-in
/// and the advice form.
fn advice_inputs(t: &'static Texts, lang: Lang, d: &FormData, errs: &Errors) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    let mut inputs = vec![Input::Text(
        TextField::new("advice", t.f_so_advice, &d.get("advice"), err("advice")).kind("textarea"),
    )];
    for (what, who) in STEP_FIELDS {
        inputs.push(Input::Text(TextField::new(
            what,
            t.f_so_step_what,
            &d.get(what),
            err(what),
        )));
        inputs.push(Input::Text(TextField::new(
            who,
            t.f_so_step_who,
            &d.get(who),
            err(who),
        )));
    }
    inputs.push(Input::Select(ChoiceField {
        id: "result",
        label: t.f_so_result,
        options: choices(
            ConsultationResult::ALL,
            |r| r.code().into(),
            |r| {
                label_of(
                    lang,
                    *r,
                    ConsultationResult::label_nl,
                    ConsultationResult::label_en,
                )
            },
            &d.get("result"),
        ),
        error: err("result"),
    }));
    inputs
}

/// The advice as submitted; errors go to their fields. Empty step rows are left out.
fn advice_from(t: &'static Texts, d: &FormData, errs: &mut Errors) -> Option<AdviceInput> {
    let result = d
        .get("result")
        .parse::<ConsultationResult>()
        .map_err(|_| errs.insert("result", t.err_choose))
        .ok();
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

/// The field a rule's refusal belongs at, and what to say there.
fn field_of(t: &'static Texts, e: &OnSiteError) -> (&'static str, &'static str) {
    use OnSiteError as E;
    match e {
        E::NotTeamLead => ("worker", t.error_forbidden),
        E::WorkerNotOurs | E::WorkerInactive => ("worker", t.err_so_worker),
        E::NotLocalTeam => ("team", t.err_so_team),
        E::EndBeforeStart => ("ends_on", t.err_so_ends),
        E::StartImplausible(_) => ("starts_on", t.err_date_range),
        E::EndImplausible(_) => ("ends_on", t.err_date_range),
        E::DateImplausible(_) => ("when", t.err_date_range),
        E::WorkerDoubleBooked => ("day", t.err_so_clash),
        E::SlotEnded => ("ends_on", t.err_so_ended),
        E::ConsultationsAfterEnd(_) => ("ends_on", t.err_so_after_end),
        E::NotOfThisTeam => ("asked_by", t.err_so_not_team),
        E::QuestionNeeded => ("question", t.err_required),
        E::QuestionIdentifying => ("question", t.err_so_identifying),
        E::AdviceIdentifying => ("advice", t.err_so_identifying),
        E::AdviceNeeded => ("advice", t.err_required),
        E::StepIncomplete(n) => (
            STEP_FIELDS
                .get(n.saturating_sub(1))
                .map_or("what_1", |(what, _)| *what),
            t.err_so_step,
        ),
        E::NotAnOnSiteDay | E::DateInPast | E::DateInFuture | E::TooLongAgo => {
            ("when", t.err_so_when)
        }
        E::ConsentNeeded => ("family", t.err_so_consent),
        E::NotTheWorker => ("advice", t.err_so_not_worker),
        E::AlreadyHeld | E::AlreadyCancelled => ("advice", t.err_so_done),
        E::NotYetHeld(_) => ("advice", t.so_advice_later),
        E::NotYours => ("reason", t.err_so_not_yours),
        E::ReasonNeeded => ("reason", t.err_required),
    }
}

struct Loaded {
    my_slots: Vec<OnSiteSlot>,
    worker_list: Vec<OnSiteConsultation>,
    schedule: Vec<OnSiteSlot>,
    workers: Vec<(String, String)>,
    local_teams: Vec<(String, String)>,
    team_slots: Vec<OnSiteSlot>,
    counts: std::collections::HashMap<(String, Date), usize>,
    mine: Vec<OnSiteConsultation>,
    /// Per slot on site today: the team's people.
    askers: Vec<(String, String)>,
    /// Families the worker may record a walk-in about by name today: (id, label, who).
    named: Vec<(String, String, Vec<String>)>,
}

#[allow(clippy::too_many_lines)]
async fn show_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    client: &str,
    form: Option<(Which, &FormData, &Errors)>,
) -> Response {
    let Some(p) = principal(visitor) else {
        return errors::internal(false, headers);
    };
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let today = today();
    let cal = Calendar::default();
    let is_lead = may_manage_schedule(&p.roles, p.organisation_kind);
    let is_local = p.organisation_kind == OrganisationKind::LocalTeam && p.team_id.is_some();
    let horizon = plus_days(today, 27);
    let loaded = async {
        let mut tx = state.store.read().await?;
        let my_slots = tx.on_site_slots_of_worker(&p.user_id).await?;
        let mut dates: Vec<Date> = my_slots
            .iter()
            .flat_map(|s| next_on_site_days(&s.slot, today, COMING_DAYS, &cal))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        dates.truncate(COMING_DAYS);
        let worker_list = match dates.last() {
            Some(last) => tx.on_site_days_of_worker(&p.user_id, today, *last).await?,
            None => Vec::new(),
        };
        let mut askers = Vec::new();
        let mut named = Vec::new();
        // Who can have asked, and about which families: at the part-days of today and of
        // the days a walk-in can still be written down.
        for s in my_slots
            .iter()
            .filter(|s| !walk_in_days(&s.slot, today, &cal).is_empty())
        {
            for (id, name) in tx.on_site_people(Some(&s.slot.team_id), None).await? {
                if !askers.iter().any(|(i, _)| *i == id) {
                    askers.push((id, format!("{name} ({})", s.team_name)));
                }
            }
            for candidate in tx
                .on_site_named_candidates(&s.slot.organisation_id, &s.slot.team_id, today)
                .await?
            {
                if !named.iter().any(|(i, _, _)| *i == candidate.0) {
                    named.push(candidate);
                }
            }
        }
        let (schedule, workers, local_teams) = if is_lead {
            let orgs = tx.organisations().await?;
            let local: Vec<(String, String)> = tx
                .teams()
                .await?
                .into_iter()
                .filter_map(|team| {
                    orgs.iter()
                        .find(|o| {
                            o.id == team.organisation_id && o.kind == OrganisationKind::LocalTeam
                        })
                        .map(|o| (team.id, format!("{} — {}", o.name, team.name)))
                })
                .collect();
            (
                tx.on_site_slots_of_organisation(&p.organisation_id).await?,
                tx.on_site_people(None, Some(&p.organisation_id)).await?,
                local,
            )
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let (team_slots, counts, mine) = match (is_local, p.team_id.as_deref()) {
            (true, Some(team)) => (
                tx.on_site_slots_at_team(team).await?,
                tx.on_site_booked_counts(team, today, horizon).await?,
                tx.on_site_asked_by(&p.user_id, plus_days(today, -28))
                    .await?,
            ),
            _ => (Vec::new(), Default::default(), Vec::new()),
        };
        Ok::<_, StoreError>(Loaded {
            my_slots,
            worker_list,
            schedule,
            workers,
            local_teams,
            team_slots,
            counts,
            mine,
            askers,
            named,
        })
    };
    let l = match loaded.await {
        Ok(l) => l,
        Err(e) => return failed(&e, headers),
    };
    // The families a local professional may name: their own, decided one by one.
    let own_families = if is_local {
        match visible_families(state, p, &FamilyQuery::default()).await {
            Ok(f) => f,
            Err(e) => return failed(&e, headers),
        }
    } else {
        Vec::new()
    };
    let logged = async {
        let shown: Vec<&OnSiteConsultation> = l.worker_list.iter().chain(&l.mine).collect();
        log_named_reads(state, p, &shown, "GET /save-op-locatie", client).await?;
        let candidates: Vec<&str> = l.named.iter().map(|(id, _, _)| id.as_str()).collect();
        log_family_reads(
            state,
            p,
            candidates,
            "GET /save-op-locatie (inloop op naam: keuzelijst)",
            client,
        )
        .await?;
        if is_local {
            state
                .store
                .log_access(access_entry(
                    p,
                    eenplan_domain::access_log::AccessEvent::Search,
                    None,
                    None,
                    format!(
                        "GET /save-op-locatie (eigen gezinnen voor overleg op naam) results={}",
                        own_families.len()
                    ),
                    client,
                ))
                .await?;
        }
        Ok::<_, StoreError>(())
    };
    if let Err(e) = logged.await {
        return failed(&e, headers);
    }

    let empty_data = FormData(vec![]);
    let empty_errs = Errors::new();
    let form_of = |which: fn(&Which) -> bool| match &form {
        Some((w, d, e)) if which(w) => (*d, *e),
        _ => (&empty_data, &empty_errs),
    };

    // The worker: their coming on-site days, today's first.
    let mut dates: Vec<Date> = l
        .my_slots
        .iter()
        .flat_map(|s| next_on_site_days(&s.slot, today, COMING_DAYS, &cal))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates.truncate(COMING_DAYS);
    let days: Vec<DayBlock> = dates
        .iter()
        .map(|d| DayBlock {
            heading: if *d == today {
                format!("{}: {}", t.so_today, weekday(lang, *d))
            } else {
                weekday(lang, *d)
            },
            places: l
                .my_slots
                .iter()
                .filter(|s| is_on_site_day(&s.slot, *d, &cal))
                .map(|s| format!("{} ({})", s.team_name, part(lang, s.slot.part)))
                .collect::<Vec<_>>()
                .join(", "),
            lines: l
                .worker_list
                .iter()
                .filter(|c| c.on == *d)
                .map(|c| line(lang, t, c))
                .collect(),
        })
        .collect();
    let on_site_today = dates.first() == Some(&today);
    let has_recent_days = l
        .my_slots
        .iter()
        .any(|s| !walk_in_days(&s.slot, today, &cal).is_empty());

    let (wd, we) = form_of(|w| matches!(w, Which::WalkIn));
    let err = |errs: &Errors, id: &str| errs.get(id).copied();
    let mut walk_in_inputs = vec![
        Input::Select(ChoiceField {
            id: "slot",
            label: t.f_so_part,
            // One choice per part-day and day: today first, then the days a walk-in can
            // still be written down afterwards.
            options: {
                let mut options: Vec<(Date, Choice)> = l
                    .my_slots
                    .iter()
                    .flat_map(|s| {
                        walk_in_days(&s.slot, today, &cal)
                            .into_iter()
                            .map(move |d| (s, d))
                    })
                    .map(|(s, d)| {
                        let value = format!("{}|{d}", s.id);
                        let day = if d == today {
                            format!("{}: {}", t.so_today, weekday(lang, d))
                        } else {
                            weekday(lang, d)
                        };
                        (
                            d,
                            Choice {
                                selected: wd.get("slot") == value,
                                label: format!(
                                    "{day}, {} ({})",
                                    s.team_name,
                                    part(lang, s.slot.part)
                                ),
                                value,
                            },
                        )
                    })
                    .collect();
                options.sort_by_key(|o| std::cmp::Reverse(o.0));
                options.into_iter().map(|(_, c)| c).collect()
            },
            error: err(we, "slot").or(err(we, "when")),
        }),
        Input::Select(ChoiceField {
            id: "asked_by",
            label: t.f_so_asked_by,
            options: with_none(
                t,
                choices(
                    &l.askers,
                    |(id, _)| id.clone(),
                    |(_, name)| name.clone(),
                    &wd.get("asked_by"),
                ),
                &wd.get("asked_by"),
            ),
            error: err(we, "asked_by"),
        }),
        Input::Select(ChoiceField {
            id: "family",
            label: t.f_so_family,
            options: {
                let mut options = vec![Choice {
                    value: String::new(),
                    label: t.so_anonymous.to_owned(),
                    selected: wd.get("family").is_empty(),
                }];
                options.extend(l.named.iter().map(|(id, label, users)| {
                    let with: Vec<&str> = users
                        .iter()
                        .filter_map(|u| {
                            l.askers
                                .iter()
                                .find(|(i, _)| i == u)
                                .map(|(_, n)| n.as_str())
                        })
                        .collect();
                    Choice {
                        selected: wd.get("family") == *id,
                        value: id.clone(),
                        label: format!("{label} — {}", with.join(", ")),
                    }
                }));
                options
            },
            error: err(we, "family"),
        }),
        Input::Text(
            TextField::new(
                "question",
                t.f_so_question,
                &wd.get("question"),
                err(we, "question"),
            )
            .hint(t.f_so_question_hint)
            .kind("textarea"),
        ),
    ];
    walk_in_inputs.extend(advice_inputs(t, lang, wd, we));

    // The team lead: the schedule and its forms.
    let end_error = match &form {
        Some((Which::End(id), _, e)) => Some((id.clone(), e.get("ends_on").copied())),
        _ => None,
    };
    let end_value = match &form {
        Some((Which::End(_), d, _)) => d.get("ends_on"),
        _ => String::new(),
    };
    let schedule = l
        .schedule
        .iter()
        .map(|s| {
            let (value, error) = match &end_error {
                Some((id, e)) if *id == s.id => (end_value.clone(), *e),
                _ => (
                    s.slot.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                    None,
                ),
            };
            SlotLine {
                id: s.id.clone(),
                worker: s.worker_name.clone(),
                team: format!("{} — {}", s.local_organisation_name, s.team_name),
                when: format!(
                    "{} {}",
                    label_of(lang, s.slot.day, OnSiteDay::label_nl, OnSiteDay::label_en),
                    part(lang, s.slot.part)
                ),
                period: match s.slot.ends_on {
                    Some(end) => format!("{} – {end}", s.slot.starts_on),
                    None => format!("{} –", s.slot.starts_on),
                },
                ended: s.slot.ended(today),
                end_input: Input::Text(
                    TextField::new("ends_on", t.f_so_last_day, &value, error)
                        .suffix(&s.id)
                        .kind("date"),
                ),
            }
        })
        .collect();
    let (sd, se) = form_of(|w| matches!(w, Which::Slot));
    let slot_inputs = vec![
        Input::Select(ChoiceField {
            id: "worker",
            label: t.f_so_worker,
            options: with_none(
                t,
                choices(
                    &l.workers,
                    |(id, _)| id.clone(),
                    |(_, n)| n.clone(),
                    &sd.get("worker"),
                ),
                &sd.get("worker"),
            ),
            error: err(se, "worker"),
        }),
        Input::Select(ChoiceField {
            id: "team",
            label: t.f_so_team,
            options: with_none(
                t,
                choices(
                    &l.local_teams,
                    |(id, _)| id.clone(),
                    |(_, n)| n.clone(),
                    &sd.get("team"),
                ),
                &sd.get("team"),
            ),
            error: err(se, "team"),
        }),
        Input::Select(ChoiceField {
            id: "day",
            label: t.f_so_day,
            options: choices(
                OnSiteDay::ALL,
                |d| d.code().into(),
                |d| label_of(lang, *d, OnSiteDay::label_nl, OnSiteDay::label_en),
                &sd.get("day"),
            ),
            error: err(se, "day"),
        }),
        Input::Select(ChoiceField {
            id: "part",
            label: t.f_so_part,
            options: choices(
                PartOfDay::ALL,
                |x| x.code().into(),
                |x| label_of(lang, *x, PartOfDay::label_nl, PartOfDay::label_en),
                &sd.get("part"),
            ),
            error: err(se, "part"),
        }),
        Input::Text(
            TextField::new(
                "starts_on",
                t.f_so_starts_on,
                &sd.get("starts_on"),
                err(se, "starts_on"),
            )
            .kind("date"),
        ),
        Input::Text(
            TextField::new(
                "ends_on",
                t.f_so_ends_on,
                &sd.get("ends_on"),
                err(se, "ends_on"),
            )
            .kind("date"),
        ),
    ];

    // The local professional: the team's on-site days and the booking form.
    let mut team_days: Vec<(Date, PartOfDay, &OnSiteSlot)> = l
        .team_slots
        .iter()
        .flat_map(|s| {
            on_site_days(&s.slot, today, horizon, &cal)
                .into_iter()
                .map(move |d| (d, s.slot.part, s))
        })
        .collect();
    team_days.sort_by_key(|a| (a.0, a.1));
    let (bd, be) = form_of(|w| matches!(w, Which::Booking));
    let booking_inputs = vec![
        Input::Select(ChoiceField {
            id: "when",
            label: t.f_so_when,
            options: with_none(
                t,
                team_days
                    .iter()
                    .map(|(d, x, s)| {
                        let value = format!("{}|{d}", s.id);
                        Choice {
                            selected: bd.get("when") == value,
                            label: format!(
                                "{}, {} — {}",
                                weekday(lang, *d),
                                part(lang, *x),
                                s.worker_name
                            ),
                            value,
                        }
                    })
                    .collect(),
                &bd.get("when"),
            ),
            error: err(be, "when"),
        }),
        Input::Select(ChoiceField {
            id: "family",
            label: t.f_so_family,
            options: {
                let mut options = vec![Choice {
                    value: String::new(),
                    label: t.so_anonymous.to_owned(),
                    selected: bd.get("family").is_empty(),
                }];
                options.extend(choices(
                    &own_families,
                    |f| f.id.clone(),
                    |f| format!("{} ({} {})", f.label, f.postcode, f.house_number),
                    &bd.get("family"),
                ));
                options
            },
            error: err(be, "family"),
        }),
        Input::Text(
            TextField::new(
                "question",
                t.f_so_question,
                &bd.get("question"),
                err(be, "question"),
            )
            .hint(t.f_so_question_hint)
            .kind("textarea"),
        ),
    ];
    let team_days = team_days
        .iter()
        .map(|(d, x, s)| TeamDay {
            date: weekday(lang, *d),
            part: part(lang, *x),
            worker: s.worker_name.clone(),
            booked: l.counts.get(&(s.id.clone(), *d)).copied().unwrap_or(0),
        })
        .collect();

    let status = if form.as_ref().is_some_and(|(_, _, e)| !e.is_empty()) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(
        status,
        &ShowPage {
            shell: Shell::new(headers, visitor, "/save-op-locatie"),
            is_worker: !l.my_slots.is_empty(),
            on_site_today,
            has_recent_days,
            days,
            walk_in_inputs,
            walk_in_errors: !we.is_empty(),
            is_lead,
            schedule,
            slot_inputs,
            slot_errors: !se.is_empty(),
            is_local,
            team_days,
            booking_inputs,
            booking_errors: !be.is_empty(),
            mine: l.mine.iter().map(|c| line(lang, t, c)).collect(),
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
) -> Response {
    show_page(&state, &headers, &visitor, &client, None).await
}

/// A booking or walk-in in the store: done, refused by a rule (at its field), or the
/// asker may not name the family.
enum Asked {
    Done(String),
    NoAccess(eenplan_store::AccessEntry),
}

pub async fn book(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["question"]);
    let when = d.get("when");
    let parsed = when
        .split_once('|')
        .and_then(|(slot, day)| day.parse::<Date>().ok().map(|day| (slot.to_owned(), day)));
    if parsed.is_none() {
        errs.insert("when", t.err_choose);
    }
    if d.get("question").is_empty() {
        errs.insert("question", t.err_required);
    }
    let Some((slot_id, on)) = parsed.filter(|_| errs.is_empty()) else {
        return show_page(
            &state,
            &headers,
            &visitor,
            &client,
            Some((Which::Booking, &d, &errs)),
        )
        .await;
    };
    let ask = Ask {
        slot_id,
        on,
        family_id: Some(d.get("family")).filter(|f| !f.is_empty()),
        question: d.get("question"),
    };
    let booked = async {
        let now = UtcTime::now();
        let mut tx = state.store.write().await?;
        if let Some(family) = &ask.family_id {
            let data = "POST /save-op-locatie/boeken".to_owned();
            if let Err(entry) = named_access(&mut tx, p, p, family, (data, &client), now).await? {
                return Ok(Asked::NoAccess(entry));
            }
        }
        let id = tx.book_on_site(&p.actor(), p, &ask, today(), now).await?;
        tx.commit().await?;
        Ok::<_, StoreError>(Asked::Done(id))
    };
    match booked.await {
        Ok(Asked::Done(id)) => {
            return Redirect::to(&format!("/save-op-locatie/overleg/{id}")).into_response();
        }
        Ok(Asked::NoAccess(entry)) => {
            if let Err(e) = state.store.log_access(entry).await {
                return failed(&e, &headers);
            }
            errs.insert("family", t.err_so_family);
        }
        Err(StoreError::SaveOnSite(e)) => {
            let (field, msg) = field_of(t, &e);
            // At the booking form the team rule is about the part-day chosen.
            let field = if field == "asked_by" { "when" } else { field };
            errs.insert(field, msg);
        }
        Err(StoreError::NotFound(_)) => {
            errs.insert("when", t.err_choose);
        }
        Err(e) => return failed(&e, &headers),
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &client,
        Some((Which::Booking, &d, &errs)),
    )
    .await
}

pub async fn walk_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let typed: Vec<&'static str> = std::iter::once("question").chain(ADVICE_FIELDS).collect();
    let mut errs = text_errors(&d, t, &typed);
    if d.get("slot").is_empty() {
        errs.insert("slot", t.err_choose);
    }
    if d.get("asked_by").is_empty() {
        errs.insert("asked_by", t.err_choose);
    }
    if d.get("question").is_empty() {
        errs.insert("question", t.err_required);
    }
    // "slot|day": the part-day and the day it was (a walk-in may be written down later).
    let chosen = d.get("slot");
    let (slot_id, on) = match chosen.split_once('|') {
        Some((slot, day)) => (
            slot.to_owned(),
            day.parse::<Date>().unwrap_or_else(|_| {
                errs.insert("slot", t.err_choose);
                today()
            }),
        ),
        None => (chosen.clone(), today()),
    };
    let advice = advice_from(t, &d, &mut errs);
    let Some(advice) = advice.filter(|_| errs.is_empty()) else {
        return show_page(
            &state,
            &headers,
            &visitor,
            &client,
            Some((Which::WalkIn, &d, &errs)),
        )
        .await;
    };
    let ask = Ask {
        slot_id,
        on,
        family_id: Some(d.get("family")).filter(|f| !f.is_empty()),
        question: d.get("question"),
    };
    let asked_by = d.get("asked_by");
    let recorded = async {
        let now = UtcTime::now();
        let mut tx = state.store.write().await?;
        // Only the worker on site, before anyone's access to a family is looked at.
        if let Some(slot) = tx.on_site_slot(&ask.slot_id).await? {
            save_on_site::walk_in_by(&slot.slot, &p.user_id)?;
        }
        let Some(asker) = tx.principal(&asked_by).await?.filter(|a| a.active) else {
            return Err(StoreError::SaveOnSite(OnSiteError::NotOfThisTeam));
        };
        if let Some(family) = &ask.family_id {
            let data = format!("POST /save-op-locatie/inloop (gevraagd door {asked_by})");
            if let Err(entry) =
                named_access(&mut tx, p, &asker, family, (data, &client), now).await?
            {
                return Ok(Asked::NoAccess(entry));
            }
        }
        let id = tx
            .walk_in_on_site(&p.actor(), p, &asker, &ask, &advice, today(), now)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(Asked::Done(id))
    };
    match recorded.await {
        Ok(Asked::Done(id)) => {
            return Redirect::to(&format!("/save-op-locatie/overleg/{id}")).into_response();
        }
        Ok(Asked::NoAccess(entry)) => {
            if let Err(e) = state.store.log_access(entry).await {
                return failed(&e, &headers);
            }
            errs.insert("family", t.err_so_family);
        }
        Err(StoreError::SaveOnSite(e)) => {
            let (field, msg) = field_of(t, &e);
            let field = if field == "when" { "slot" } else { field };
            errs.insert(field, msg);
        }
        Err(StoreError::NotFound(_)) => {
            errs.insert("slot", t.err_choose);
        }
        Err(e) => return failed(&e, &headers),
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &client,
        Some((Which::WalkIn, &d, &errs)),
    )
    .await
}

pub async fn add_slot(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["starts_on", "ends_on"]);
    for field in ["worker", "team"] {
        if d.get(field).is_empty() {
            errs.insert(field, t.err_choose);
        }
    }
    let day = d
        .get("day")
        .parse::<OnSiteDay>()
        .map_err(|_| errs.insert("day", t.err_choose))
        .ok();
    let part = d
        .get("part")
        .parse::<PartOfDay>()
        .map_err(|_| errs.insert("part", t.err_choose))
        .ok();
    let starts_on = d
        .get("starts_on")
        .parse::<Date>()
        .map_err(|_| errs.insert("starts_on", t.err_date))
        .ok();
    let ends_on = match d.get("ends_on") {
        s if s.is_empty() => None,
        s => s
            .parse::<Date>()
            .map_err(|_| errs.insert("ends_on", t.err_date))
            .ok(),
    };
    if let (Some(day), Some(part), Some(starts_on), true) = (day, part, starts_on, errs.is_empty())
    {
        let new = NewSlot {
            worker_id: d.get("worker"),
            team_id: d.get("team"),
            day,
            part,
            starts_on,
            ends_on,
        };
        let added = async {
            let mut tx = state.store.write().await?;
            tx.add_on_site_slot(&p.actor(), p, &new, UtcTime::now())
                .await?;
            tx.commit().await
        };
        match added.await {
            Ok(()) => return Redirect::to("/save-op-locatie").into_response(),
            Err(StoreError::SaveOnSite(e)) => {
                let (field, msg) = field_of(t, &e);
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &client,
        Some((Which::Slot, &d, &errs)),
    )
    .await
}

pub async fn end_slot(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(slot_id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["ends_on"]);
    match d.get("ends_on").parse::<Date>() {
        _ if !errs.is_empty() => {}
        Err(_) => {
            errs.insert("ends_on", t.err_date);
        }
        Ok(ends_on) => {
            let ended = async {
                let mut tx = state.store.write().await?;
                tx.end_on_site_slot(&p.actor(), p, &slot_id, ends_on, today())
                    .await?;
                tx.commit().await
            };
            match ended.await {
                Ok(()) => return Redirect::to("/save-op-locatie").into_response(),
                Err(StoreError::NotFound(_)) => {
                    return errors::not_found_page(&headers, &visitor, "/save-op-locatie");
                }
                Err(StoreError::SaveOnSite(e)) => {
                    let (_, msg) = field_of(t, &e);
                    errs.insert("ends_on", msg);
                }
                Err(e) => return failed(&e, &headers),
            }
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &client,
        Some((Which::End(slot_id), &d, &errs)),
    )
    .await
}

#[derive(Template)]
#[template(path = "save_on_site/consultation.html")]
struct ConsultationPage {
    shell: Shell,
    /// Sent to a form the consultation no longer offers (someone else advised or
    /// cancelled first): the message and what was typed.
    conflict: Option<(&'static str, String)>,
    c: Line,
    advice: String,
    steps: Vec<NextStep>,
    result: Option<String>,
    cancel_reason: String,
    held: bool,
    cancelled: bool,
    can_advise: bool,
    advise_later: bool,
    can_cancel: bool,
    advice_inputs: Vec<Input>,
    advice_errors: bool,
    cancel_input: Input,
    cancel_errors: bool,
}

async fn consultation_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    client: &str,
    id: &str,
    form: Option<(&FormData, &Errors)>,
) -> Response {
    let Some(p) = principal(visitor) else {
        return errors::internal(false, headers);
    };
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let loaded = match state.store.read().await {
        Ok(mut tx) => tx.on_site_consultation(id, &p.user_id).await,
        Err(e) => Err(e),
    };
    let c = match loaded {
        Ok(Some(c)) => c,
        Ok(None) => return errors::not_found_page(headers, visitor, "/save-op-locatie"),
        Err(e) => return failed(&e, headers),
    };
    let data = "GET /save-op-locatie/overleg/{id}";
    if let Err(e) = log_named_reads(state, p, &[&c], data, client).await {
        return failed(&e, headers);
    }
    let empty_data = FormData(vec![]);
    let empty_errs = Errors::new();
    let (d, errs) = form.unwrap_or((&empty_data, &empty_errs));
    // What the page offers follows from the domain's transitions, not a copy of them.
    let rule = c.domain(&[]);
    let moment = save_on_site::advice_moment(&rule, &p.user_id, today());
    let cancel_errors = errs.contains_key("reason");
    let advice_errors = !errs.is_empty() && !cancel_errors;
    let can_advise = moment.is_ok();
    let can_cancel = save_on_site::may_cancel(&rule, &p.user_id).is_ok();
    let gone = (advice_errors && !can_advise) || (cancel_errors && !can_cancel);
    let conflict = gone.then(|| {
        let typed: Vec<String> =
            d.0.iter()
                .filter(|(name, value)| {
                    (ADVICE_FIELDS.contains(&name.as_str()) || name == "reason")
                        && !value.trim().is_empty()
                })
                .map(|(_, value)| value.clone())
                .collect();
        (t.err_step_meanwhile, typed.join("\n\n"))
    });
    render(
        if gone {
            StatusCode::CONFLICT
        } else if errs.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        },
        &ConsultationPage {
            shell: Shell::new(headers, visitor, &format!("/save-op-locatie/overleg/{id}")),
            conflict,
            advice: c.advice.clone(),
            steps: c.next_steps.clone(),
            result: c.result.map(|r| {
                label_of(
                    lang,
                    r,
                    ConsultationResult::label_nl,
                    ConsultationResult::label_en,
                )
            }),
            cancel_reason: c.cancel_reason.clone(),
            held: c.state == ConsultationState::Held,
            cancelled: c.state == ConsultationState::Cancelled,
            can_advise,
            advise_later: matches!(moment, Err(OnSiteError::NotYetHeld(_))),
            can_cancel,
            advice_inputs: advice_inputs(t, lang, d, errs),
            advice_errors,
            cancel_input: Input::Text(TextField::new(
                "reason",
                t.so_cancelled_because,
                &d.get("reason"),
                errs.get("reason").copied(),
            )),
            cancel_errors,
            c: line(lang, t, &c),
        },
    )
}

pub async fn consultation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
) -> Response {
    consultation_page(&state, &headers, &visitor, &client, &id, None).await
}

async fn decided(
    state: &AppState,
    p: &Principal,
    id: &str,
    d: &FormData,
    advice: Option<AdviceInput>,
) -> Result<(), StoreError> {
    let mut tx = state.store.write().await?;
    let now = UtcTime::now();
    match advice {
        Some(a) => {
            tx.record_on_site_advice(&p.actor(), p, id, &a, today(), now)
                .await?;
        }
        None => {
            tx.cancel_on_site(&p.actor(), p, id, &d.get("reason"), now)
                .await?;
        }
    }
    tx.commit().await
}

pub async fn advice(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &ADVICE_FIELDS);
    let advice = advice_from(t, &d, &mut errs);
    if let (Some(advice), true) = (advice, errs.is_empty()) {
        match decided(&state, p, &id, &d, Some(advice)).await {
            Ok(()) => {
                return Redirect::to(&format!("/save-op-locatie/overleg/{id}")).into_response();
            }
            Err(StoreError::NotFound(_)) => {
                return errors::not_found_page(&headers, &visitor, "/save-op-locatie");
            }
            Err(StoreError::SaveOnSite(e)) => {
                let (field, msg) = field_of(t, &e);
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    consultation_page(&state, &headers, &visitor, &client, &id, Some((&d, &errs))).await
}

pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["reason"]);
    if errs.is_empty() {
        match decided(&state, p, &id, &d, None).await {
            Ok(()) => return Redirect::to("/save-op-locatie").into_response(),
            Err(StoreError::NotFound(_)) => {
                return errors::not_found_page(&headers, &visitor, "/save-op-locatie");
            }
            Err(StoreError::SaveOnSite(e)) => {
                let (_, msg) = field_of(t, &e);
                errs.insert("reason", msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    consultation_page(&state, &headers, &visitor, &client, &id, Some((&d, &errs))).await
}
