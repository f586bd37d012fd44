//! Persistence for eenplan. SQLite (one file, the embedded default) and PostgreSQL
//! (production, several instances) sit behind one [`Store`]; repository code is written
//! once against the small query layer in [`db`], and only migrations and locking differ
//! per backend.

mod access_log;
mod access_log_cut;
mod access_log_partitions;
mod auth;
mod backup;
mod bulk;
mod bulk_evu;
mod bulk_load;
mod bulk_tables;
mod closing;
mod complaints;
mod consent;
mod copy_requests;
mod court_intake;
pub mod db;
mod deep;
mod directory;
mod documents;
mod duplicate_signals;
mod error;
mod evaluation;
mod evaluation_cells;
mod evaluation_query;
mod evu;
mod explain;
mod family;
mod family_accounts;
mod family_consent;
mod family_list;
mod family_portal;
mod family_sessions;
pub mod ids;
mod information_requests;
mod instance;
mod journal;
mod mail_outbox;
mod migrate;
mod name_tokens;
mod notes;
mod notification_recipients;
mod notifications;
mod page;
mod pilots;
mod plan;
mod portal_plan;
mod reminders;
mod save_guidance;
mod sqlite_files;
mod start_lists;
mod statutory;
mod unsent_forms;
mod url;
mod users;
mod veilig_thuis;
mod vt_handover;
// SAVE op locatie
mod save_on_site;
// Joint assessment meeting and protection order request.
mod joint_assessment;
mod protection_order;

pub use access_log::{AccessFilter, AccessLine, AccessLogReport};
pub use access_log_cut::{AccessLogCheckpoint, AccessLogCut};
pub use access_log_partitions::{LogMonth, MONTHS_AHEAD, MonthsPrepared};
pub use auth::{Credentials, Principal, SessionKind, SessionRecord, SessionStage};
pub use backup::BackupReport;
pub use bulk::{Bulk, BulkGuidance};
pub use bulk_evu::BulkEvuWorker;
pub use bulk_load::BulkLoad;
pub use closing::Closed;
pub use complaints::{ComplaintReader, ComplaintRecord, FiledComplaint, NewComplaint};
pub use consent::{AccessFacts, Consent, ConsentInput, Emergency, FrameworkInput, InvolvedFact};
pub use copy_requests::CopyRequest;
pub use court_intake::IntakeFile;
pub use db::{Backend, Param, Row, Store, Tx};
pub use deep::covered_tables;
pub use directory::{Area, NewArea, NewOrganisation, NewTeam, Organisation, Team};
pub use documents::{DocumentMeta, NewDocument};
pub use duplicate_signals::{DUPLICATE_CHECK_EVENT, DuplicateSignal};
pub use error::{DbError, StoreError};
pub use evu::{EvuReferral, EvuWorker, Referrer};
pub use family::{
    AccessEntry, Family, FamilyQuery, FamilySummary, Involvement, LeadOrganisation, LedFile,
    Member, NetworkDetails, NetworkMember, NewFamily, NewInvolvement,
};
pub use family_accounts::{FamilyAccount, FamilyCredentials, FamilyPrincipal, InvitableMember};
pub use family_list::{FamilyFilter, FamilyRow, FamilyScope, FamilySort, FileState, MyRole};
pub use family_portal::PortalAccessLine;
pub use family_sessions::{FamilySession, FamilyStage};
pub use information_requests::RecordedInformationRequest;
pub use instance::{DEMO_PURPOSE, postgres_is_empty, sqlite_file_purpose};
pub use mail_outbox::{MESSAGE_ID_DOMAIN, MailJob, OutboxRow};
pub use migrate::{KNOWN_SCHEMA_VERSION, Migration};
pub use notes::{Note, NoteContent, NoteVersion};
pub use notifications::{NewNotification, Notification};
pub use page::{PageKey, Seek};
pub use plan::{PlanSave, PlanVersionInfo};
pub use portal_plan::{FamilyAddition, MarkBy, NewMark};
pub use reminders::RemindReport;
pub use save_guidance::{Guidance, GuidanceReview, NewGuidance, ReviewInput};
pub use sqlite_files::remove_sqlite_database;
pub use start_lists::{Caseload, Handover, LedCircle, LedPlan, MeetingAhead, TeamScope};
pub use statutory::StatutoryDay;
pub use unsent_forms::UnsentForm;
pub use url::{DatabaseUrl, OpenMode};
pub use users::{NewUser, User, UserChange};
pub use veilig_thuis::{AssessmentInput, Contact, ContactChild, ContactDetail, NewContact, Radar};
pub use vt_handover::VtHandover;
// SAVE op locatie
pub use save_on_site::{AdviceInput, Ask, NewSlot, OnSiteConsultation, OnSiteSlot};
// Joint assessment meeting and protection order request.
pub use joint_assessment::{Meeting, MeetingAction, MeetingView, NewMeeting};
pub use protection_order::{
    CourtRuling, ProtectionOrderInput, ProtectionOrderRequest, RequestChild,
};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
