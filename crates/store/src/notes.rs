//! Case notes and all their versions.

use eenplan_domain::UtcTime;
use eenplan_domain::family::{Interaction, NoteChange, check_note, note_change};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::time::amsterdam_date;
use eenplan_domain::{FamilyId, UserId};
use jiff::civil::Date;

use crate::{StoreError, Tx, ids, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteVersion {
    pub version: i64,
    pub interaction: Interaction,
    pub happened_on: Date,
    pub text: String,
    pub correction: bool,
    pub reason: Option<String>,
    pub saved_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub created_at: String,
    /// Oldest first; the last is what the note says now.
    pub versions: Vec<NoteVersion>,
}

impl Note {
    pub fn current(&self) -> Option<&NoteVersion> {
        self.versions.last()
    }
}

/// The content of a note version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteContent {
    pub interaction: Interaction,
    pub happened_on: Date,
    pub text: String,
}

impl Tx {
    pub async fn write_note(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        author_id: &UserId,
        content: NoteContent,
    ) -> Result<String, StoreError> {
        let at = self.now();
        check_note(&content.text, content.happened_on, amsterdam_date(at))?;
        let id = ids::new_id();
        let now = at.to_rfc3339();
        self.execute(
            "INSERT INTO case_notes (id, family_id, author_id, created_at) VALUES ($1, $2, $3, $4)",
            params![&id, family_id, author_id, &now],
        )
        .await?;
        self.insert_note_version(&id, 1, &content, false, None, &now)
            .await?;
        self.append(
            actor,
            Event::NoteWritten {
                family_id: family_id.to_string(),
                note_id: id.clone(),
                interaction: content.interaction.code().to_owned(),
                happened_on: content.happened_on.to_string(),
            },
        )
        .await?;
        Ok(id)
    }

    async fn insert_note_version(
        &mut self,
        note_id: &str,
        version: i64,
        c: &NoteContent,
        correction: bool,
        reason: Option<&str>,
        at: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO case_note_versions (note_id, version, interaction, happened_on, text, correction, reason, saved_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![note_id, version, c.interaction.code(), c.happened_on.to_string(), c.text.trim(), correction, reason, at],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("version {version} of this note")))?;
        Ok(())
    }

    /// Every note of a family with all versions, newest note first.
    pub async fn notes(&mut self, family_id: &FamilyId) -> Result<Vec<Note>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT n.id, n.author_id, u.name, n.created_at, v.version, v.interaction, v.happened_on, v.text, v.correction, v.reason, v.saved_at \
                 FROM case_notes n JOIN users u ON u.id = n.author_id JOIN case_note_versions v ON v.note_id = n.id \
                 WHERE n.family_id = $1 ORDER BY n.created_at DESC, n.id, v.version",
                params![family_id],
            )
            .await?;
        let mut notes: Vec<Note> = Vec::new();
        for r in &rows {
            let version = NoteVersion {
                version: r.int("version")?,
                interaction: r.code("interaction")?,
                happened_on: r
                    .text("happened_on")?
                    .parse()
                    .map_err(|e: jiff::Error| StoreError::Invalid(e.to_string()))?,
                text: r.text("text")?,
                correction: r.bool("correction")?,
                reason: r.opt_text("reason")?,
                saved_at: r.text("saved_at")?,
            };
            let id = r.text("id")?;
            match notes.last_mut() {
                Some(n) if n.id == id => n.versions.push(version),
                _ => notes.push(Note {
                    id,
                    author_id: r.text("author_id")?,
                    author_name: r.text("name")?,
                    created_at: r.text("created_at")?,
                    versions: vec![version],
                }),
            }
        }
        Ok(notes)
    }

    /// A new version of a note: an edit within the window, a correction after it. The
    /// domain decides which, and whether the editor may.
    pub async fn change_note(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        note_id: &str,
        editor_id: &UserId,
        content: NoteContent,
        reason: Option<&str>,
    ) -> Result<(i64, NoteChange), StoreError> {
        let now = self.now();
        check_note(&content.text, content.happened_on, amsterdam_date(now))?;
        let row = self
            .fetch_optional(
                "SELECT author_id, created_at, (SELECT MAX(version) FROM case_note_versions WHERE note_id = $1) AS version \
                 FROM case_notes WHERE id = $1 AND family_id = $2",
                params![note_id, family_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("note {note_id}")))?;
        let created = UtcTime::parse(&row.text("created_at")?)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let change = note_change(
            &row.text("author_id")?,
            editor_id.as_str(),
            created.timestamp(),
            now.timestamp(),
            reason,
        )?;
        let version = row.int("version")? + 1;
        let correction = change == NoteChange::Correction;
        let reason = if correction {
            reason.map(str::trim)
        } else {
            None
        };
        self.insert_note_version(
            note_id,
            version,
            &content,
            correction,
            reason,
            &now.to_rfc3339(),
        )
        .await?;
        self.append(
            actor,
            Event::NoteChanged {
                family_id: family_id.to_string(),
                note_id: note_id.to_owned(),
                version,
                correction,
                reason: reason.map(str::to_owned),
            },
        )
        .await?;
        Ok((version, change))
    }
}
