//! What a role's start page counts: the periods and windows its blocks are built on. A
//! start page is opened many times a day; these rules make its counts mean the same
//! thing on every visit and in every block, and the store only narrows by them.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::time::{UtcTime, amsterdam_day_start};

/// "This month" on a team lead's start page: the Dutch calendar month `today` lies in,
/// from its first midnight in Amsterdam up to (not including) the next month's. A
/// calendar month rather than the last thirty days, so the count a team lead reads on
/// the 28th is the one their monthly report asks for.
pub fn this_month(today: Date) -> (UtcTime, UtcTime) {
    let first = today.first_of_month();
    let next = first.saturating_add(1.month());
    (amsterdam_day_start(first), amsterdam_day_start(next))
}

/// How long a refused attempt to open a file stays on the privacy officer's start page.
/// Thirty days: an officer who looks once a month misses none; older ones are in the
/// access log, a filter away.
pub const REFUSED_SHOWN_DAYS: i64 = 30;

/// From when the privacy officer's start page lists refused attempts.
pub fn refused_since(now: UtcTime) -> UtcTime {
    let then = now
        .timestamp()
        .checked_sub((REFUSED_SHOWN_DAYS * 24).hours())
        .unwrap_or(now.timestamp());
    UtcTime::from_timestamp(then)
}

/// How many days ahead a plan's review counts as due on a behavioural scientist's start
/// page: two weeks, time enough to read the file and plan the meeting before the date.
pub const REVIEW_DUE_AHEAD_DAYS: i64 = 14;

/// Whether a plan with review date `review_date` asks for its review now: the date lies
/// within [`REVIEW_DUE_AHEAD_DAYS`] from `today`, or has passed. A plan without a review
/// date asks nothing here (the regisseur's overview says it lacks one).
pub fn review_due(review_date: Option<Date>, today: Date) -> bool {
    review_date.is_some_and(|d| d <= today.saturating_add(REVIEW_DUE_AHEAD_DAYS.days()))
}

/// Whether a joint assessment meeting is still ahead on `today`: scheduled, not held or
/// cancelled, on today or a later day. A meeting that was to be today but is not yet
/// recorded as held stays on the list for the whole day.
pub fn meeting_ahead(scheduled: bool, meets_on: Date, today: Date) -> bool {
    scheduled && meets_on >= today
}

/// The period of a policy officer's headline figures: the last twelve complete calendar
/// months, up to the end of last month. Whole months so the figure does not wobble with
/// the day of the month, is never widened past today by the small-cell rule (a partial
/// month would be), and is read from the month cells; a year so a season does not pass
/// for a trend.
pub fn headline_period(today: Date) -> (Date, Date) {
    let this_month = today.first_of_month();
    (
        this_month.saturating_sub(12.months()),
        this_month.yesterday().unwrap_or(this_month),
    )
}

/// How many days before its term a copy request counts as due soon on a privacy
/// officer's start page: a week, time enough to review the export and hand it over
/// (or, in the first month, to tell the member of an extension).
pub const COPY_DUE_SOON_DAYS: i64 = 7;

/// Whether a copy request due on `due` (the domain's `copy_due`) is due soon or late on
/// `today`: the start page marks it.
pub fn copy_due_soon(due: Date, today: Date) -> bool {
    due <= today.saturating_add(COPY_DUE_SOON_DAYS.days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn this_month_is_the_dutch_calendar_month() {
        // Winter time: midnight in Amsterdam is 23:00 UTC the day before.
        let (from, until) = this_month(date(2026, 12, 7));
        assert_eq!(from.to_rfc3339(), "2026-11-30T23:00:00.000000Z");
        assert_eq!(until.to_rfc3339(), "2026-12-31T23:00:00.000000Z");
        // The month the clocks go forward: it starts in winter time, ends in summer time.
        let (from, until) = this_month(date(2027, 3, 31));
        assert_eq!(from.to_rfc3339(), "2027-02-28T23:00:00.000000Z");
        assert_eq!(until.to_rfc3339(), "2027-03-31T22:00:00.000000Z");
        // The last day of the month is in it; the first of the next is not.
        let (_, until_dec) = this_month(date(2026, 12, 31));
        assert_eq!(until_dec, this_month(date(2027, 1, 1)).0);
    }

    #[test]
    fn headline_figures_cover_twelve_calendar_months() {
        assert_eq!(
            headline_period(date(2026, 12, 7)),
            (date(2025, 12, 1), date(2026, 11, 30))
        );
        assert_eq!(
            headline_period(date(2027, 3, 31)),
            (date(2026, 3, 1), date(2027, 2, 28))
        );
        // On the first of a month, the month just ended is the last one.
        assert_eq!(
            headline_period(date(2027, 1, 1)),
            (date(2026, 1, 1), date(2026, 12, 31))
        );
    }

    #[test]
    fn refused_attempts_stay_thirty_days() {
        let now = UtcTime::parse("2026-12-07T10:00:00Z").expect("valid");
        assert_eq!(
            refused_since(now).to_rfc3339(),
            "2026-11-07T10:00:00.000000Z"
        );
    }

    #[test]
    fn a_review_is_due_two_weeks_ahead_and_when_passed() {
        let today = date(2026, 12, 7);
        assert!(review_due(Some(date(2026, 11, 1)), today), "passed");
        assert!(review_due(Some(today), today), "today");
        assert!(review_due(Some(date(2026, 12, 21)), today), "in 14 days");
        assert!(!review_due(Some(date(2026, 12, 22)), today), "in 15 days");
        assert!(!review_due(None, today), "no review date");
    }

    #[test]
    fn a_copy_is_due_soon_a_week_ahead_and_when_late() {
        let today = date(2026, 12, 7);
        assert!(copy_due_soon(date(2026, 12, 14), today), "in 7 days");
        assert!(!copy_due_soon(date(2026, 12, 15), today), "in 8 days");
        assert!(copy_due_soon(date(2026, 11, 30), today), "late");
    }

    #[test]
    fn a_meeting_is_ahead_from_today_while_scheduled() {
        let today = date(2026, 12, 7);
        assert!(meeting_ahead(true, today, today));
        assert!(meeting_ahead(true, date(2027, 1, 5), today));
        assert!(!meeting_ahead(true, date(2026, 12, 6), today), "yesterday");
        assert!(
            !meeting_ahead(false, date(2027, 1, 5), today),
            "held or cancelled"
        );
    }
}
