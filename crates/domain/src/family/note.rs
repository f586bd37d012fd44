//! Case notes: who met the family, how, and what happened. The author may edit a note
//! for a limited time; after that, a change is a correction with a reason, shown as
//! such. Every version is kept (DESIGN rule 5).

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use crate::codes::code_list;
use crate::text::{DateKind, TextKind, TextProblem, check_date, check_text};

code_list! {
    Interaction, "interaction type" {
        HomeVisit = "home_visit", "Huisbezoek", "Home visit";
        OfficeConversation = "office", "Gesprek op kantoor", "Conversation at the office";
        Phone = "phone", "Telefonisch", "Phone";
        Consultation = "consultation", "Consultatie", "Consultation";
        Other = "other", "Anders", "Other";
    }
}

/// How long the author may simply edit a note.
pub const EDIT_WINDOW: SignedDuration = SignedDuration::from_hours(24);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteChange {
    /// Within the window: an edit by the author.
    Edit,
    /// After the window: a correction, which needs a reason.
    Correction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("only the author can change a note")]
    NotAuthor,
    #[error("this note is older than 24 hours: a change is a correction and needs a reason")]
    CorrectionNeedsReason,
    #[error("a note needs text")]
    Empty,
    #[error("a note records something that happened: its date cannot lie in the future")]
    InFuture,
    #[error("a note dated before 2000 is a typing error")]
    TooOld,
    #[error("the note {0}")]
    Text(TextProblem),
}

/// A note's text and date, as of `today` (the Dutch date).
pub fn check_note(text: &str, happened_on: Date, today: Date) -> Result<(), NoteError> {
    if text.trim().is_empty() {
        Err(NoteError::Empty)
    } else if let Err(p) = check_text(TextKind::Text, text) {
        Err(NoteError::Text(p))
    } else if happened_on > today {
        Err(NoteError::InFuture)
    } else if check_date(DateKind::Event, happened_on, today).is_err() {
        Err(NoteError::TooOld)
    } else {
        Ok(())
    }
}

/// Decides whether `editor` may change a note written by `author` at `created_at`.
pub fn note_change(
    author: &str,
    editor: &str,
    created_at: Timestamp,
    now: Timestamp,
    reason: Option<&str>,
) -> Result<NoteChange, NoteError> {
    if author != editor {
        return Err(NoteError::NotAuthor);
    }
    if now < created_at + EDIT_WINDOW {
        return Ok(NoteChange::Edit);
    }
    match reason.map(str::trim) {
        Some(r) if !r.is_empty() => Ok(NoteChange::Correction),
        _ => Err(NoteError::CorrectionNeedsReason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_need_text_and_a_date_that_has_been() {
        let today = jiff::civil::date(2026, 11, 22);
        assert_eq!(check_note("Huisbezoek", today, today), Ok(()));
        assert_eq!(check_note("  ", today, today), Err(NoteError::Empty));
        assert_eq!(
            check_note("Huisbezoek", jiff::civil::date(2026, 11, 23), today),
            Err(NoteError::InFuture)
        );
        assert_eq!(
            check_note("Huisbezoek", jiff::civil::date(0, 1, 1), today),
            Err(NoteError::TooOld)
        );
        assert_eq!(
            check_note("Huis\0bezoek", today, today),
            Err(NoteError::Text(TextProblem::Control))
        );
    }

    #[test]
    fn edit_window_then_corrections() {
        let written: Timestamp = "2026-11-20T10:00:00Z".parse().expect("valid");
        let soon: Timestamp = "2026-11-21T09:59:00Z".parse().expect("valid");
        let later: Timestamp = "2026-11-21T10:00:00Z".parse().expect("valid");
        assert_eq!(
            note_change("sanne", "sanne", written, soon, None),
            Ok(NoteChange::Edit)
        );
        assert_eq!(
            note_change("sanne", "sanne", written, later, None),
            Err(NoteError::CorrectionNeedsReason)
        );
        assert_eq!(
            note_change("sanne", "sanne", written, later, Some(" ")),
            Err(NoteError::CorrectionNeedsReason)
        );
        assert_eq!(
            note_change("sanne", "sanne", written, later, Some("Datum klopte niet")),
            Ok(NoteChange::Correction)
        );
        assert_eq!(
            note_change("sanne", "thomas", written, soon, None),
            Err(NoteError::NotAuthor)
        );
    }
}
