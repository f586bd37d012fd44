//! SAVE op locatie: a SAVE worker is on site one part-day a week at a local team, and
//! the team's professionals consult them there about a case, anonymously or by name.
//! Two things are ruled here: the schedule (who is on site where, and when) and a
//! consultation's course, a state machine: booked → held (with the advice) or cancelled
//! (with a reason); a walk-in is held at once; a held or cancelled consultation never
//! changes again.
//!
//! Sources: the seed text "Pilot 'SAVE op locatie' is groot succes" (a SAVE worker one
//! part-day a week on site at the local team; the team's professionals raise case
//! questions directly; task and roles are agreed on the spot); the SAVE way of working
//! (stepwise consent: consulting a specialist organisation by name is a step the family
//! agrees to, anonymous consultation needs none).

use jiff::civil::{Date, Weekday};

use crate::text::{DateKind, DateOutOfRange, check_date};

use crate::calendar::Calendar;
use crate::codes::code_list;
use crate::family::consent::{ConsentFacts, ConsentStep};
use crate::organisation::OrganisationKind;
use crate::policy::{Decision, SAVE_SCHEDULE, Who, decide};
use crate::role::Role;

code_list! {
    /// The weekday of an on-site part-day: working days only, so a weekend slot cannot
    /// even be expressed.
    OnSiteDay, "weekday" {
        Monday = "monday", "Maandag", "Monday";
        Tuesday = "tuesday", "Dinsdag", "Tuesday";
        Wednesday = "wednesday", "Woensdag", "Wednesday";
        Thursday = "thursday", "Donderdag", "Thursday";
        Friday = "friday", "Vrijdag", "Friday";
    }
}

impl OnSiteDay {
    pub fn weekday(self) -> Weekday {
        match self {
            OnSiteDay::Monday => Weekday::Monday,
            OnSiteDay::Tuesday => Weekday::Tuesday,
            OnSiteDay::Wednesday => Weekday::Wednesday,
            OnSiteDay::Thursday => Weekday::Thursday,
            OnSiteDay::Friday => Weekday::Friday,
        }
    }
}

code_list! {
    /// "Eén dagdeel per week": the part of the day the worker is on site.
    PartOfDay, "part of day" {
        Morning = "morning", "Ochtend", "Morning";
        Afternoon = "afternoon", "Middag", "Afternoon";
    }
}

code_list! {
    ConsultationState, "consultation state" {
        Booked = "booked", "Geboekt", "Booked";
        /// The advice is recorded; final.
        Held = "held", "Gehouden", "Held";
        /// Final, with the reason.
        Cancelled = "cancelled", "Geannuleerd", "Cancelled";
    }
}

code_list! {
    /// Where the consultation led: the pilot's question is whether early consultation
    /// keeps cases away from SAVE and Veilig Thuis or sharpens the ones that do go there.
    ConsultationResult, "consultation result" {
        NoReferral = "none", "Geen inzet van SAVE of melding", "No SAVE involvement or report";
        SaveInvolvement = "save_involvement", "Leidde tot betrokkenheid van SAVE", "Led to SAVE involvement";
        VeiligThuisReport = "veilig_thuis_report", "Leidde tot een melding bij Veilig Thuis", "Led to a report to Veilig Thuis";
    }
}

/// One weekly part-day of one worker at one local team, from a start date and
/// optionally until an end date (the last day it holds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The certified institution the worker is on site for.
    pub organisation_id: String,
    pub worker_id: String,
    /// A team of a local-team organisation.
    pub team_id: String,
    pub day: OnSiteDay,
    pub part: PartOfDay,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}

impl Slot {
    fn runs_on(&self, d: Date) -> bool {
        self.starts_on <= d && self.ends_on.is_none_or(|end| d <= end)
    }

    /// One worker cannot be in two places (or twice in one) on the same weekday and
    /// part of the day while both periods run.
    pub fn clashes_with(&self, other: &Slot) -> bool {
        self.worker_id == other.worker_id
            && self.day == other.day
            && self.part == other.part
            && self.starts_on <= other.ends_on.unwrap_or(Date::MAX)
            && other.starts_on <= self.ends_on.unwrap_or(Date::MAX)
    }

    /// Ended: its last day lies before `today`.
    pub fn ended(&self, today: Date) -> bool {
        self.ends_on.is_some_and(|end| end < today)
    }
}

fn plus_days(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// Whether `d` is one of the slot's on-site days: its weekday, within its period, and a
/// working day (no on-site part-day on a public holiday).
pub fn is_on_site_day(slot: &Slot, d: Date, calendar: &Calendar) -> bool {
    d.weekday() == slot.day.weekday() && slot.runs_on(d) && calendar.is_working_day(d)
}

/// The slot's on-site days from `from` up to and including `to`, public holidays
/// skipped.
pub fn on_site_days(slot: &Slot, from: Date, to: Date, calendar: &Calendar) -> Vec<Date> {
    let first = from.max(slot.starts_on);
    let last = slot.ends_on.map_or(to, |end| end.min(to));
    let offset = (i64::from(slot.day.weekday().to_monday_zero_offset())
        - i64::from(first.weekday().to_monday_zero_offset()))
    .rem_euclid(7);
    let mut days = Vec::new();
    let mut d = plus_days(first, offset);
    while d <= last {
        if calendar.is_working_day(d) {
            days.push(d);
        }
        let next = plus_days(d, 7);
        if next == d {
            break;
        }
        d = next;
    }
    days
}

/// The next `n` on-site days from `from` (inclusive), looking at most two years ahead.
pub fn next_on_site_days(slot: &Slot, from: Date, n: usize, calendar: &Calendar) -> Vec<Date> {
    let mut days = on_site_days(slot, from, plus_days(from, 2 * 366), calendar);
    days.truncate(n);
    days
}

/// Whether someone may manage the on-site schedule: a team lead of a certified
/// institution. The route policy [`SAVE_SCHEDULE`] is the one statement of it.
pub fn may_manage_schedule(roles: &[Role], kind: OrganisationKind) -> bool {
    decide(
        SAVE_SCHEDULE,
        Some(Who {
            roles,
            organisation: kind,
        }),
    ) == Decision::Allow
}

/// The team lead changing the schedule.
#[derive(Debug, Clone, Copy)]
pub struct Manager<'a> {
    pub roles: &'a [Role],
    pub kind: OrganisationKind,
    pub organisation_id: &'a str,
}

/// What the schedule rule needs to know around a new slot.
#[derive(Debug, Clone, Copy)]
pub struct SlotFacts<'a> {
    pub manager: Manager<'a>,
    pub worker_organisation_id: &'a str,
    pub worker_active: bool,
    /// The kind of organisation the team belongs to.
    pub team_kind: OrganisationKind,
    /// The worker's other slots (ended ones included; they cannot clash in time).
    pub worker_slots: &'a [Slot],
    /// The Dutch date the slot is added on.
    pub today: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OnSiteError {
    #[error("only a team lead of a certified institution manages the on-site schedule")]
    NotTeamLead,
    #[error("choose a worker of your own organisation")]
    WorkerNotOurs,
    #[error("this worker's account is deactivated")]
    WorkerInactive,
    #[error(
        "SAVE op locatie takes place at a local team: choose a team of a local-team organisation"
    )]
    NotLocalTeam,
    #[error("the end date lies before the start date")]
    EndBeforeStart,
    #[error("the start date {0}")]
    StartImplausible(DateOutOfRange),
    #[error("the end date {0}")]
    EndImplausible(DateOutOfRange),
    #[error("the date {0}")]
    DateImplausible(DateOutOfRange),
    #[error(
        "this worker is already on site on that weekday and part of the day in an overlapping period"
    )]
    WorkerDoubleBooked,
    #[error("this on-site part-day has ended already")]
    SlotEnded,
    #[error(
        "{0} consultation(s) are booked or held after that end date: cancel them or choose a later end"
    )]
    ConsultationsAfterEnd(usize),
    #[error("only the professionals of this local team book at its on-site part-day")]
    NotOfThisTeam,
    #[error("state the question")]
    QuestionNeeded,
    #[error(
        "an anonymous consultation names no postcode, citizen service number or phone number: leave them out"
    )]
    QuestionIdentifying,
    #[error(
        "an anonymous consultation's advice names no postcode, citizen service number or phone number: leave them out"
    )]
    AdviceIdentifying,
    #[error("the worker is not on site at this team on that date")]
    NotAnOnSiteDay,
    #[error("that date has passed: book a date to come")]
    DateInPast,
    #[error("a walk-in is recorded on or after its day, not before")]
    DateInFuture,
    #[error("a walk-in is written down within two weeks of its day")]
    TooLongAgo,
    #[error(
        "a consultation by name needs the family's consent to the step 'named consultation' with this organisation, in force on the day"
    )]
    ConsentNeeded,
    #[error("only the worker on site records the advice")]
    NotTheWorker,
    #[error("record the advice given")]
    AdviceNeeded,
    #[error("next step {0}: say what happens and who takes it")]
    StepIncomplete(usize),
    #[error("this consultation has been held; its advice stands")]
    AlreadyHeld,
    #[error("this consultation was cancelled")]
    AlreadyCancelled,
    #[error("the consultation is on {0}: record the advice on or after that day")]
    NotYetHeld(Date),
    #[error("only who booked the consultation, or the worker on site, cancels it")]
    NotYours,
    #[error("state why the consultation is cancelled")]
    ReasonNeeded,
    #[error("the period's first day lies after its last day")]
    PeriodReversed,
    #[error(
        "a period of past consultations spans at most {HISTORY_MAX_DAYS} days: choose a shorter one"
    )]
    PeriodTooLong,
}

/// The longest period of past consultations one list shows, in days from its first to
/// its last day: a year (a leap year's too), so a list of
/// everything the worker ever did is asked for year by year instead of cut off silently.
pub const HISTORY_MAX_DAYS: i64 = 365;

/// How far back the list of past consultations looks when nobody chose a period.
pub const HISTORY_DEFAULT_DAYS: i64 = 28;

/// The period of past consultations a person asked for, `from` and `to` inclusive:
/// unset ends today and starts [`HISTORY_DEFAULT_DAYS`] before the end; a chosen period
/// runs forward and spans at most [`HISTORY_MAX_DAYS`], so every consultation in it is
/// listed, none cut off.
pub fn history_period(
    from: Option<Date>,
    to: Option<Date>,
    today: Date,
) -> Result<(Date, Date), OnSiteError> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| {
        to.checked_sub(jiff::Span::new().days(HISTORY_DEFAULT_DAYS))
            .unwrap_or(to)
    });
    if from > to {
        return Err(OnSiteError::PeriodReversed);
    }
    let span = to.since(from).map_or(i64::MAX, |s| i64::from(s.get_days()));
    if span > HISTORY_MAX_DAYS {
        return Err(OnSiteError::PeriodTooLong);
    }
    Ok((from, to))
}

/// Whether the team lead `lead` may cancel a booking at one of their institution's
/// part-days: so that a part-day can be ended, or a worker who falls ill is not waited
/// for. Only while it is booked; the reason is told to who asked, as any cancelling.
pub fn lead_may_cancel(c: &Consultation<'_>, lead: &Manager<'_>) -> Result<(), OnSiteError> {
    if !may_manage_schedule(lead.roles, lead.kind) || lead.organisation_id != c.organisation_id {
        return Err(OnSiteError::NotTeamLead);
    }
    still_booked(c)
}

/// booked → cancelled by the team lead of the part-day's institution, with the reason.
pub fn lead_cancel(
    c: &Consultation<'_>,
    lead: &Manager<'_>,
    reason: &str,
) -> Result<ConsultationState, OnSiteError> {
    lead_may_cancel(c, lead)?;
    if reason.trim().is_empty() {
        return Err(OnSiteError::ReasonNeeded);
    }
    Ok(ConsultationState::Cancelled)
}

/// Whether the new slot may be added.
pub fn check_slot(new: &Slot, f: &SlotFacts<'_>) -> Result<(), OnSiteError> {
    if !may_manage_schedule(f.manager.roles, f.manager.kind) {
        return Err(OnSiteError::NotTeamLead);
    }
    if new.organisation_id != f.manager.organisation_id
        || f.worker_organisation_id != f.manager.organisation_id
    {
        return Err(OnSiteError::WorkerNotOurs);
    }
    if !f.worker_active {
        return Err(OnSiteError::WorkerInactive);
    }
    if f.team_kind != OrganisationKind::LocalTeam {
        return Err(OnSiteError::NotLocalTeam);
    }
    // A part-day starts like any planned work (`text::DateKind::Event`: from 2000, at
    // most a year ahead) and ends like anything that runs on (`DateKind::Until`), so a
    // mistyped year neither hides the worker from the teams nor books them for ever.
    check_date(DateKind::Event, new.starts_on, f.today).map_err(OnSiteError::StartImplausible)?;
    if let Some(end) = new.ends_on {
        check_date(DateKind::Until, end, f.today).map_err(OnSiteError::EndImplausible)?;
    }
    if new.ends_on.is_some_and(|end| end < new.starts_on) {
        return Err(OnSiteError::EndBeforeStart);
    }
    if f.worker_slots.iter().any(|s| s.clashes_with(new)) {
        return Err(OnSiteError::WorkerDoubleBooked);
    }
    Ok(())
}

/// Whether the slot may end on `ends_on`. `after` counts its booked and held
/// consultations after that day: they would lose their part-day.
pub fn check_end_slot(
    slot: &Slot,
    manager: Manager<'_>,
    ends_on: Date,
    today: Date,
    after: usize,
) -> Result<(), OnSiteError> {
    if !may_manage_schedule(manager.roles, manager.kind) {
        return Err(OnSiteError::NotTeamLead);
    }
    if slot.organisation_id != manager.organisation_id {
        return Err(OnSiteError::WorkerNotOurs);
    }
    if slot.ended(today) {
        return Err(OnSiteError::SlotEnded);
    }
    check_date(DateKind::Until, ends_on, today).map_err(OnSiteError::EndImplausible)?;
    if ends_on < slot.starts_on {
        return Err(OnSiteError::EndBeforeStart);
    }
    if after > 0 {
        return Err(OnSiteError::ConsultationsAfterEnd(after));
    }
    Ok(())
}

/// Whether free text written for an anonymous consultation carries an obvious
/// identifier: a Dutch postcode ("3562 JW") or a run of nine or more digits (a citizen
/// service number, a phone number). A guard against slips, not a guarantee: a name
/// cannot be told from other words.
pub fn looks_identifying(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    let digit = |i: usize| c.get(i).is_some_and(char::is_ascii_digit);
    let mut run = 0;
    for (i, ch) in c.iter().enumerate() {
        run = if ch.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 9 {
            return true;
        }
        // A postcode: four digits (not starting with 0, not inside a longer number),
        // an optional space and two capitals that end the word.
        let starts_number = i == 0 || !digit(i - 1);
        if starts_number && *ch != '0' && (0..4).all(|k| digit(i + k)) && !digit(i + 4) {
            let mut j = i + 4;
            if c.get(j) == Some(&' ') {
                j += 1;
            }
            let capitals = (0..2).all(|k| c.get(j + k).is_some_and(char::is_ascii_uppercase));
            let ends = !c.get(j + 2).is_some_and(|x| x.is_alphanumeric());
            if capitals && ends {
                return true;
            }
        }
    }
    false
}

/// Whom a consultation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About<'a> {
    /// No family identity at all.
    Anonymous,
    /// A family by name; its consents decide.
    Named { consents: &'a [ConsentFacts] },
}

impl About<'_> {
    fn consented(&self, organisation_id: &str, on: Date) -> bool {
        match self {
            About::Anonymous => true,
            About::Named { consents } => consents.iter().any(|c| {
                c.step == ConsentStep::NamedConsultation
                    && c.organisation_id.as_deref() == Some(organisation_id)
                    && c.in_force(on)
            }),
        }
    }
}

/// A booking or a walk-in as asked.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub slot: &'a Slot,
    pub on: Date,
    pub today: Date,
    /// The team of the local professional who asks.
    pub asker_team_id: Option<&'a str>,
    pub about: About<'a>,
    pub question: &'a str,
}

/// The next step agreed: what happens and who takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub what: String,
    pub who: String,
}

/// What the worker records when the consultation is held.
#[derive(Debug, Clone, Copy)]
pub struct Advice<'a> {
    pub advice: &'a str,
    pub next_steps: &'a [NextStep],
    pub result: ConsultationResult,
}

fn check_request(r: &Request<'_>, calendar: &Calendar) -> Result<(), OnSiteError> {
    if r.asker_team_id != Some(r.slot.team_id.as_str()) {
        return Err(OnSiteError::NotOfThisTeam);
    }
    if r.question.trim().is_empty() {
        return Err(OnSiteError::QuestionNeeded);
    }
    if r.about == About::Anonymous && looks_identifying(r.question) {
        return Err(OnSiteError::QuestionIdentifying);
    }
    if !is_on_site_day(r.slot, r.on, calendar) {
        return Err(OnSiteError::NotAnOnSiteDay);
    }
    Ok(())
}

fn check_advice(a: &Advice<'_>, about: About<'_>) -> Result<(), OnSiteError> {
    if a.advice.trim().is_empty() {
        return Err(OnSiteError::AdviceNeeded);
    }
    for (i, step) in a.next_steps.iter().enumerate() {
        if step.what.trim().is_empty() || step.who.trim().is_empty() {
            return Err(OnSiteError::StepIncomplete(i + 1));
        }
    }
    let identifying = looks_identifying(a.advice)
        || a.next_steps
            .iter()
            .any(|s| looks_identifying(&s.what) || looks_identifying(&s.who));
    if about == About::Anonymous && identifying {
        return Err(OnSiteError::AdviceIdentifying);
    }
    Ok(())
}

/// A local professional books the worker's on-site day: a date to come, on which the
/// worker is there; by name only with the family's consent in force today and on the day.
pub fn book(r: &Request<'_>, calendar: &Calendar) -> Result<ConsultationState, OnSiteError> {
    check_request(r, calendar)?;
    if r.on < r.today {
        return Err(OnSiteError::DateInPast);
    }
    // Booked at most a year ahead (`text::DateKind::Event`), as all planned work.
    check_date(DateKind::Event, r.on, r.today).map_err(OnSiteError::DateImplausible)?;
    let org = r.slot.organisation_id.as_str();
    if !r.about.consented(org, r.today) || !r.about.consented(org, r.on) {
        return Err(OnSiteError::ConsentNeeded);
    }
    Ok(ConsultationState::Booked)
}

/// How long after its day a walk-in can still be written down: memory fades, and the
/// list of a day should be complete soon after it.
pub const WALK_IN_AFTERWARDS_DAYS: i64 = 14;

/// The days a walk-in at `slot` can be written down on `today`: today and the on-site
/// days of the last two weeks, newest first.
pub fn walk_in_days(slot: &Slot, today: Date, calendar: &Calendar) -> Vec<Date> {
    (0..=WALK_IN_AFTERWARDS_DAYS)
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
        .filter(|d| is_on_site_day(slot, *d, calendar))
        .collect()
}

/// Only the worker on site writes down a walk-in at their part-day; asked first, before
/// anything about a family is looked at.
pub fn walk_in_by(slot: &Slot, recorded_by: &str) -> Result<(), OnSiteError> {
    if recorded_by == slot.worker_id {
        Ok(())
    } else {
        Err(OnSiteError::NotTheWorker)
    }
}

/// The worker records a walk-in: asked and answered on an on-site day (today, or one
/// of the last two weeks), so it is held at once, with the advice.
pub fn walk_in(
    r: &Request<'_>,
    recorded_by: &str,
    advice: &Advice<'_>,
    calendar: &Calendar,
) -> Result<ConsultationState, OnSiteError> {
    walk_in_by(r.slot, recorded_by)?;
    check_request(r, calendar)?;
    if r.on > r.today {
        return Err(OnSiteError::DateInFuture);
    }
    if r.today
        .checked_sub(jiff::Span::new().days(WALK_IN_AFTERWARDS_DAYS))
        .is_ok_and(|first| r.on < first)
    {
        return Err(OnSiteError::TooLongAgo);
    }
    if !r.about.consented(&r.slot.organisation_id, r.on) {
        return Err(OnSiteError::ConsentNeeded);
    }
    check_advice(advice, r.about)?;
    Ok(ConsultationState::Held)
}

/// A stored consultation, as far as its transitions need it.
#[derive(Debug, Clone, Copy)]
pub struct Consultation<'a> {
    pub state: ConsultationState,
    pub on: Date,
    pub organisation_id: &'a str,
    pub worker_id: &'a str,
    pub asked_by: &'a str,
    pub about: About<'a>,
}

/// Who may read a consultation: the worker it was with and the professional who asked.
pub fn may_view(c: &Consultation<'_>, user_id: &str) -> bool {
    user_id == c.worker_id || user_id == c.asked_by
}

/// Whether `by` can record the advice now, before anything is filled in (the page offers
/// the form, or says it comes on the day, from this).
pub fn advice_moment(c: &Consultation<'_>, by: &str, today: Date) -> Result<(), OnSiteError> {
    if by != c.worker_id {
        return Err(OnSiteError::NotTheWorker);
    }
    still_booked(c)?;
    if today < c.on {
        return Err(OnSiteError::NotYetHeld(c.on));
    }
    Ok(())
}

fn still_booked(c: &Consultation<'_>) -> Result<(), OnSiteError> {
    match c.state {
        ConsultationState::Held => Err(OnSiteError::AlreadyHeld),
        ConsultationState::Cancelled => Err(OnSiteError::AlreadyCancelled),
        ConsultationState::Booked => Ok(()),
    }
}

/// Whether `by` may cancel it: the worker or who asked, while it is booked.
pub fn may_cancel(c: &Consultation<'_>, by: &str) -> Result<(), OnSiteError> {
    if by != c.worker_id && by != c.asked_by {
        return Err(OnSiteError::NotYours);
    }
    still_booked(c)
}

/// booked → held: the worker records the advice, on or after the day. By name only
/// while the family's consent still holds (a withdrawal in between stops it).
pub fn record_advice(
    c: &Consultation<'_>,
    by: &str,
    today: Date,
    advice: &Advice<'_>,
) -> Result<ConsultationState, OnSiteError> {
    advice_moment(c, by, today)?;
    check_advice(advice, c.about)?;
    if !c.about.consented(c.organisation_id, c.on) {
        return Err(OnSiteError::ConsentNeeded);
    }
    Ok(ConsultationState::Held)
}

/// booked → cancelled, by who booked it or the worker, with the reason.
pub fn cancel(
    c: &Consultation<'_>,
    by: &str,
    reason: &str,
) -> Result<ConsultationState, OnSiteError> {
    may_cancel(c, by)?;
    if reason.trim().is_empty() {
        return Err(OnSiteError::ReasonNeeded);
    }
    Ok(ConsultationState::Cancelled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::consent::DataCategory;
    use jiff::civil::date;

    const SAVE: &str = "save";

    /// Tuesday mornings at Buurtteam Overvecht from Tuesday 6 January 2026.
    fn slot() -> Slot {
        Slot {
            organisation_id: SAVE.into(),
            worker_id: "lotte".into(),
            team_id: "overvecht".into(),
            day: OnSiteDay::Tuesday,
            part: PartOfDay::Morning,
            starts_on: date(2026, 1, 6),
            ends_on: None,
        }
    }

    fn lead() -> Manager<'static> {
        Manager {
            roles: &[Role::TeamLead],
            kind: OrganisationKind::CertifiedInstitution,
            organisation_id: SAVE,
        }
    }

    fn facts<'a>(others: &'a [Slot]) -> SlotFacts<'a> {
        SlotFacts {
            manager: lead(),
            worker_organisation_id: SAVE,
            worker_active: true,
            team_kind: OrganisationKind::LocalTeam,
            worker_slots: others,
            today: date(2026, 11, 23),
        }
    }

    fn named_consent(org: &str, withdrawn: bool, ends_on: Option<Date>) -> ConsentFacts {
        ConsentFacts {
            step: ConsentStep::NamedConsultation,
            organisation_id: Some(org.into()),
            categories: vec![DataCategory::Identity],
            given_on: date(2026, 11, 2),
            ends_on,
            withdrawn,
        }
    }

    fn request<'a>(slot: &'a Slot, on: Date, about: About<'a>) -> Request<'a> {
        Request {
            slot,
            on,
            today: date(2026, 11, 23),
            asker_team_id: Some("overvecht"),
            about,
            question: "Moeder vertelt over harde ruzies; wanneer melden we?",
        }
    }

    fn advice<'a>(steps: &'a [NextStep]) -> Advice<'a> {
        Advice {
            advice: "Bespreek de zorgen open met moeder en maak een veiligheidsplan.",
            next_steps: steps,
            result: ConsultationResult::NoReferral,
        }
    }

    fn step(what: &str, who: &str) -> NextStep {
        NextStep {
            what: what.into(),
            who: who.into(),
        }
    }

    fn stored<'a>(state: ConsultationState, about: About<'a>) -> Consultation<'a> {
        Consultation {
            state,
            on: date(2026, 11, 24),
            organisation_id: SAVE,
            worker_id: "lotte",
            asked_by: "sanne",
            about,
        }
    }

    #[test]
    fn on_site_days_skip_public_holidays_and_respect_the_period() {
        let cal = Calendar::default();
        let mut s = slot();
        s.day = OnSiteDay::Monday;
        // Mondays in April 2026: Easter Monday (6 April) and King's Day (27 April) are off.
        assert_eq!(
            on_site_days(&s, date(2026, 4, 1), date(2026, 4, 30), &cal),
            vec![date(2026, 4, 13), date(2026, 4, 20)]
        );
        assert!(!is_on_site_day(&s, date(2026, 4, 6), &cal), "Easter Monday");
        assert!(is_on_site_day(&s, date(2026, 4, 13), &cal));
        assert!(!is_on_site_day(&s, date(2026, 4, 14), &cal), "a Tuesday");
        // The period: not before the start, not after the end (the last day counts).
        let mut t = slot();
        t.ends_on = Some(date(2026, 1, 20));
        assert_eq!(
            on_site_days(&t, date(2025, 12, 1), date(2026, 2, 28), &cal),
            vec![date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20)]
        );
        assert!(!is_on_site_day(&t, date(2025, 12, 30), &cal), "before");
        assert!(!is_on_site_day(&t, date(2026, 1, 27), &cal), "after");
        // Christmas on a Friday (2026): no on-site Friday that week.
        let mut f = slot();
        f.day = OnSiteDay::Friday;
        assert!(
            on_site_days(&f, date(2026, 12, 21), date(2027, 1, 3), &cal).is_empty(),
            "25 December and 1 January are both Fridays and both off"
        );
        assert_eq!(
            next_on_site_days(&f, date(2026, 12, 21), 2, &cal),
            vec![date(2027, 1, 8), date(2027, 1, 15)]
        );
        assert!(on_site_days(&s, date(2026, 4, 30), date(2026, 4, 1), &cal).is_empty());
    }

    #[test]
    fn only_a_team_lead_of_a_certified_institution_manages_the_schedule() {
        assert!(may_manage_schedule(
            &[Role::TeamLead],
            OrganisationKind::CertifiedInstitution
        ));
        assert!(!may_manage_schedule(
            &[Role::Professional, Role::BehaviouralScientist],
            OrganisationKind::CertifiedInstitution
        ));
        assert!(!may_manage_schedule(
            &[Role::TeamLead],
            OrganisationKind::LocalTeam
        ));
    }

    #[test]
    fn a_slot_is_added_by_the_lead_for_an_own_worker_at_a_local_team_without_clashes() {
        let new = slot();
        assert_eq!(check_slot(&new, &facts(&[])), Ok(()));
        let mut f = facts(&[]);
        f.manager.roles = &[Role::Professional];
        assert_eq!(check_slot(&new, &f), Err(OnSiteError::NotTeamLead));
        let mut f = facts(&[]);
        f.worker_organisation_id = "wss";
        assert_eq!(check_slot(&new, &f), Err(OnSiteError::WorkerNotOurs));
        let mut f = facts(&[]);
        f.worker_active = false;
        assert_eq!(check_slot(&new, &f), Err(OnSiteError::WorkerInactive));
        let mut f = facts(&[]);
        f.team_kind = OrganisationKind::CertifiedInstitution;
        assert_eq!(check_slot(&new, &f), Err(OnSiteError::NotLocalTeam));
        let mut backwards = slot();
        backwards.ends_on = Some(date(2026, 1, 5));
        assert_eq!(
            check_slot(&backwards, &facts(&[])),
            Err(OnSiteError::EndBeforeStart)
        );
        let mut one_day = slot();
        one_day.ends_on = Some(one_day.starts_on);
        assert_eq!(check_slot(&one_day, &facts(&[])), Ok(()), "a single day");
        // A mistyped year in either date.
        let mut far = slot();
        far.starts_on = date(2206, 1, 6);
        assert!(matches!(
            check_slot(&far, &facts(&[])),
            Err(OnSiteError::StartImplausible(_))
        ));
        let mut far = slot();
        far.ends_on = Some(date(2206, 1, 6));
        assert!(matches!(
            check_slot(&far, &facts(&[])),
            Err(OnSiteError::EndImplausible(_))
        ));
        assert!(matches!(
            check_end_slot(&slot(), lead(), date(2206, 1, 6), date(2026, 11, 23), 0),
            Err(OnSiteError::EndImplausible(_))
        ));
    }

    #[test]
    fn one_worker_is_never_in_two_places_at_once() {
        let mut elsewhere = slot();
        elsewhere.team_id = "zuilen".into();
        // The same worker, weekday and part of the day, open-ended: a clash.
        assert_eq!(
            check_slot(&elsewhere, &facts(&[slot()])),
            Err(OnSiteError::WorkerDoubleBooked)
        );
        // The afternoon, another weekday, or another worker: fine.
        let mut afternoon = elsewhere.clone();
        afternoon.part = PartOfDay::Afternoon;
        assert_eq!(check_slot(&afternoon, &facts(&[slot()])), Ok(()));
        let mut thursday = elsewhere.clone();
        thursday.day = OnSiteDay::Thursday;
        assert_eq!(check_slot(&thursday, &facts(&[slot()])), Ok(()));
        let mut colleague = slot();
        colleague.worker_id = "noor".into();
        assert_eq!(check_slot(&elsewhere, &facts(&[colleague])), Ok(()));
        // Periods that do not share a day do not clash; touching on one day does.
        let mut until = slot();
        until.ends_on = Some(date(2026, 6, 30));
        let mut after = elsewhere.clone();
        after.starts_on = date(2026, 7, 1);
        assert_eq!(check_slot(&after, &facts(&[until.clone()])), Ok(()));
        after.starts_on = date(2026, 6, 30);
        assert_eq!(
            check_slot(&after, &facts(&[until])),
            Err(OnSiteError::WorkerDoubleBooked)
        );
        let mut before = elsewhere;
        before.starts_on = date(2025, 1, 7);
        before.ends_on = Some(date(2025, 12, 30));
        assert_eq!(check_slot(&before, &facts(&[slot()])), Ok(()));
    }

    #[test]
    fn ending_a_slot() {
        let today = date(2026, 11, 23);
        let s = slot();
        assert_eq!(
            check_end_slot(&s, lead(), date(2026, 12, 31), today, 0),
            Ok(())
        );
        let mut pro = lead();
        pro.roles = &[Role::Professional];
        assert_eq!(
            check_end_slot(&s, pro, date(2026, 12, 31), today, 0),
            Err(OnSiteError::NotTeamLead)
        );
        let mut other = lead();
        other.organisation_id = "wss";
        assert_eq!(
            check_end_slot(&s, other, date(2026, 12, 31), today, 0),
            Err(OnSiteError::WorkerNotOurs)
        );
        assert_eq!(
            check_end_slot(&s, lead(), date(2025, 12, 31), today, 0),
            Err(OnSiteError::EndBeforeStart)
        );
        assert_eq!(
            check_end_slot(&s, lead(), date(2026, 12, 31), today, 2),
            Err(OnSiteError::ConsultationsAfterEnd(2))
        );
        let mut ended = slot();
        ended.ends_on = Some(date(2026, 11, 17));
        assert_eq!(
            check_end_slot(&ended, lead(), date(2026, 11, 10), today, 0),
            Err(OnSiteError::SlotEnded)
        );
        // An end still to come may be brought forward.
        let mut planned = slot();
        planned.ends_on = Some(date(2027, 6, 29));
        assert_eq!(
            check_end_slot(&planned, lead(), date(2026, 12, 29), today, 0),
            Ok(())
        );
    }

    #[test]
    fn obvious_identifiers_in_anonymous_text() {
        for text in [
            "Gezin op 3562 JW, vader drinkt",
            "postcode 3562JW",
            "BSN 123456789",
            "bel 0612345678",
            "3562 JW",
        ] {
            assert!(looks_identifying(text), "{text}");
        }
        for text in [
            "Sinds 2024 en daarvoor ook al",
            "Kind van 8, moeder 35, sinds 2019 in Nederland",
            "Twee kinderen (3 en 11); zorgen over 1234 euro schuld",
            "Afspraak 12-03-2027 om 10:00",
            "12345 AB",
            "0123 AB",
            "3562 JWX",
            "",
        ] {
            assert!(!looks_identifying(text), "{text}");
        }
    }

    #[test]
    fn booking_legal_and_refused() {
        let cal = Calendar::default();
        let s = slot();
        let tuesday = date(2026, 11, 24);
        // Anonymous, on an on-site day to come: booked.
        assert_eq!(
            book(&request(&s, tuesday, About::Anonymous), &cal),
            Ok(ConsultationState::Booked)
        );
        // Today counts as to come.
        let mut today = request(&s, tuesday, About::Anonymous);
        today.today = tuesday;
        assert_eq!(book(&today, &cal), Ok(ConsultationState::Booked));
        // By name: only with the named-consultation consent for this organisation.
        let given = [named_consent(SAVE, false, None)];
        assert_eq!(
            book(
                &request(&s, tuesday, About::Named { consents: &given }),
                &cal
            ),
            Ok(ConsultationState::Booked)
        );
        for consents in [
            vec![],
            vec![named_consent(SAVE, true, None)],
            vec![named_consent("wss", false, None)],
            vec![named_consent(SAVE, false, Some(date(2026, 11, 23)))],
            vec![ConsentFacts {
                step: ConsentStep::SaveGuidance,
                ..named_consent(SAVE, false, None)
            }],
        ] {
            assert_eq!(
                book(
                    &request(
                        &s,
                        tuesday,
                        About::Named {
                            consents: &consents
                        }
                    ),
                    &cal
                ),
                Err(OnSiteError::ConsentNeeded),
                "{consents:?}"
            );
        }
        let mut outsider = request(&s, tuesday, About::Anonymous);
        outsider.asker_team_id = Some("zuilen");
        assert_eq!(book(&outsider, &cal), Err(OnSiteError::NotOfThisTeam));
        outsider.asker_team_id = None;
        assert_eq!(book(&outsider, &cal), Err(OnSiteError::NotOfThisTeam));
        let mut empty = request(&s, tuesday, About::Anonymous);
        empty.question = "  ";
        assert_eq!(book(&empty, &cal), Err(OnSiteError::QuestionNeeded));
        let mut identifying = request(&s, tuesday, About::Anonymous);
        identifying.question = "Gezin op 3562 JW";
        assert_eq!(
            book(&identifying, &cal),
            Err(OnSiteError::QuestionIdentifying)
        );
        identifying.about = About::Named { consents: &given };
        assert_eq!(
            book(&identifying, &cal),
            Ok(ConsultationState::Booked),
            "by name the address may be named"
        );
        assert_eq!(
            book(&request(&s, date(2026, 11, 25), About::Anonymous), &cal),
            Err(OnSiteError::NotAnOnSiteDay)
        );
        let far = date(2206, 11, 1)
            .nth_weekday_of_month(1, Weekday::Tuesday)
            .unwrap();
        assert!(matches!(
            book(&request(&s, far, About::Anonymous), &cal),
            Err(OnSiteError::DateImplausible(_))
        ));
        assert_eq!(
            book(&request(&s, date(2026, 11, 17), About::Anonymous), &cal),
            Err(OnSiteError::DateInPast)
        );
    }

    #[test]
    fn a_walk_in_is_held_at_once_with_the_advice() {
        let cal = Calendar::default();
        let s = slot();
        let steps = [step("Veiligheidsplan met moeder", "buurtteam")];
        let mut r = request(&s, date(2026, 11, 17), About::Anonymous);
        assert_eq!(
            walk_in(&r, "lotte", &advice(&steps), &cal),
            Ok(ConsultationState::Held)
        );
        assert_eq!(
            walk_in(&r, "noor", &advice(&steps), &cal),
            Err(OnSiteError::NotTheWorker)
        );
        r.on = date(2026, 11, 24);
        assert_eq!(
            walk_in(&r, "lotte", &advice(&steps), &cal),
            Err(OnSiteError::DateInFuture)
        );
        r.on = date(2026, 11, 18);
        assert_eq!(
            walk_in(&r, "lotte", &advice(&steps), &cal),
            Err(OnSiteError::NotAnOnSiteDay)
        );
        // Two weeks back at most: the Tuesday 14 days ago still, the one before not.
        let mut late = request(&s, date(2026, 11, 10), About::Anonymous);
        late.today = date(2026, 11, 24);
        assert_eq!(
            walk_in(&late, "lotte", &advice(&steps), &cal),
            Ok(ConsultationState::Held)
        );
        late.on = date(2026, 11, 3);
        assert_eq!(
            walk_in(&late, "lotte", &advice(&steps), &cal),
            Err(OnSiteError::TooLongAgo)
        );
        assert_eq!(
            walk_in_days(&s, date(2026, 11, 24), &cal),
            vec![date(2026, 11, 24), date(2026, 11, 17), date(2026, 11, 10)],
            "today and the on-site days of the last two weeks, newest first"
        );
        let r = request(&s, date(2026, 11, 17), About::Anonymous);
        let mut no_advice = advice(&steps);
        no_advice.advice = "";
        assert_eq!(
            walk_in(&r, "lotte", &no_advice, &cal),
            Err(OnSiteError::AdviceNeeded)
        );
        let none: [NextStep; 0] = [];
        assert_eq!(
            walk_in(&r, "lotte", &advice(&none), &cal),
            Ok(ConsultationState::Held),
            "next steps are optional"
        );
        let given = [named_consent(SAVE, false, None)];
        let named = request(&s, date(2026, 11, 17), About::Named { consents: &given });
        assert_eq!(
            walk_in(&named, "lotte", &advice(&steps), &cal),
            Ok(ConsultationState::Held)
        );
        let withdrawn = [named_consent(SAVE, true, None)];
        let named = request(
            &s,
            date(2026, 11, 17),
            About::Named {
                consents: &withdrawn,
            },
        );
        assert_eq!(
            walk_in(&named, "lotte", &advice(&steps), &cal),
            Err(OnSiteError::ConsentNeeded)
        );
    }

    #[test]
    fn booked_to_held_and_the_refusals() {
        let steps = [
            step("Gesprek met moeder over de ruzies", "Sanne (buurtteam)"),
            step("Meedenken bij het veiligheidsplan", "SAVE"),
        ];
        let on = date(2026, 11, 24);
        let booked = stored(ConsultationState::Booked, About::Anonymous);
        assert_eq!(
            record_advice(&booked, "lotte", on, &advice(&steps)),
            Ok(ConsultationState::Held)
        );
        assert_eq!(
            record_advice(&booked, "lotte", date(2026, 12, 1), &advice(&steps)),
            Ok(ConsultationState::Held),
            "recorded later"
        );
        assert_eq!(
            record_advice(&booked, "sanne", on, &advice(&steps)),
            Err(OnSiteError::NotTheWorker),
            "the asker does not write the advice"
        );
        assert_eq!(
            record_advice(&booked, "lotte", date(2026, 11, 23), &advice(&steps)),
            Err(OnSiteError::NotYetHeld(on))
        );
        let mut empty = advice(&steps);
        empty.advice = " ";
        assert_eq!(
            record_advice(&booked, "lotte", on, &empty),
            Err(OnSiteError::AdviceNeeded)
        );
        let half = [step("Gesprek met moeder", "buurtteam"), step("Melden", " ")];
        assert_eq!(
            record_advice(&booked, "lotte", on, &advice(&half)),
            Err(OnSiteError::StepIncomplete(2))
        );
        let nothing_to_do = [step(" ", "SAVE")];
        assert_eq!(
            record_advice(&booked, "lotte", on, &advice(&nothing_to_do)),
            Err(OnSiteError::StepIncomplete(1))
        );
        let identifying = [step("Bel vader op 0612345678", "buurtteam")];
        assert_eq!(
            record_advice(&booked, "lotte", on, &advice(&identifying)),
            Err(OnSiteError::AdviceIdentifying)
        );
        for result in ConsultationResult::ALL {
            let mut a = advice(&steps);
            a.result = *result;
            assert_eq!(
                record_advice(&booked, "lotte", on, &a),
                Ok(ConsultationState::Held)
            );
        }
        // Held and cancelled are final.
        assert_eq!(
            record_advice(
                &stored(ConsultationState::Held, About::Anonymous),
                "lotte",
                on,
                &advice(&steps)
            ),
            Err(OnSiteError::AlreadyHeld)
        );
        assert_eq!(
            record_advice(
                &stored(ConsultationState::Cancelled, About::Anonymous),
                "lotte",
                on,
                &advice(&steps)
            ),
            Err(OnSiteError::AlreadyCancelled)
        );
        // By name: the consent must still hold on the day.
        let given = [named_consent(SAVE, false, None)];
        assert_eq!(
            record_advice(
                &stored(ConsultationState::Booked, About::Named { consents: &given }),
                "lotte",
                on,
                &advice(&identifying)
            ),
            Ok(ConsultationState::Held)
        );
        let withdrawn = [named_consent(SAVE, true, None)];
        assert_eq!(
            record_advice(
                &stored(
                    ConsultationState::Booked,
                    About::Named {
                        consents: &withdrawn
                    }
                ),
                "lotte",
                on,
                &advice(&steps)
            ),
            Err(OnSiteError::ConsentNeeded)
        );
    }

    #[test]
    fn booked_to_cancelled_and_the_refusals() {
        let booked = stored(ConsultationState::Booked, About::Anonymous);
        assert_eq!(
            cancel(&booked, "sanne", "Moeder heeft zelf hulp gezocht"),
            Ok(ConsultationState::Cancelled)
        );
        assert_eq!(
            cancel(&booked, "lotte", "Ziek"),
            Ok(ConsultationState::Cancelled)
        );
        assert_eq!(cancel(&booked, "mohamed", "x"), Err(OnSiteError::NotYours));
        assert_eq!(
            cancel(&booked, "sanne", " "),
            Err(OnSiteError::ReasonNeeded)
        );
        assert_eq!(
            cancel(
                &stored(ConsultationState::Held, About::Anonymous),
                "sanne",
                "x"
            ),
            Err(OnSiteError::AlreadyHeld)
        );
        assert_eq!(
            cancel(
                &stored(ConsultationState::Cancelled, About::Anonymous),
                "sanne",
                "x"
            ),
            Err(OnSiteError::AlreadyCancelled)
        );
    }

    #[test]
    fn only_the_worker_and_the_asker_read_a_consultation() {
        let c = stored(ConsultationState::Booked, About::Anonymous);
        assert!(may_view(&c, "lotte"));
        assert!(may_view(&c, "sanne"));
        assert!(!may_view(&c, "mohamed"));
    }

    #[test]
    fn codes_round_trip() {
        for d in OnSiteDay::ALL {
            assert_eq!(d.code().parse::<OnSiteDay>(), Ok(*d));
        }
        assert!("saturday".parse::<OnSiteDay>().is_err(), "no weekends");
        for r in ConsultationResult::ALL {
            assert_eq!(r.code().parse::<ConsultationResult>(), Ok(*r));
        }
    }

    #[test]
    fn a_period_of_past_consultations_is_bounded_never_cut() {
        let today = date(2026, 12, 6);
        assert_eq!(
            history_period(None, None, today),
            Ok((date(2026, 11, 8), today))
        );
        assert_eq!(
            history_period(Some(date(2026, 1, 1)), Some(date(2026, 12, 31)), today),
            Ok((date(2026, 1, 1), date(2026, 12, 31)))
        );
        assert_eq!(
            history_period(Some(date(2026, 12, 7)), None, today),
            Err(OnSiteError::PeriodReversed)
        );
        assert_eq!(
            history_period(Some(date(2025, 1, 1)), Some(date(2026, 1, 2)), today),
            Err(OnSiteError::PeriodTooLong)
        );
    }

    #[test]
    fn the_team_lead_of_the_institution_cancels_a_booking() {
        let c = Consultation {
            state: ConsultationState::Booked,
            on: date(2026, 12, 10),
            organisation_id: SAVE,
            worker_id: "lotte",
            asked_by: "sanne",
            about: About::Anonymous,
        };
        let lead = Manager {
            roles: &[Role::TeamLead],
            kind: OrganisationKind::CertifiedInstitution,
            organisation_id: SAVE,
        };
        assert_eq!(
            lead_cancel(&c, &lead, "Lotte is ziek"),
            Ok(ConsultationState::Cancelled)
        );
        assert_eq!(lead_cancel(&c, &lead, " "), Err(OnSiteError::ReasonNeeded));
        let elsewhere = Manager {
            organisation_id: "wss",
            ..lead
        };
        assert_eq!(
            lead_cancel(&c, &elsewhere, "Lotte is ziek"),
            Err(OnSiteError::NotTeamLead)
        );
        let worker = Manager {
            roles: &[Role::Professional],
            ..lead
        };
        assert_eq!(
            lead_cancel(&c, &worker, "Lotte is ziek"),
            Err(OnSiteError::NotTeamLead)
        );
        let held = Consultation {
            state: ConsultationState::Held,
            ..c
        };
        assert_eq!(
            lead_cancel(&held, &lead, "Lotte is ziek"),
            Err(OnSiteError::AlreadyHeld)
        );
    }
}
