//! Case notes, with every version a note had.

use eenplan_domain::family::Interaction;
use eenplan_store::{Note, NoteVersion};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::codes;

/// A note to write, or a note's new text. The interaction and the date are read as text
/// so a wrong one is named in the 400.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewNote {
    #[schema(schema_with = codes::<Interaction>)]
    pub interaction: String,
    #[schema(format = Date)]
    pub happened_on: String,
    #[serde(default)]
    #[schema(required = true)]
    pub text: String,
    /// Required for a correction, more than 24 hours after writing
    pub reason: Option<String>,
}

/// The note's new version, and whether it became a correction (the earlier text stays).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NoteChanged {
    version: i64,
    correction: bool,
}

impl NoteChanged {
    pub fn new(version: i64, correction: bool) -> Self {
        Self {
            version,
            correction,
        }
    }
}

/// The family's notes, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Notes {
    notes: Vec<NotesNote>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NotesNote {
    id: String,
    author: NotesNoteAuthor,
    #[schema(format = DateTime)]
    created_at: String,
    /// Oldest first; the last is what the note says now.
    versions: Vec<NotesNoteVersion>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NotesNoteAuthor {
    id: String,
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NotesNoteVersion {
    version: i64,
    #[schema(schema_with = codes::<Interaction>)]
    interaction: &'static str,
    #[schema(format = Date)]
    happened_on: String,
    text: String,
    correction: bool,
    #[schema(required = true)]
    reason: Option<String>,
    #[schema(format = DateTime)]
    saved_at: String,
}

impl From<&[Note]> for Notes {
    fn from(notes: &[Note]) -> Self {
        Self {
            notes: notes.iter().map(NotesNote::from).collect(),
        }
    }
}

impl From<&Note> for NotesNote {
    fn from(n: &Note) -> Self {
        Self {
            id: n.id.clone(),
            author: NotesNoteAuthor {
                id: n.author_id.clone(),
                name: n.author_name.clone(),
            },
            created_at: n.created_at.clone(),
            versions: n.versions.iter().map(NotesNoteVersion::from).collect(),
        }
    }
}

impl From<&NoteVersion> for NotesNoteVersion {
    fn from(v: &NoteVersion) -> Self {
        Self {
            version: v.version,
            interaction: v.interaction.code(),
            happened_on: v.happened_on.to_string(),
            text: v.text.clone(),
            correction: v.correction,
            reason: v.reason.clone(),
            saved_at: v.saved_at.clone(),
        }
    }
}
