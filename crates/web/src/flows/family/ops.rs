//! What the family's pages and its API do alike, written once.

use eenplan_domain::FamilyId;
use eenplan_domain::family::{MemberKind, NewMember, NoteChange};
use eenplan_store::{NewFamily, NoteContent, Principal, StoreError, Tx};
use jiff::civil::Date;

/// Opens a file with `p` as its lead and each child as a member from `today`, in the
/// caller's transaction: a child the member rules refuse leaves no file behind.
pub(super) async fn open_file(
    tx: &mut Tx,
    p: &Principal,
    file: NewFamily,
    children: &[(String, Date)],
    today: Date,
) -> Result<FamilyId, StoreError> {
    let id = tx
        .open_family(&p.actor(), file, &p.user_id, &p.organisation_id)
        .await?;
    for (name, dob) in children {
        let child = NewMember {
            kind: MemberKind::Child,
            name: name.clone(),
            date_of_birth: Some(*dob),
            has_custody: false,
        };
        tx.add_member(&p.actor(), &id, child, today).await?;
    }
    Ok(id)
}

/// `p` changes note `note_id` in `family` as its author (the store refuses anyone
/// else); the note's new version and whether the change is a correction.
pub(super) async fn change_note(
    tx: &mut Tx,
    p: &Principal,
    family: &FamilyId,
    note_id: &str,
    content: NoteContent,
    reason: Option<&str>,
) -> Result<(i64, NoteChange), StoreError> {
    tx.change_note(&p.actor(), family, note_id, &p.user_id, content, reason)
        .await
}
