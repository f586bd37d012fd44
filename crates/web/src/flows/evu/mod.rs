//! The EVU (Expertiseteam Veiligheid): when there are safety worries, the local team
//! calls it in for a family that lives in an EVU neighbourhood, on the family's
//! consent. The coordinator staffs a new referral with a combination of professionals
//! from several organisations at once (so the family keeps the same faces), declines it
//! with a reason, or closes the EVU's work. The rules are `domain::evu`.

mod api;
mod ops;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
