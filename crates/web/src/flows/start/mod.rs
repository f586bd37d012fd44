//! Where a signed-in person starts: what their roles ask of them today, in one page. The
//! lists come from the other ways of working's data; the page only reads, except the
//! team lead's hand-over of a file whose regisseur left.

pub mod pages;
pub mod routes;
pub mod texts;

pub use routes::routes;
