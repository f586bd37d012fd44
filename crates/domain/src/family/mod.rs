//! The family file: members, network, address, involvements, the plan, and who may
//! open it. One family, one file, one plan (DESIGN rule 1).

pub mod access;
pub mod involvement;
pub mod member;
pub mod note;
pub mod plan;
pub mod postcode;

pub use access::{Basis, FamilyAccess, Involved, Viewer, family_access};
pub use involvement::{
    Active, Expertise, InvolvementError, InvolvementRole, Placement, Proposed, check_end,
    place_involvement,
};
pub use member::{MemberError, MemberKind, NetworkRelation, NewMember, check_member};
pub use note::{Interaction, NoteChange, NoteError, check_note, note_change};
pub use plan::{
    ActionStatus, DomainPlan, LifeDomain, Overdue, Plan, PlanAction, PlanChange, PlanError,
    SaveOutcome, Scale, check_save, diff,
};
pub use postcode::Postcode;
