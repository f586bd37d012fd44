//! Veilig Thuis's intake: an advice request or report comes in, the radar shows the
//! child's earlier signals and any family file, and a report gets its safety assessment
//! within the domain's term (acute at once), with a follow-up check where the family is
//! handed on. Only for professionals of a Veilig Thuis organisation, each contact
//! belongs to the organisation that received it; the rules are `domain::veilig_thuis`.

mod api;
mod ops;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
