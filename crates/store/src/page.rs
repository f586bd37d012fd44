//! Keyset paging, shared by every list: a page is the rows on one side of a row's sort
//! key and id. A row inserted or removed between two pages moves no other row from one
//! page to another, so nothing repeats or goes missing, and a page deep in a long list
//! costs what the first one does.

/// A row's place in a list's order: the sort value as text (dates and times are stored
/// as text that sorts) and the id that breaks ties. What a cursor carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    pub value: String,
    pub id: String,
}

/// Which side of a key a page lies on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek {
    First,
    After(PageKey),
    Before(PageKey),
}

impl Seek {
    /// The condition `(value, id)` past the key in the seek's direction, with its two
    /// parameters numbered from `next`, and the order the query reads in (a page before
    /// a key is read backwards; [`Seek::restore`] turns it round). Spelled out rather
    /// than as a row value, so both backends plan it alike.
    pub(crate) fn condition(&self, value: &str, id: &str, next: usize) -> (String, &'static str) {
        let (op, dir) = match self {
            Seek::First => return (String::new(), "ASC"),
            Seek::After(_) => (">", "ASC"),
            Seek::Before(_) => ("<", "DESC"),
        };
        let (a, b) = (next, next + 1);
        (
            format!(" AND ({value} {op} ${a} OR ({value} = ${a} AND {id} {op} ${b}))"),
            dir,
        )
    }

    /// [`Seek::condition`] for a list in descending order (newest first): a page after
    /// a key holds the smaller keys, so a page before one is read ascending.
    pub(crate) fn condition_desc(
        &self,
        value: &str,
        id: &str,
        next: usize,
    ) -> (String, &'static str) {
        let (op, dir) = match self {
            Seek::First => return (String::new(), "DESC"),
            Seek::After(_) => ("<", "DESC"),
            Seek::Before(_) => (">", "ASC"),
        };
        let (a, b) = (next, next + 1);
        (
            format!(" AND ({value} {op} ${a} OR ({value} = ${a} AND {id} {op} ${b}))"),
            dir,
        )
    }

    /// The key's two parameters, when there is a key.
    pub(crate) fn params(&self) -> Vec<crate::Param> {
        match self {
            Seek::First => Vec::new(),
            Seek::After(k) | Seek::Before(k) => {
                vec![
                    crate::Param::from(k.value.clone()),
                    crate::Param::from(k.id.clone()),
                ]
            }
        }
    }

    /// Rows read for a page before a key come backwards; this puts them in list order.
    pub(crate) fn restore<T>(&self, rows: &mut [T]) {
        if matches!(self, Seek::Before(_)) {
            rows.reverse();
        }
    }
}
