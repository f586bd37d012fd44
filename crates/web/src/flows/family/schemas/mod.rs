//! The family file's API bodies, one file per part of the file, and their schemas.

mod file;
mod notes;
mod plan;
mod timeline;

pub(super) use file::{
    Family, FamilyList, FamilyListItem, MemberCorrection, NetworkCorrection, NewFamily,
    NewInvolvement, NewMember, NewNetworkMember,
};
pub(super) use notes::{NewNote, NoteChanged, Notes};
pub(super) use plan::{Agreement, AgreementRecorded, Plan, PlanDocument};
pub(super) use timeline::{Timeline, TimelineEvent};

use crate::kit::schema::Schemas;

/// This flow's schemas, for the document's components.
pub fn schemas(s: &mut Schemas) {
    s.add::<FamilyList>();
    s.add::<NewFamily>();
    s.add::<Family>();
    s.add::<NewMember>();
    s.add::<MemberCorrection>();
    s.add::<NewNetworkMember>();
    s.add::<NetworkCorrection>();
    s.add::<NewInvolvement>();
    s.add::<Plan>();
    s.add::<PlanDocument>();
    s.add::<Agreement>();
    s.add::<AgreementRecorded>();
    s.add::<NewNote>();
    s.add::<NoteChanged>();
    s.add::<Notes>();
    s.add::<Timeline>();
}
