//! The family file in the database: families, members, network, involvements, who
//! leads, the search behind the duplicate check, the access log's lines of one file
//! and the family's timeline. The plan and its agreements are in `plan.rs`.

use eenplan_domain::family::involvement::{self, Active, Proposed};
use eenplan_domain::family::{
    Expertise, InvolvementRole, MemberKind, NetworkRelation, NewMember, Placement, Postcode,
    check_member, name_key, name_key_token,
};
use eenplan_domain::journal::{Actor, Entry, Event};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use crate::{Row, StoreError, Tx, ids, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFamily {
    /// How professionals refer to the file, e.g. "Gezin De Vries".
    pub label: String,
    pub street: String,
    pub house_number: String,
    pub postcode: Postcode,
    pub city: String,
    pub area_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub kind: MemberKind,
    pub name: String,
    pub date_of_birth: Option<Date>,
    pub has_custody: bool,
    pub ended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkMember {
    pub id: String,
    pub name: String,
    pub relation: NetworkRelation,
    pub safety_role: String,
    pub contact: String,
    pub ended: bool,
}

/// What a professional records about a network member, when adding or correcting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkDetails {
    pub name: String,
    pub relation: NetworkRelation,
    pub safety_role: String,
    pub contact: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Involvement {
    pub id: String,
    pub role: InvolvementRole,
    pub organisation_id: String,
    pub organisation_name: String,
    pub user_id: String,
    pub user_name: String,
    pub user_email: String,
    pub user_phone: Option<String>,
    /// Decides, among other things, whose client the family is in a crisis.
    pub organisation_kind: OrganisationKind,
    pub expertise: Option<Expertise>,
    pub started_at: String,
    pub ended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    pub id: FamilyId,
    pub label: String,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub city: String,
    pub area_id: Option<String>,
    pub framework: eenplan_domain::family::Framework,
    /// The organisation the legal basis names, outside the voluntary framework.
    pub framework_organisation_id: Option<String>,
    /// When and why the file was closed; `None` while it is open.
    pub closed: Option<crate::closing::Closed>,
    pub members: Vec<Member>,
    pub network: Vec<NetworkMember>,
    pub involvements: Vec<Involvement>,
}

impl Family {
    pub fn regisseur(&self) -> Option<&Involvement> {
        self.involvements
            .iter()
            .find(|i| !i.ended && i.role == InvolvementRole::Regisseur)
    }

    pub fn partners(&self) -> impl Iterator<Item = &Involvement> {
        self.involvements
            .iter()
            .filter(|i| !i.ended && i.role == InvolvementRole::Partner)
    }

    /// The partners whose organisation the consents in force do not (or no longer) let
    /// work with the family, each with the consent step that would (the domain's
    /// `missing_consents`): what the lead still has to ask.
    pub fn missing_consents(
        &self,
        consents: &[crate::Consent],
        today: Date,
    ) -> Vec<(eenplan_domain::family::ConsentStep, &Involvement)> {
        let consents: Vec<_> = consents.iter().map(crate::Consent::facts).collect();
        missing_in_circle(
            &self.involvements,
            (self.framework, self.framework_organisation_id.as_deref()),
            &consents,
            today,
        )
    }
}

/// The one translation of a circle into the domain's `missing_consents`, shared by a
/// whole file and a led circle so that both ask the rule the same question.
pub(crate) fn missing_in_circle<'a>(
    involvements: &'a [Involvement],
    (framework, basis): (eenplan_domain::family::Framework, Option<&str>),
    consents: &[eenplan_domain::family::ConsentFacts],
    today: Date,
) -> Vec<(eenplan_domain::family::ConsentStep, &'a Involvement)> {
    let involved: Vec<eenplan_domain::family::Involved<'_>> = involvements
        .iter()
        .filter(|i| !i.ended)
        .map(|i| eenplan_domain::family::Involved {
            user_id: &i.user_id,
            role: i.role,
            organisation_id: &i.organisation_id,
            team_id: None,
        })
        .collect();
    let facts = eenplan_domain::family::FileFacts {
        involved: &involved,
        framework,
        basis_organisation: basis,
        consents,
        emergency_until: None,
    };
    let partners: Vec<&Involvement> = involvements
        .iter()
        .filter(|i| !i.ended && i.role == InvolvementRole::Partner)
        .collect();
    let asked: Vec<eenplan_domain::family::Partner<'_>> = partners
        .iter()
        .map(|p| eenplan_domain::family::Partner {
            role: p.role,
            organisation_id: &p.organisation_id,
            organisation_kind: p.organisation_kind,
        })
        .collect();
    eenplan_domain::family::missing_consents(facts, &asked, today)
        .into_iter()
        .filter_map(|(i, step)| partners.get(i).map(|p| (step, *p)))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilySummary {
    pub id: FamilyId,
    pub label: String,
    pub postcode: String,
    pub house_number: String,
    pub city: String,
}

/// The organisation that leads a file, as an outsider may learn it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadOrganisation {
    pub id: String,
    pub name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvolvement {
    pub role: InvolvementRole,
    pub organisation_id: String,
    pub user_id: String,
    pub expertise: Option<Expertise>,
    pub takes_over: Option<String>,
    pub reason: Option<String>,
}

/// One access-log line (NEN 7513: event, date/time, client, user, acting organisation and
/// role, on whose behalf, which data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    pub event: eenplan_domain::access_log::AccessEvent,
    pub granted: bool,
    pub basis: Option<eenplan_domain::access_log::AccessBasis>,
    pub user_id: String,
    pub organisation_id: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub family_id: Option<String>,
    pub data: String,
    pub client_address: String,
}

/// A file and the involvement that leads it (a regisseur who may be leaving or gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedFile {
    pub family_id: FamilyId,
    pub label: String,
    pub involvement_id: String,
    pub organisation_id: OrganisationId,
    pub regisseur_user_id: UserId,
    pub regisseur_name: String,
}

fn led_files(rows: &[Row]) -> Result<Vec<LedFile>, StoreError> {
    rows.iter()
        .map(|r| {
            Ok(LedFile {
                family_id: r.id("family_id")?,
                label: r.text("label")?,
                involvement_id: r.text("involvement_id")?,
                organisation_id: r.id("organisation_id")?,
                regisseur_user_id: r.id("regisseur_user_id")?,
                regisseur_name: r.text("regisseur_name")?,
            })
        })
        .collect()
}

/// What a search asks; empty fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyQuery {
    pub name: String,
    pub date_of_birth: Option<Date>,
    pub postcode: Option<Postcode>,
}

fn date(row: &Row, column: &str) -> Result<Option<Date>, StoreError> {
    crate::db::stored_opt_date(row.opt_text(column)?)
}

fn summaries(rows: &[Row]) -> Result<Vec<FamilySummary>, StoreError> {
    rows.iter()
        .map(|r| {
            Ok(FamilySummary {
                id: r.id("id")?,
                label: r.text("label")?,
                postcode: r.text("postcode")?,
                house_number: r.text("house_number")?,
                city: r.text("city")?,
            })
        })
        .collect()
}

/// An involvement with its organisation and person, as [`involvement`] reads it.
pub(crate) const INVOLVEMENT_COLUMNS: &str = "i.id, i.role, i.organisation_id, o.name AS organisation_name, i.user_id, \
    u.name AS user_name, u.email, i.expertise, i.started_at, i.ended_at, u.phone, o.kind";
pub(crate) const INVOLVEMENT_JOINS: &str = "involvements i JOIN organisations o ON o.id = i.organisation_id \
    JOIN users u ON u.id = i.user_id";

pub(crate) fn involvement(r: &Row) -> Result<Involvement, StoreError> {
    Ok(Involvement {
        id: r.text("id")?,
        role: r.code("role")?,
        organisation_id: r.text("organisation_id")?,
        organisation_name: r.text("organisation_name")?,
        user_id: r.text("user_id")?,
        user_name: r.text("user_name")?,
        user_email: r.text("email")?,
        user_phone: r.opt_text("phone")?,
        organisation_kind: r.code("kind")?,
        expertise: r
            .opt_text("expertise")?
            .map(|e| e.parse())
            .transpose()
            .map_err(|e: eenplan_domain::UnknownCode| StoreError::Invalid(e.to_string()))?,
        started_at: r.text("started_at")?,
        ended: r.opt_text("ended_at")?.is_some(),
    })
}

const SUMMARY_COLUMNS: &str = "f.id, f.label, f.postcode, f.house_number, f.city";

impl Tx {
    /// Opens a file with its first regisseur: the local professional who opens it.
    pub async fn open_family(
        &mut self,
        actor: &Actor,
        new: NewFamily,
        regisseur_user_id: &UserId,
        regisseur_organisation_id: &OrganisationId,
    ) -> Result<FamilyId, StoreError> {
        for (what, value) in [
            ("a family label", &new.label),
            ("a street", &new.street),
            ("a house number", &new.house_number),
            ("a city", &new.city),
        ] {
            if value.trim().is_empty() {
                return Err(StoreError::Invalid(format!("{what} is required")));
            }
        }
        if let Some(area) = &new.area_id {
            let path = self.area_path(area).await?;
            let served = self
                .organisation_area_ids(regisseur_organisation_id)
                .await?;
            if !eenplan_domain::area::lies_within(&path, &served) {
                return Err(StoreError::AreaOutside(area.clone()));
            }
        }
        let id = FamilyId::from(ids::new_id());
        self.execute(
            "INSERT INTO families (id, label, street, house_number, postcode, city, area_id, opened_at, label_sort) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            params![&id, new.label.trim(), new.street.trim(), new.house_number.trim(), new.postcode.as_str(), new.city.trim(), new.area_id.clone(), self.now_text(), eenplan_domain::family::label_sort_key(new.label.trim())],
        )
        .await?;
        self.append(
            actor,
            Event::FamilyOpened {
                family_id: id.to_string(),
                label: new.label.trim().to_owned(),
                postcode: new.postcode.as_str().to_owned(),
                area_id: new.area_id.clone(),
            },
        )
        .await?;
        self.add_involvement(
            actor,
            &id,
            NewInvolvement {
                role: InvolvementRole::Regisseur,
                organisation_id: regisseur_organisation_id.to_string(),
                user_id: regisseur_user_id.to_string(),
                expertise: None,
                takes_over: None,
                reason: None,
            },
        )
        .await?;
        Ok(id)
    }

    pub async fn family(&mut self, id: &FamilyId) -> Result<Option<Family>, StoreError> {
        let Some(f) = self
            .fetch_optional(
                "SELECT id, label, street, house_number, postcode, city, area_id, framework, framework_organisation_id, \
                   closed_on, closing_reason, closing_note FROM families WHERE id = $1",
                params![id],
            )
            .await?
        else {
            return Ok(None);
        };
        let members = self
            .fetch_all(
                "SELECT id, kind, name, date_of_birth, has_custody, ended_at FROM family_members \
                 WHERE family_id = $1 ORDER BY started_at, id",
                params![id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(Member {
                    id: r.text("id")?,
                    kind: r.code("kind")?,
                    name: r.text("name")?,
                    date_of_birth: date(r, "date_of_birth")?,
                    has_custody: r.bool("has_custody")?,
                    ended: r.opt_text("ended_at")?.is_some(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let network = self
            .fetch_all(
                "SELECT id, name, relation, safety_role, contact, ended_at FROM network_members \
                 WHERE family_id = $1 ORDER BY started_at, id",
                params![id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(NetworkMember {
                    id: r.text("id")?,
                    name: r.text("name")?,
                    relation: r.code("relation")?,
                    safety_role: r.text("safety_role")?,
                    contact: r.text("contact")?,
                    ended: r.opt_text("ended_at")?.is_some(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let involvements = self
            .fetch_all(
                &format!("SELECT {INVOLVEMENT_COLUMNS} FROM {INVOLVEMENT_JOINS} WHERE i.family_id = $1 ORDER BY i.started_at, i.id"),
                params![id],
            )
            .await?
            .iter()
            .map(involvement)
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(Family {
            id: f.id("id")?,
            label: f.text("label")?,
            street: f.text("street")?,
            house_number: f.text("house_number")?,
            postcode: f.text("postcode")?,
            city: f.text("city")?,
            area_id: f.opt_text("area_id")?,
            framework: f.code("framework")?,
            framework_organisation_id: f.opt_text("framework_organisation_id")?,
            closed: crate::closing::closed(&f)?,
            members,
            network,
            involvements,
        }))
    }

    pub async fn add_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        member: NewMember,
        today: Date,
    ) -> Result<String, StoreError> {
        check_member(&member, today)?;
        let id = ids::new_id();
        let name = member.name.trim().to_owned();
        let dob = member.date_of_birth.map(|d| d.to_string());
        self.execute(
            "INSERT INTO family_members (id, family_id, kind, name, name_search, date_of_birth, has_custody, started_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![&id, family_id, member.kind.code(), &name, name_key(&name), dob.clone(), member.has_custody, self.now_text()],
        )
        .await?;
        self.index_member_name(&id, family_id.as_str(), &name)
            .await?;
        self.append(
            actor,
            Event::MemberAdded {
                family_id: family_id.to_string(),
                member_id: id.clone(),
                kind: member.kind.code().to_owned(),
                name,
                date_of_birth: dob,
                has_custody: member.has_custody,
            },
        )
        .await?;
        Ok(id)
    }

    /// Corrects a member's details (a typing error, a new surname). The record shows the
    /// correct details; the journal keeps the old ones and the reason.
    pub async fn correct_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        member_id: &str,
        member: NewMember,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        check_member(&member, today)?;
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("a correction needs a reason".into()));
        }
        let old = self
            .family(family_id)
            .await?
            .and_then(|f| {
                f.members
                    .into_iter()
                    .find(|m| m.id == member_id && !m.ended)
            })
            .ok_or_else(|| StoreError::NotFound(format!("current member {member_id}")))?;
        let name = member.name.trim().to_owned();
        let dob = member.date_of_birth.map(|d| d.to_string());
        self.execute(
            "UPDATE family_members SET kind = $3, name = $4, name_search = $5, date_of_birth = $6, has_custody = $7 WHERE id = $1 AND family_id = $2",
            params![member_id, family_id, member.kind.code(), &name, name_key(&name), dob.clone(), member.has_custody],
        )
        .await?;
        self.index_member_name(member_id, family_id.as_str(), &name)
            .await?;
        let view = |kind: MemberKind, name: &str, dob: Option<String>, custody: bool| serde_json::json!({ "kind": kind.code(), "name": name, "date_of_birth": dob, "has_custody": custody });
        self.append(
            actor,
            Event::MemberCorrected {
                family_id: family_id.to_string(),
                member_id: member_id.to_owned(),
                before: view(
                    old.kind,
                    &old.name,
                    old.date_of_birth.map(|d| d.to_string()),
                    old.has_custody,
                ),
                after: view(member.kind, &name, dob, member.has_custody),
                reason: reason.trim().to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Ends a membership (moved out, came of age, corrected): never erased.
    pub async fn end_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        member_id: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("ending a member needs a reason".into()));
        }
        let changed = self
            .execute(
                "UPDATE family_members SET ended_at = $3, end_reason = $4 WHERE id = $1 AND family_id = $2 AND ended_at IS NULL",
                params![member_id, family_id, self.now_text(), reason.trim()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("current member {member_id}")));
        }
        self.append(
            actor,
            Event::MemberEnded {
                family_id: family_id.to_string(),
                member_id: member_id.to_owned(),
                reason: reason.trim().to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn add_network_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        new: &NetworkDetails,
    ) -> Result<String, StoreError> {
        let (name, relation, safety_role, contact) =
            (&new.name, new.relation, &new.safety_role, &new.contact);
        if name.trim().is_empty() {
            return Err(StoreError::Invalid("a network member needs a name".into()));
        }
        let id = ids::new_id();
        self.execute(
            "INSERT INTO network_members (id, family_id, name, relation, safety_role, contact, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![&id, family_id, name.trim(), relation.code(), safety_role.trim(), contact.trim(), self.now_text()],
        )
        .await?;
        self.append(
            actor,
            Event::NetworkMemberAdded {
                family_id: family_id.to_string(),
                network_member_id: id.clone(),
                name: name.trim().to_owned(),
                relation: relation.code().to_owned(),
                safety_role: safety_role.trim().to_owned(),
            },
        )
        .await?;
        Ok(id)
    }

    /// Corrects a network member's details (a misspelt name, a new phone number, a changed
    /// part in the safety plan). The journal keeps the old details and the reason.
    pub async fn correct_network_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        id: &str,
        new: &NetworkDetails,
        reason: &str,
    ) -> Result<(), StoreError> {
        if new.name.trim().is_empty() {
            return Err(StoreError::Invalid("a network member needs a name".into()));
        }
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("a correction needs a reason".into()));
        }
        let old = self
            .fetch_optional(
                "SELECT name, relation, safety_role, contact FROM network_members WHERE id = $1 AND family_id = $2 AND ended_at IS NULL",
                params![id, family_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("current network member {id}")))?;
        let before = serde_json::json!({
            "name": old.text("name")?, "relation": old.text("relation")?, "safety_role": old.text("safety_role")?, "contact": old.text("contact")?,
        });
        let after = serde_json::json!({
            "name": new.name.trim(), "relation": new.relation.code(), "safety_role": new.safety_role.trim(), "contact": new.contact.trim(),
        });
        self.execute(
            "UPDATE network_members SET name = $3, relation = $4, safety_role = $5, contact = $6 WHERE id = $1 AND family_id = $2",
            params![id, family_id, new.name.trim(), new.relation.code(), new.safety_role.trim(), new.contact.trim()],
        )
        .await?;
        self.append(
            actor,
            Event::NetworkMemberCorrected {
                family_id: family_id.to_string(),
                network_member_id: id.to_owned(),
                before,
                after,
                reason: reason.trim().to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Ends a network member's part (moved away, no longer involved): never erased.
    pub async fn end_network_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        id: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "ending a network member needs a reason".into(),
            ));
        }
        let changed = self
            .execute(
                "UPDATE network_members SET ended_at = $3, end_reason = $4 WHERE id = $1 AND family_id = $2 AND ended_at IS NULL",
                params![id, family_id, self.now_text(), reason.trim()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("current network member {id}")));
        }
        self.append(
            actor,
            Event::NetworkMemberEnded {
                family_id: family_id.to_string(),
                network_member_id: id.to_owned(),
                reason: reason.trim().to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    async fn active_involvements(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<Active>, StoreError> {
        self.fetch_all(
            "SELECT id, role, organisation_id, user_id FROM involvements WHERE family_id = $1 AND ended_at IS NULL",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| Ok(Active { id: r.text("id")?, role: r.code("role")?, organisation_id: r.text("organisation_id")?, user_id: r.text("user_id")? }))
        .collect()
    }

    /// Adds someone to the family's circle. The domain decides whether that is in
    /// parallel or a handover; a handover ends the replaced involvement and is journaled
    /// as such.
    pub async fn add_involvement(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        new: NewInvolvement,
    ) -> Result<(String, Placement), StoreError> {
        let org = self
            .fetch_optional(
                "SELECT kind FROM organisations WHERE id = $1",
                params![&new.organisation_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("organisation {}", new.organisation_id)))?;
        let organisation_kind: OrganisationKind = org.code("kind")?;
        let member_of = self
            .fetch_optional(
                "SELECT organisation_id FROM users WHERE id = $1 AND active = 1",
                params![&new.user_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("active user {}", new.user_id)))?;
        if member_of.text("organisation_id")? != new.organisation_id {
            return Err(StoreError::Invalid(
                "the professional does not work for that organisation".into(),
            ));
        }
        let roles = self
            .fetch_all(
                "SELECT role FROM user_roles WHERE user_id = $1",
                params![&new.user_id],
            )
            .await?
            .iter()
            .map(|r| r.code("role"))
            .collect::<Result<Vec<eenplan_domain::role::Role>, _>>()?;
        if let Some(facts) = self.access_facts(family_id).await? {
            let involved = facts.domain_involved();
            eenplan_domain::family::may_join(
                facts.file_facts(&involved, None),
                new.role,
                &new.organisation_id,
                organisation_kind,
                eenplan_domain::time::amsterdam_date(self.now()),
            )
            .map_err(StoreError::ConsentNeeded)?;
        }
        let active = self.active_involvements(family_id).await?;
        let placement = involvement::place_involvement(
            &active,
            &Proposed {
                role: new.role,
                organisation_id: new.organisation_id.clone(),
                organisation_kind,
                user_id: new.user_id.clone(),
                roles,
                takes_over: new.takes_over.clone(),
                reason: new.reason.clone(),
            },
        )?;
        let id = ids::new_id();
        let replaces = match &placement {
            Placement::Handover { replaces } => Some(replaces.clone()),
            Placement::Parallel => None,
        };
        if let Some(old) = &replaces {
            self.execute(
                "UPDATE involvements SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL",
                params![old, self.now_text(), "handover"],
            )
            .await?;
        }
        self.execute(
            "INSERT INTO involvements (id, family_id, role, organisation_id, user_id, expertise, takes_over, started_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![&id, family_id, new.role.code(), &new.organisation_id, &new.user_id, new.expertise.map(|e| e.code()), replaces.clone(), self.now_text()],
        )
        .await?;
        self.append(
            actor,
            Event::InvolvementStarted {
                family_id: family_id.to_string(),
                involvement_id: id.clone(),
                role: new.role.code().to_owned(),
                organisation_id: new.organisation_id.clone(),
                user_id: new.user_id.clone(),
                expertise: new.expertise.map(|e| e.code().to_owned()),
                handover_of: replaces.clone(),
            },
        )
        .await?;
        if let Some(old) = replaces {
            self.append(
                actor,
                Event::Handover {
                    family_id: family_id.to_string(),
                    from_involvement: old,
                    to_involvement: id.clone(),
                    role: new.role.code().to_owned(),
                    reason: new.reason.unwrap_or_default().trim().to_owned(),
                },
            )
            .await?;
        }
        Ok((id, placement))
    }

    /// A partner ends their part; the regisseur can only be replaced (a handover).
    pub async fn end_involvement(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        involvement_id: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "ending an involvement needs a reason".into(),
            ));
        }
        let active = self.active_involvements(family_id).await?;
        involvement::check_end(&active, involvement_id)?;
        self.execute(
            "UPDATE involvements SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL",
            params![involvement_id, self.now_text(), reason.trim()],
        )
        .await?;
        self.append(
            actor,
            Event::InvolvementEnded {
                family_id: family_id.to_string(),
                involvement_id: involvement_id.to_owned(),
                reason: reason.trim().to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// The files `user_id` leads as regisseur now, by label: what an administrator
    /// hands over before the person leaves.
    pub async fn files_led_by(&mut self, user_id: &UserId) -> Result<Vec<LedFile>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT f.id AS family_id, f.label, i.id AS involvement_id, i.organisation_id, i.user_id AS regisseur_user_id, \
                   u.name AS regisseur_name FROM families f \
                 JOIN involvements i ON i.family_id = f.id AND i.role = 'regisseur' AND i.ended_at IS NULL \
                 JOIN users u ON u.id = i.user_id \
                 WHERE i.user_id = $1 ORDER BY f.label, f.id",
                params![user_id],
            )
            .await?;
        led_files(&rows)
    }

    /// Active colleagues of `organisation_id` who may take over the lead of its files (the
    /// domain's `colleague_may_take_over`).
    pub async fn handover_candidates(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<Vec<crate::Principal>, StoreError> {
        Ok(self
            .principals_of(organisation_id)
            .await?
            .into_iter()
            .filter(|p| {
                p.active
                    && involvement::colleague_may_take_over(
                        organisation_id.as_str(),
                        p.organisation_id.as_str(),
                        &p.roles,
                        p.organisation_kind,
                    )
            })
            .collect())
    }

    /// Hands the lead of every one of `files` to `to`, each a handover journaled with
    /// `reason`. Stops at the first refusal: the caller drops the transaction, so either
    /// all files change hands or none.
    pub async fn hand_over_lead(
        &mut self,
        actor: &Actor,
        files: &[LedFile],
        to: &UserId,
        reason: &str,
    ) -> Result<(), StoreError> {
        for file in files {
            self.add_involvement(
                actor,
                &file.family_id,
                NewInvolvement {
                    role: InvolvementRole::Regisseur,
                    organisation_id: file.organisation_id.to_string(),
                    user_id: to.to_string(),
                    expertise: None,
                    takes_over: Some(file.involvement_id.clone()),
                    reason: Some(reason.to_owned()),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Files of `organisation_id` whose regisseur's account is deactivated: nobody
    /// leads them until someone takes them over. With `team_id`, only those whose
    /// regisseur was in that team (the team lead's own list).
    pub async fn files_without_regisseur(
        &mut self,
        organisation_id: &OrganisationId,
        team_id: Option<&str>,
    ) -> Result<Vec<LedFile>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT f.id AS family_id, f.label, i.id AS involvement_id, i.organisation_id, i.user_id AS regisseur_user_id, \
                   u.name AS regisseur_name FROM families f \
                 JOIN involvements i ON i.family_id = f.id AND i.role = 'regisseur' AND i.ended_at IS NULL \
                 JOIN users u ON u.id = i.user_id \
                 WHERE i.organisation_id = $1 AND u.active = 0 AND ($2 = '' OR u.team_id = $2) \
                   AND f.closed_on IS NULL \
                 ORDER BY f.label, f.id",
                params![organisation_id, team_id.unwrap_or_default()],
            )
            .await?;
        led_files(&rows)
    }

    /// Families in which `user_id` is involved (or whose regisseur is in the team they
    /// lead) matching the query, all of them: the choice of one's own families (SAVE op
    /// locatie, on name), bounded by a caseload and a team's, where a family left out
    /// could not be chosen at all. The SQL only narrows the candidates; callers still
    /// decide each result with `family_access`, the one place of the rule.
    pub async fn search_families(
        &mut self,
        user_id: &UserId,
        led_team: Option<&str>,
        query: &FamilyQuery,
    ) -> Result<Vec<FamilySummary>, StoreError> {
        let scope = crate::FamilyScope {
            user_id: user_id.clone(),
            led_team: led_team.map(str::to_owned),
        };
        let filter = crate::FamilyFilter {
            query: query.clone(),
            state: crate::FileState::All,
            ..crate::FamilyFilter::default()
        };
        let Some((cond, args)) = crate::family_list::scope_and_filter(&scope, &filter) else {
            return Ok(Vec::new());
        };
        self.plan_for_the_values().await?;
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {SUMMARY_COLUMNS} FROM families f WHERE {cond} ORDER BY f.label_sort, f.id"
                ),
                args,
            )
            .await?;
        summaries(&rows)
    }

    /// Existing open files that may be the same family: a child with this name and date
    /// of birth, or the same address. Searched across all files, because one family must
    /// keep one file; what the person asking may learn of them is the caller's decision.
    pub async fn possible_duplicates(
        &mut self,
        children: &[(String, Date)],
        postcode: &Postcode,
        house_number: &str,
    ) -> Result<Vec<FamilySummary>, StoreError> {
        let house: String = house_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let mut found = summaries(
            &self
                .fetch_all(
                    &format!("SELECT {SUMMARY_COLUMNS} FROM families f WHERE f.postcode = $1 AND LOWER(REPLACE(f.house_number, ' ', '')) = $2 AND f.closed_on IS NULL"),
                    params![postcode.as_str(), house],
                )
                .await?,
        )?;
        for (name, dob) in children {
            for s in self.families_with_child(name, *dob).await? {
                if !found.iter().any(|f| f.id == s.id) {
                    found.push(s);
                }
            }
        }
        Ok(found)
    }

    /// The CBS code of the province an area lies in (the area itself if it is one).
    pub async fn province_code(&mut self, area_id: &str) -> Result<Option<String>, StoreError> {
        // The top of the area's path is its province, if the tree reaches one.
        let Some(top) = self.area_path(area_id).await?.pop() else {
            return Ok(None);
        };
        match self
            .fetch_optional("SELECT kind, code FROM areas WHERE id = $1", params![&top])
            .await?
        {
            Some(row) if row.text("kind")? == "province" => row.opt_text("code"),
            _ => Ok(None),
        }
    }

    /// Open files with a child of this name and date of birth, across all files. Names
    /// compare by the domain's `name_key` (case and spacing do not matter), applied here
    /// to the stored names too, so rows written before the key existed are found alike.
    /// The candidates come from the name index (issue 18 §1), by the one token every
    /// name with this key has (`name_key_token`); a name without one has no tokens, and
    /// its candidates are the children born that day.
    pub async fn families_with_child(
        &mut self,
        name: &str,
        date_of_birth: Date,
    ) -> Result<Vec<FamilySummary>, StoreError> {
        let wanted = name_key(name);
        let rows = match name_key_token(name) {
            Some(token) => {
                self.fetch_all(
                    &format!(
                        "SELECT {SUMMARY_COLUMNS}, m.name AS child_name FROM family_member_tokens t \
                         JOIN family_members m ON m.id = t.member_id JOIN families f ON f.id = m.family_id \
                         WHERE t.token = $2 AND m.kind = 'child' AND m.date_of_birth = $1 \
                         ORDER BY f.id"
                    ),
                    params![date_of_birth.to_string(), token],
                )
                .await?
            }
            None => {
                self.fetch_all(
                    &format!(
                        "SELECT {SUMMARY_COLUMNS}, m.name AS child_name FROM families f JOIN family_members m ON m.family_id = f.id \
                         WHERE m.kind = 'child' AND m.date_of_birth = $1 \
                         ORDER BY f.id"
                    ),
                    params![date_of_birth.to_string()],
                )
                .await?
            }
        };
        let mut found: Vec<FamilySummary> = Vec::new();
        for (r, summary) in rows.iter().zip(summaries(&rows)?) {
            if name_key(&r.text("child_name")?) == wanted
                && found.last().is_none_or(|f| f.id != summary.id)
            {
                found.push(summary);
            }
        }
        Ok(found)
    }

    /// The organisation of each file's regisseur, with its general phone number: whom
    /// someone outside the circle may call about a possible duplicate.
    pub async fn lead_organisations(
        &mut self,
        family_ids: &[FamilyId],
    ) -> Result<std::collections::HashMap<FamilyId, LeadOrganisation>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for id in family_ids {
            let row = self
                .fetch_optional(
                    "SELECT o.id, o.name, o.phone FROM involvements i JOIN organisations o ON o.id = i.organisation_id \
                     WHERE i.family_id = $1 AND i.role = 'regisseur' AND i.ended_at IS NULL",
                    params![id],
                )
                .await?;
            if let Some(r) = row {
                out.insert(
                    id.clone(),
                    LeadOrganisation {
                        id: r.text("id")?,
                        name: r.text("name")?,
                        phone: r.opt_text("phone")?,
                    },
                );
            }
        }
        Ok(out)
    }

    /// Access-log lines about one family, newest first (the privacy officer's and the
    /// family's view).
    pub async fn access_log_for(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<(String, String, String, String, String)>, StoreError> {
        self.fetch_all(
            "SELECT at, event, outcome, user_id, data FROM access_log WHERE family_id = $1 ORDER BY at DESC, id DESC",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| Ok((r.text("at")?, r.text("event")?, r.text("outcome")?, r.text("user_id")?, r.text("data")?)))
        .collect()
    }

    /// The family's history, read from the journal.
    pub async fn timeline(&mut self, family_id: &FamilyId) -> Result<Vec<Entry>, StoreError> {
        self.journal_for_subject("family", family_id.as_str()).await
    }
}
