//! Text as people type it, and the dates they enter: what the platform accepts at all.
//!
//! Every piece of text that enters eenplan is one of a few kinds, each with one limit.
//! Control characters are refused because they are never meant (a NUL cannot even be
//! stored in PostgreSQL, and invisible characters in a name make two files look alike);
//! length limits keep a pasted megabyte out of the file, the journal and the access log.
//! Free text keeps tab and line breaks; a line break from a browser (CRLF) is kept as LF,
//! so a note reads, compares and hashes the same whichever client wrote it.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// The kinds of text field. The limit of each is generous for what people write there
/// and far below what would hurt (a page of a few hundred KiB, an access-log line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A search term or lookup (name in the search, emergency lookup): it is copied
    /// into the access log, so it stays short.
    Search,
    /// A person's name (member, network, user): as `PersonName`.
    Name,
    /// Any other single-line field: family label, address, e-mail, contact, team or
    /// organisation name, a short answer.
    Line,
    /// Free text: notes, plan texts, reasons, consent texts, reports.
    Text,
}

impl TextKind {
    /// The maximum length in characters (Unicode scalar values, what a person counts).
    pub const fn max_chars(self) -> usize {
        match self {
            TextKind::Search => 100,
            TextKind::Name => 200,
            TextKind::Line => 300,
            TextKind::Text => 20_000,
        }
    }

    const fn multi_line(self) -> bool {
        matches!(self, TextKind::Text)
    }
}

/// What is wrong with a text, for the person who typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("contains a control character (such as NUL) that cannot be stored: remove it")]
    Control,
    #[error("must be a single line: remove the line break or tab")]
    LineBreak,
    #[error("is too long: use at most {max} characters")]
    TooLong { max: usize },
}

/// A refused text, naming the field it was typed in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct TextError {
    pub field: String,
    pub problem: TextProblem,
}

/// Checks `value` as text of `kind` and returns it as stored: CRLF (and a lone CR)
/// become LF. Leading and trailing spaces are kept; trimming is the caller's business.
pub fn check_text(kind: TextKind, value: &str) -> Result<String, TextProblem> {
    let normalised = if value.contains('\r') {
        value.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        value.to_owned()
    };
    for c in normalised.chars() {
        let line_break = matches!(c, '\n' | '\t');
        if line_break && !kind.multi_line() {
            return Err(TextProblem::LineBreak);
        }
        // C0, DEL and C1 controls; also the Unicode line and paragraph separators in a
        // single line (they render as line breaks).
        let control = c.is_control() && !line_break;
        let separator = matches!(c, '\u{2028}' | '\u{2029}');
        if control {
            return Err(TextProblem::Control);
        }
        if separator && !kind.multi_line() {
            return Err(TextProblem::LineBreak);
        }
    }
    let max = kind.max_chars();
    if normalised.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    Ok(normalised)
}

/// [`check_text`] naming the field in its error.
pub fn check_field(field: &str, kind: TextKind, value: &str) -> Result<String, TextError> {
    check_text(kind, value).map_err(|problem| TextError {
        field: field.to_owned(),
        problem,
    })
}

/// The kinds of date a person enters. Outside its bounds a date is a typing error
/// (0000-01-01, 20266-01-01), never a fact about a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// A date of birth: from 1900-01-01 (the oldest grandparent in a network) to today.
    Birth,
    /// Something that happened or is planned in the work with a family (a note, a
    /// consent, a decision, a deadline, a booking): from 2000-01-01 (older records are
    /// not kept here) to one year ahead (nothing is planned further).
    Event,
    /// The end of something that runs on (a consent, a court's measure): from
    /// 2000-01-01 to 18 years ahead, because nothing about a child runs past the day
    /// they come of age, and a measure for a newborn may be dated that far.
    Until,
    /// Any date a form or the API accepts at all: the union of the above.
    Any,
}

/// The earliest date of birth.
pub const EARLIEST_BIRTH: Date = Date::constant(1900, 1, 1);
/// The earliest date of an event.
pub const EARLIEST_EVENT: Date = Date::constant(2000, 1, 1);

fn year_ahead() -> Span {
    1.year()
}

fn coming_of_age() -> Span {
    18.years()
}

impl DateKind {
    /// The first and last accepted date, as of `today` (the Dutch date).
    pub fn bounds(self, today: Date) -> (Date, Date) {
        let ahead = today.checked_add(year_ahead()).unwrap_or(today);
        let until = today.checked_add(coming_of_age()).unwrap_or(today);
        match self {
            DateKind::Birth => (EARLIEST_BIRTH, today),
            DateKind::Event => (EARLIEST_EVENT, ahead),
            DateKind::Until => (EARLIEST_EVENT, until),
            DateKind::Any => (EARLIEST_BIRTH, until),
        }
    }
}

/// A date outside its kind's bounds; carries them so the message can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must lie between {first} and {last}")]
pub struct DateOutOfRange {
    pub first: Date,
    pub last: Date,
}

/// Checks that `date` is plausible for `kind` as of `today`.
pub fn check_date(kind: DateKind, date: Date, today: Date) -> Result<(), DateOutOfRange> {
    let (first, last) = kind.bounds(today);
    if (first..=last).contains(&date) {
        Ok(())
    } else {
        Err(DateOutOfRange { first, last })
    }
}

/// Reads a date as a Dutch person types it — day-month-year with a dash, slash or dot
/// (`5-12-2026`, `05-12-2026`, `5/12/2026`) — or as a browser's date picker sends it
/// (`2026-12-05`). The year has four digits either way, so `5-12-26` is not read as
/// the year 26; whether the date is plausible is [`check_date`]'s question.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let sep = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (year, month, day) = if sep == '-' && digits(a, 4, 4) && digits(b, 1, 2) && digits(c, 1, 2)
    {
        (a, b, c)
    } else if digits(a, 1, 2) && digits(b, 1, 2) && digits(c, 4, 4) {
        (c, b, a)
    } else {
        return None;
    };
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// A date the way a Dutch form shows it for typing: `05-12-2026`, which
/// [`parse_date`] reads back.
pub fn typed_date(date: Date) -> String {
    format!("{:02}-{:02}-{:04}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn control_characters_are_refused_everywhere() {
        for kind in [
            TextKind::Search,
            TextKind::Name,
            TextKind::Line,
            TextKind::Text,
        ] {
            for bad in ["a\0b", "a\u{7}b", "a\u{1b}[31m", "a\u{7f}", "a\u{85}b"] {
                assert_eq!(check_text(kind, bad), Err(TextProblem::Control), "{bad:?}");
            }
        }
    }

    #[test]
    fn free_text_keeps_lines_and_stores_lf() {
        assert_eq!(
            check_text(TextKind::Text, "een\r\ntwee\rdrie\tvier\n"),
            Ok("een\ntwee\ndrie\tvier\n".to_owned())
        );
        for single in [TextKind::Search, TextKind::Name, TextKind::Line] {
            for bad in ["a\nb", "a\r\nb", "a\tb", "a\u{2028}b"] {
                assert_eq!(check_text(single, bad), Err(TextProblem::LineBreak));
            }
            assert_eq!(
                check_text(single, "Jansen-de Vries"),
                Ok("Jansen-de Vries".into())
            );
        }
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let max = TextKind::Line.max_chars();
        assert!(check_text(TextKind::Line, &"é".repeat(max)).is_ok());
        assert_eq!(
            check_text(TextKind::Line, &"é".repeat(max + 1)),
            Err(TextProblem::TooLong { max })
        );
        assert_eq!(
            check_field("label", TextKind::Search, &"x".repeat(101)).map_err(|e| e.to_string()),
            Err("label is too long: use at most 100 characters".to_owned())
        );
    }

    #[test]
    fn dates_between_their_bounds() {
        let today = date(2026, 12, 6);
        assert!(check_date(DateKind::Birth, date(1900, 1, 1), today).is_ok());
        assert!(check_date(DateKind::Birth, date(1899, 12, 31), today).is_err());
        assert!(check_date(DateKind::Birth, date(2026, 12, 7), today).is_err());
        assert!(check_date(DateKind::Event, date(0, 1, 1), today).is_err());
        assert!(check_date(DateKind::Event, date(2000, 1, 1), today).is_ok());
        assert!(check_date(DateKind::Event, date(2027, 12, 6), today).is_ok());
        assert!(check_date(DateKind::Event, date(2027, 12, 7), today).is_err());
        assert!(check_date(DateKind::Any, date(1950, 5, 5), today).is_ok());
        assert!(check_date(DateKind::Until, date(2044, 12, 6), today).is_ok());
        assert!(check_date(DateKind::Until, date(2044, 12, 7), today).is_err());
        assert!(check_date(DateKind::Until, date(9999, 1, 1), today).is_err());
    }

    #[test]
    fn dates_are_read_as_typed_the_dutch_way_or_as_a_date_picker_sends_them() {
        let fifth = Some(date(2026, 12, 5));
        for typed in [
            "5-12-2026",
            "05-12-2026",
            " 5/12/2026 ",
            "5.12.2026",
            "2026-12-05",
        ] {
            assert_eq!(parse_date(typed), fifth, "{typed}");
        }
        for wrong in [
            "",
            "5-12-26",
            "2026/12/05",
            "31-02-2026",
            "12-2026",
            "5-12-2026-1",
            "a-b-cccc",
            "+5-12-2026",
        ] {
            assert_eq!(parse_date(wrong), None, "{wrong}");
        }
        assert_eq!(typed_date(date(2026, 12, 5)), "05-12-2026");
        assert_eq!(
            parse_date(&typed_date(date(2027, 2, 1))),
            Some(date(2027, 2, 1))
        );
    }
}
