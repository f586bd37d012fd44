//! The family file's API bodies, one file per part of the file, and their schemas.

mod closing;
mod file;
mod notes;
mod plan;
mod timeline;

pub(super) use closing::CloseFile;
pub(super) use file::{
    Family, FamilyList, FamilyListItem, MemberCorrection, NetworkCorrection, NewFamily,
    NewInvolvement, NewMember, NewNetworkMember, first_name,
};
pub(super) use notes::{NewNote, NoteChanged, Notes};
pub(super) use plan::{Agreement, AgreementRecorded, Plan, PlanDocument, PlanVersions};
pub(super) use timeline::{Timeline, TimelineEvent};
