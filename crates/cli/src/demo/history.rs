//! The demo's simulated history: when each family's file opened and how the chain
//! worked with it, drawn from the parameters below. SYNTHETIC: the numbers these
//! produce (lead times, handovers, faces) are what the parameters were set to, never a
//! measurement of the pilots; every page on a demo database says "Synthetische
//! gegevens". The pilots start at the dates the evaluation knows
//! ([`eenplan_domain::evaluation::pilot::KNOWN_PILOTS`]), so a pilot area looks
//! different after its start, as the evaluation is built to show.

use eenplan_domain::UtcTime;
use eenplan_domain::evaluation::pilot::{KNOWN_PILOTS, Phase};
use eenplan_domain::family::ClosingReason;
use eenplan_domain::time::{amsterdam_date, amsterdam_day_start};
use eenplan_store::Tx;
use jiff::civil::Date;

/// The first day of the simulated history.
pub const HISTORY_STARTS: Date = jiff::civil::date(2018, 1, 1);

/// How the chain behaves around one family, in one way of working. One place for every
/// number the simulation draws from, so the demo's "results" are visibly chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Behaviour {
    /// Days from the file opening to the first draft of the plan (at most).
    pub days_to_plan: usize,
    /// Days from the draft to the agreed plan (at most).
    pub days_to_agreement: usize,
    /// Days from the file opening to help starting (SAVE-begeleiding, at most).
    pub days_to_help: usize,
    /// Percent chance that the lead is handed to another professional.
    pub lead_handover: u64,
    /// Percent chance that a partner's work is handed to a colleague.
    pub partner_handover: u64,
    /// Percent chance that SAVE-begeleiding is part of the help.
    pub save_guidance: u64,
    /// Percent chance that the local team calls in the EVU for a family without
    /// SAVE-begeleiding that lives where the EVU works (national-scale part only).
    pub evu_referral: u64,
}

/// The rest of the chain, and every area before its pilot began.
pub const USUAL: Behaviour = Behaviour {
    days_to_plan: 60,
    days_to_agreement: 45,
    days_to_help: 90,
    lead_handover: 30,
    partner_handover: 25,
    save_guidance: 45,
    evu_referral: 30,
};

/// A pilot area after the pilot's start: shorter, faster, fewer handovers (the pilots'
/// hypothesis, put in by hand; the demo proves nothing about it).
pub const PILOT: Behaviour = Behaviour {
    days_to_plan: 25,
    days_to_agreement: 20,
    days_to_help: 35,
    lead_handover: 10,
    partner_handover: 8,
    save_guidance: 55,
    evu_referral: 60,
};

/// How files close once their help has ended, and how many come back. SYNTHETIC like
/// every number here: chosen so the demo's lists hold closed files and a few reopened
/// ones, never a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closing {
    /// Percent chance that a file whose help has ended is closed.
    pub closes: u64,
    /// Days from the file's last step to its closing (at most).
    pub within_days: usize,
    /// Percent chance that a closed file is reopened.
    pub reopens: u64,
    /// Days from the closing to the reopening (at most).
    pub reopen_within_days: usize,
}

pub const CLOSING: Closing = Closing {
    closes: 70,
    within_days: 120,
    reopens: 8,
    reopen_within_days: 365,
};

/// A closing reason for draw `n` (0..100): mostly the goals reached, then a move, a
/// handover, a family stopping; now and then "Anders" with its note.
pub fn closing_reason(n: usize) -> (ClosingReason, Option<&'static str>) {
    match n {
        0..60 => (ClosingReason::GoalsReached, None),
        60..75 => (ClosingReason::MovedAway, None),
        75..85 => (
            ClosingReason::HandedOver,
            Some("Verder bij de specialistische jeugdhulp"),
        ),
        85..95 => (ClosingReason::DeclinesHelp, None),
        _ => (
            ClosingReason::Other,
            Some("Gezin is naar het buitenland vertrokken"),
        ),
    }
}

/// Why a closed file reopens in the demo.
pub const REOPEN_REASON: &str = "Nieuwe zorgen gemeld door school";

/// How the chain behaves for a family in `area` (a pilot's area name) on `on`: the
/// pilot's behaviour once its start has surely passed, the usual one otherwise.
pub fn behaviour(area: &str, on: Date) -> Behaviour {
    let after = KNOWN_PILOTS
        .iter()
        .any(|(_, name, start)| area_matches(name, area) && start.phase(on) == Phase::After);
    if after { PILOT } else { USUAL }
}

/// "Overvecht/De Gagel" names the neighbourhood De Gagel.
fn area_matches(pilot_area: &str, area: &str) -> bool {
    pilot_area == area || pilot_area.rsplit('/').next() == Some(area)
}

/// The day family `n` of `count` opened: spread from [`HISTORY_STARTS`] to `today`,
/// more of them recently (so the demo has current work to show), in the order they
/// are made, so the journal grows in date order file by file.
pub fn opened_on(n: u64, count: u64, today: Date) -> Date {
    let span = HISTORY_STARTS.until(today).map_or(0, |s| s.get_days());
    let left = 1.0 - (n as f64 + 0.5) / count.max(1) as f64;
    // A square root curve: half the files opened in the last quarter of the span.
    let ago = (f64::from(span) * left * left) as i64;
    plus(today, -ago)
}

pub fn plus(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// Sets the transaction's clock to `day`: 09:00 in Amsterdam, or a minute after the
/// step before it on the same day, so one family's entries keep their order; never
/// later than the real now (nothing is dated in the future).
pub fn on(tx: &mut Tx, day: Date) {
    let before = tx.now();
    let morning = moment(day, 0);
    let at = if amsterdam_date(before) == day && before >= morning {
        UtcTime::from_timestamp(before.timestamp() + jiff::SignedDuration::from_mins(1))
    } else {
        morning
    };
    tx.set_clock(at.min(UtcTime::now()));
}

/// `minutes` past 09:00 in Amsterdam on `day`, never later than the real now.
pub fn moment(day: Date, minutes: i64) -> UtcTime {
    let at = UtcTime::from_timestamp(
        amsterdam_day_start(day).timestamp()
            + jiff::SignedDuration::from_hours(9)
            + jiff::SignedDuration::from_mins(minutes),
    );
    at.min(UtcTime::now())
}

/// [`on`] `day`, or the family's latest step when that came later: a family's entries
/// never go back in time.
pub fn onward(tx: &mut Tx, day: Date) {
    let latest = amsterdam_date(tx.now());
    on(tx, day.max(latest));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pilot_areas_behave_differently_only_after_their_start() {
        let day = |y, m, d| jiff::civil::date(y, m, d);
        assert_eq!(behaviour("Montfoort", day(2020, 4, 30)), USUAL);
        assert_eq!(behaviour("Montfoort", day(2020, 6, 1)), PILOT);
        assert_eq!(behaviour("De Gagel", day(2021, 11, 1)), PILOT);
        // Known only to the year: surely begun once that year is over.
        assert_eq!(behaviour("Woerden", day(2020, 7, 1)), USUAL);
        assert_eq!(behaviour("Woerden", day(2021, 1, 1)), PILOT);
        assert_eq!(behaviour("Spoorzoom", day(2026, 1, 1)), USUAL);
        assert_eq!(behaviour("Utrecht", day(2026, 1, 1)), USUAL);
    }

    #[test]
    fn files_open_in_date_order_across_the_years() {
        let today = jiff::civil::date(2026, 12, 7);
        let days: Vec<Date> = (0..100).map(|n| opened_on(n, 100, today)).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
        assert!(days[0].year() == 2018 && days[99] <= today);
    }
}
