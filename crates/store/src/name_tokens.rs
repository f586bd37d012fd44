//! The name index (issue 18 §1): every member's name as the domain's search tokens
//! (`name_search::name_tokens`) in `family_member_tokens`, kept in the transaction that
//! writes the name, so a search by name is one index range per typed word, on both
//! backends alike, instead of a `LIKE '%…%'` scan of every member.

use eenplan_domain::family::name_search::{name_tokens, prefix_upper, query_tokens};

use crate::{Param, StoreError, Tx, params};

/// Members per statement when the index is filled from the names already kept.
const FILL_PAGE: i64 = 500;

/// The condition "the family has a member whose name the search `query` finds", for a
/// query over `families f`, its parameters numbered from `first`; `None` when nothing
/// searchable was typed (no condition). Asked per file of the caller's circle, never
/// from the words alone: the circle is about 25 files (a team lead's some thousands),
/// where a common surname's first letters match tens of thousands of members in the
/// country (issue 18: 400 ms a search at a million families, for 25 files). The first
/// word is one range in the file's own tokens (`family_member_tokens_family`); each
/// further word must begin a token of the same member.
pub(crate) fn name_condition(query: &str, first: usize) -> Option<(String, Vec<Param>)> {
    let words = query_tokens(query);
    let (head, rest) = words.split_first()?;
    let mut args = params![head.as_str(), prefix_upper(head)];
    let mut sql = format!(
        "EXISTS (SELECT 1 FROM family_member_tokens t0 \
         WHERE t0.family_id = f.id AND t0.token >= ${} AND t0.token < ${}",
        first,
        first + 1
    );
    for (i, w) in rest.iter().enumerate() {
        let n = first + args.len();
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM family_member_tokens t{k} WHERE t{k}.member_id = t0.member_id \
             AND t{k}.token >= ${n} AND t{k}.token < ${})",
            n + 1,
            k = i + 1
        ));
        args.extend(params![w.as_str(), prefix_upper(w)]);
    }
    sql.push(')');
    Some((sql, args))
}

impl Tx {
    /// Writes the tokens of member `member_id`'s name `name`, replacing earlier ones.
    pub(crate) async fn index_member_name(
        &mut self,
        member_id: &str,
        family_id: &str,
        name: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "DELETE FROM family_member_tokens WHERE member_id = $1",
            params![member_id],
        )
        .await?;
        let tokens = name_tokens(name);
        if tokens.is_empty() {
            return Ok(());
        }
        let values: Vec<String> = (0..tokens.len())
            .map(|i| format!("($1, $2, ${})", i + 3))
            .collect();
        let mut args = params![member_id, family_id];
        args.extend(tokens.iter().map(|t| Param::from(t.as_str())));
        self.execute(
            &format!(
                "INSERT INTO family_member_tokens (member_id, family_id, token) VALUES {}",
                values.join(", ")
            ),
            args,
        )
        .await?;
        Ok(())
    }

    /// Fills the index from every member's name (the migration that adds it), a stretch
    /// of members at a time so memory stays bounded.
    pub(crate) async fn fill_member_tokens(&mut self) -> Result<(), StoreError> {
        let mut after = String::new();
        loop {
            let rows = self
                .fetch_all(
                    "SELECT id, family_id, name FROM family_members WHERE id > $1 ORDER BY id LIMIT $2",
                    params![after.as_str(), FILL_PAGE],
                )
                .await?;
            let Some(last) = rows.last() else {
                return Ok(());
            };
            after = last.text("id")?;
            for r in &rows {
                self.index_member_name(&r.text("id")?, &r.text("family_id")?, &r.text("name")?)
                    .await?;
            }
        }
    }
}
