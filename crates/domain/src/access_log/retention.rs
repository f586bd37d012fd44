//! How long an access-log line is kept, and so which lines a cut may remove (issue 18
//! §4).
//!
//! A family may always ask who looked at their file (AVG art. 15, NEN 7513), so by
//! default a line is kept as long as the file it concerns: while the file is open, and
//! until the file's own retention term has run out after closing
//! ([`crate::family::closing::retention_ends_on`], Jeugdwet art. 7.3.8). A line that
//! concerns no file (a search, a refused sign-in, a wide export) has no file to follow;
//! it is kept for the same twenty years, counted from the line itself, so it never goes
//! before the lines of the files it may have touched. A region may configure a fixed
//! term in years instead (its privacy officer's decision, written down in its
//! processing register); the default is the one the law's purpose asks.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::family::closing::{RETENTION_YEARS, retention_ends_on};

/// The term a region keeps its access-log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Retention {
    /// As long as the file the line concerns is kept (the default).
    #[default]
    AsLongAsTheFile,
    /// A fixed number of years after the line, whatever became of the file.
    Years(u16),
}

/// What became of the file a line concerns, as the store finds it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// The line concerns no file.
    NoFile,
    Open,
    /// Closed on this (Dutch) day.
    Closed {
        closed_on: Date,
    },
    /// The file is no longer there: it was destroyed after its own term.
    Destroyed,
}

/// Why a line may not be cut yet; each says until when (or that it cannot tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The file it concerns is still open: kept at least twenty years after closing.
    FileOpen,
    /// The file it concerns is kept until this day.
    WithTheFile { until: Date },
    /// The line's own term runs until this day.
    Term { until: Date },
}

impl fmt::Display for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kept::FileOpen => write!(
                f,
                "the file it concerns is still open (its lines are kept until {RETENTION_YEARS} years after closing)"
            ),
            Kept::WithTheFile { until } => write!(
                f,
                "the file it concerns is kept until {until}, and its lines with it"
            ),
            Kept::Term { until } => write!(f, "it is kept until {until}"),
        }
    }
}

/// Whether a line written on `written_on` (a Dutch day) about `file` may be cut on
/// `today` under `retention`.
pub fn may_cut(
    retention: Retention,
    written_on: Date,
    file: FileState,
    today: Date,
) -> Result<(), Kept> {
    let own_term = |years: i16| {
        let until = written_on.checked_add(years.years()).unwrap_or(Date::MAX);
        if today >= until {
            Ok(())
        } else {
            Err(Kept::Term { until })
        }
    };
    match (retention, file) {
        (Retention::Years(years), _) => own_term(i16::try_from(years).unwrap_or(i16::MAX)),
        (Retention::AsLongAsTheFile, FileState::NoFile) => own_term(RETENTION_YEARS),
        (Retention::AsLongAsTheFile, FileState::Open) => Err(Kept::FileOpen),
        (Retention::AsLongAsTheFile, FileState::Closed { closed_on }) => {
            let until = retention_ends_on(closed_on);
            if today >= until {
                Ok(())
            } else {
                Err(Kept::WithTheFile { until })
            }
        }
        (Retention::AsLongAsTheFile, FileState::Destroyed) => Ok(()),
    }
}

/// Why a configured term is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a term of {0} years is not a term: give at least 1 year")]
pub struct TermError(pub u16);

impl Retention {
    /// A fixed term of `years`; zero would let a cut remove yesterday's lines.
    pub fn years(years: u16) -> Result<Retention, TermError> {
        if years == 0 {
            Err(TermError(years))
        } else {
            Ok(Retention::Years(years))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const DEFAULT: Retention = Retention::AsLongAsTheFile;

    #[test]
    fn the_default_keeps_a_line_while_its_file_is_open() {
        assert_eq!(
            may_cut(DEFAULT, date(2001, 1, 1), FileState::Open, date(2060, 1, 1)),
            Err(Kept::FileOpen)
        );
    }

    #[test]
    fn the_default_keeps_a_line_until_its_closed_file_may_be_destroyed() {
        let closed = FileState::Closed {
            closed_on: date(2026, 12, 3),
        };
        assert_eq!(
            may_cut(DEFAULT, date(2025, 1, 1), closed, date(2046, 12, 2)),
            Err(Kept::WithTheFile {
                until: date(2046, 12, 3)
            })
        );
        assert_eq!(
            may_cut(DEFAULT, date(2025, 1, 1), closed, date(2046, 12, 3)),
            Ok(())
        );
    }

    #[test]
    fn the_default_lets_the_lines_of_a_destroyed_file_go() {
        assert_eq!(
            may_cut(
                DEFAULT,
                date(2026, 1, 1),
                FileState::Destroyed,
                date(2027, 1, 1)
            ),
            Ok(())
        );
    }

    #[test]
    fn a_line_about_no_file_is_kept_twenty_years_from_itself() {
        assert_eq!(
            may_cut(
                DEFAULT,
                date(2026, 3, 1),
                FileState::NoFile,
                date(2046, 2, 28)
            ),
            Err(Kept::Term {
                until: date(2046, 3, 1)
            })
        );
        assert_eq!(
            may_cut(
                DEFAULT,
                date(2026, 3, 1),
                FileState::NoFile,
                date(2046, 3, 1)
            ),
            Ok(())
        );
    }

    #[test]
    fn a_configured_term_counts_from_the_line_whatever_became_of_the_file() {
        let five = Retention::years(5).expect("a term");
        assert_eq!(
            may_cut(five, date(2026, 3, 1), FileState::Open, date(2031, 3, 1)),
            Ok(())
        );
        assert_eq!(
            may_cut(
                five,
                date(2026, 3, 1),
                FileState::Destroyed,
                date(2031, 2, 28)
            ),
            Err(Kept::Term {
                until: date(2031, 3, 1)
            })
        );
        assert_eq!(Retention::years(0), Err(TermError(0)));
    }

    #[test]
    fn why_a_line_is_kept_reads_as_a_sentence() {
        assert_eq!(
            Kept::WithTheFile {
                until: date(2046, 12, 3)
            }
            .to_string(),
            "the file it concerns is kept until 2046-12-03, and its lines with it"
        );
    }
}
