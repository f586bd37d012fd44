//! The administration: the chain administrator manages the region's organisations and
//! areas; a functional administrator manages their own organisation's teams and accounts
//! (`policy::acts_for`): another organisation's accounts are not even listed, and
//! reaching one by its id is "not found". Deactivating an account starts with handing
//! over the files its holder leads. Every change goes through the store, which journals
//! it with the administrator as actor.

pub mod pages;
pub mod routes;
pub mod texts;

pub use routes::routes;
