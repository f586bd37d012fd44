//! The joint assessment meeting (methodische leerbijeenkomst, jeugdbeschermingstafel):
//! the regisseur schedules it with the organisations involved, each invited
//! organisation writes its own view beforehand (worries, what goes well, what is
//! needed), and at the meeting the regisseur records the joint judgement, where the
//! views differed and who does what, as actions in the plan. Views need the plan;
//! scheduling, the judgement and cancelling are lead work. The rules are
//! `domain::joint_assessment`.

mod api;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
