//! What Veilig Thuis's outcomes tell the chain (issue 15 §1, first bullet).

use super::Tell;
use crate::journal::{Actor, Event};

/// Veilig Thuis's part of [`super::tells`].
pub(super) fn tells(_actor: &Actor, _event: &Event) -> Vec<Tell> {
    Vec::new()
}
