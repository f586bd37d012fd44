//! The chain's map: areas, organisations and their teams.

use eenplan_domain::OrganisationId;
use eenplan_domain::area::{AreaKind, lies_within};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::organisation::{OrganisationKind, Slug};

use crate::{Row, StoreError, Tx, ids, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArea {
    pub kind: AreaKind,
    pub name: String,
    /// CBS code (GM0344 for Utrecht), where there is one.
    pub code: Option<String>,
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub id: String,
    pub kind: AreaKind,
    pub name: String,
    pub code: Option<String>,
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub slug: Slug,
    pub name: String,
    pub kind: OrganisationKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub slug: String,
    pub name: String,
    pub kind: OrganisationKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTeam {
    pub organisation_id: OrganisationId,
    pub name: String,
    pub area_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: String,
    pub organisation_id: OrganisationId,
    pub name: String,
    pub area_id: Option<String>,
}

fn non_empty(what: &str, text: &str) -> Result<String, StoreError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return Err(StoreError::Invalid(format!(
            "{what} must have 1 to 200 characters"
        )));
    }
    Ok(t.to_owned())
}

impl Tx {
    pub async fn create_area(&mut self, actor: &Actor, new: NewArea) -> Result<Area, StoreError> {
        let name = non_empty("an area name", &new.name)?;
        let parent_kind = match &new.parent_id {
            Some(pid) => Some(self.area(pid).await?.kind),
            None => None,
        };
        new.kind
            .check_parent(parent_kind)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let code = new.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
        self.code_free(code, None).await?;
        let new = NewArea {
            code: code.map(str::to_owned),
            ..new
        };
        let id = ids::new_id();
        self.execute(
            "INSERT INTO areas (id, kind, name, code, parent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            params![&id, new.kind.code(), &name, new.code.clone(), new.parent_id.clone(), self.now_text()],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("{} '{name}'", new.kind.label_en().to_lowercase())))?;
        self.append(
            actor,
            Event::AreaCreated {
                area_id: id.clone(),
                kind: new.kind,
                name: name.clone(),
                parent_id: new.parent_id.clone(),
            },
        )
        .await?;
        // A place the seed texts' pilots name starts with those pilots (`pilots.rs`).
        self.seed_known_pilots(actor, &id, &name).await?;
        Ok(Area {
            id,
            kind: new.kind,
            name,
            code: new.code,
            parent_id: new.parent_id,
        })
    }

    /// Refuses a CBS code another area (than `except`) already has.
    async fn code_free(
        &mut self,
        code: Option<&str>,
        except: Option<&str>,
    ) -> Result<(), StoreError> {
        let Some(code) = code else {
            return Ok(());
        };
        let taken = self
            .fetch_optional(
                "SELECT name FROM areas WHERE code = $1 AND id <> $2",
                params![code, except.unwrap_or("")],
            )
            .await?;
        match taken {
            Some(r) => Err(StoreError::DuplicateAreaCode {
                code: code.to_owned(),
                area: r.text("name")?,
            }),
            None => Ok(()),
        }
    }

    /// Corrects an area's name and CBS code (its kind and place in the map stay).
    pub async fn change_area(
        &mut self,
        actor: &Actor,
        id: &str,
        name: &str,
        code: Option<&str>,
    ) -> Result<Area, StoreError> {
        let name = non_empty("an area name", name)?;
        let code = code.map(str::trim).filter(|c| !c.is_empty());
        let before = self.area(id).await?;
        self.code_free(code, Some(id)).await?;
        self.execute(
            "UPDATE areas SET name = $2, code = $3 WHERE id = $1",
            params![id, &name, code],
        )
        .await
        .map_err(|e| {
            e.duplicate_as(|| format!("{} '{name}'", before.kind.label_en().to_lowercase()))
        })?;
        self.append(
            actor,
            Event::AreaChanged {
                area_id: id.to_owned(),
                name: name.clone(),
                code: code.map(str::to_owned),
            },
        )
        .await?;
        Ok(Area {
            name,
            code: code.map(str::to_owned),
            ..before
        })
    }

    /// Corrects an organisation's name (its slug and kind stay: they are its identity).
    pub async fn rename_organisation(
        &mut self,
        actor: &Actor,
        id: &OrganisationId,
        name: &str,
    ) -> Result<(), StoreError> {
        let name = non_empty("an organisation name", name)?;
        let changed = self
            .execute(
                "UPDATE organisations SET name = $2 WHERE id = $1",
                params![id, &name],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("organisation {id}")));
        }
        self.append(
            actor,
            Event::OrganisationRenamed {
                organisation_id: id.to_string(),
                name,
            },
        )
        .await?;
        Ok(())
    }

    /// Corrects the name of a team of `organisation_id`.
    pub async fn rename_team(
        &mut self,
        actor: &Actor,
        organisation_id: &OrganisationId,
        team_id: &str,
        name: &str,
    ) -> Result<(), StoreError> {
        let name = non_empty("a team name", name)?;
        let changed = self
            .execute(
                "UPDATE teams SET name = $3 WHERE id = $1 AND organisation_id = $2",
                params![team_id, organisation_id, &name],
            )
            .await
            .map_err(|e| {
                e.duplicate_as(|| format!("a team named '{name}' in this organisation"))
            })?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("team {team_id}")));
        }
        self.append(
            actor,
            Event::TeamRenamed {
                team_id: team_id.to_owned(),
                name,
            },
        )
        .await?;
        Ok(())
    }

    /// Corrects an organisation's slug and kind; the kind only while the organisation
    /// has no accounts (`organisation::kind_may_change`). Journaled only when either
    /// differs from what is stored.
    pub async fn change_organisation_identity(
        &mut self,
        actor: &Actor,
        id: &OrganisationId,
        slug: &Slug,
        kind: OrganisationKind,
    ) -> Result<(), StoreError> {
        let before = self
            .organisations()
            .await?
            .into_iter()
            .find(|o| &o.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("organisation {id}")))?;
        if before.slug == slug.as_str() && before.kind == kind {
            return Ok(());
        }
        if before.kind != kind {
            let accounts = self
                .fetch_one(
                    "SELECT COUNT(*) AS n FROM users WHERE organisation_id = $1",
                    params![id],
                )
                .await?
                .int("n")?;
            eenplan_domain::organisation::kind_may_change(
                usize::try_from(accounts).unwrap_or(usize::MAX),
            )?;
        }
        self.execute(
            "UPDATE organisations SET slug = $2, kind = $3 WHERE id = $1",
            params![id, slug.as_str(), kind.code()],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("an organisation with slug '{slug}'")))?;
        self.append(
            actor,
            Event::OrganisationIdentityChanged {
                organisation_id: id.to_string(),
                slug: slug.to_string(),
                kind,
            },
        )
        .await?;
        Ok(())
    }

    /// Places a team of `organisation_id` in `area_id`, or in none. Journaled only when
    /// the area differs from the stored one; an unknown area is not found.
    pub async fn set_team_area(
        &mut self,
        actor: &Actor,
        organisation_id: &OrganisationId,
        team_id: &str,
        area_id: Option<&str>,
    ) -> Result<(), StoreError> {
        let before = self
            .teams_of(organisation_id)
            .await?
            .into_iter()
            .find(|t| t.id == team_id)
            .ok_or_else(|| StoreError::NotFound(format!("team {team_id}")))?;
        if before.area_id.as_deref() == area_id {
            return Ok(());
        }
        if let Some(area) = area_id {
            self.area(area).await?;
        }
        self.execute(
            "UPDATE teams SET area_id = $3 WHERE id = $1 AND organisation_id = $2",
            params![team_id, organisation_id, area_id],
        )
        .await?;
        self.append(
            actor,
            Event::TeamAreaChanged {
                team_id: team_id.to_owned(),
                area_id: area_id.map(str::to_owned),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn area(&mut self, id: &str) -> Result<Area, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT id, kind, name, code, parent_id FROM areas WHERE id = $1",
                params![id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("area {id}")))?;
        area_from_row(&row)
    }

    /// All areas, provinces first, then by name.
    pub async fn areas(&mut self) -> Result<Vec<Area>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, kind, name, code, parent_id FROM areas ORDER BY parent_id IS NOT NULL, name",
                vec![],
            )
            .await?;
        rows.iter().map(area_from_row).collect()
    }

    pub async fn create_organisation(
        &mut self,
        actor: &Actor,
        new: NewOrganisation,
    ) -> Result<Organisation, StoreError> {
        let name = non_empty("an organisation name", &new.name)?;
        let id = OrganisationId::from(ids::new_id());
        self.execute(
            "INSERT INTO organisations (id, slug, name, kind, created_at) VALUES ($1, $2, $3, $4, $5)",
            params![&id, new.slug.as_str(), &name, new.kind.code(), self.now_text()],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("an organisation with slug '{}'", new.slug)))?;
        self.append(
            actor,
            Event::OrganisationCreated {
                organisation_id: id.to_string(),
                slug: new.slug.to_string(),
                name: name.clone(),
                kind: new.kind,
            },
        )
        .await?;
        Ok(Organisation {
            id,
            slug: new.slug.to_string(),
            name,
            kind: new.kind,
        })
    }

    pub async fn organisation_by_slug(
        &mut self,
        slug: &str,
    ) -> Result<Option<Organisation>, StoreError> {
        self.fetch_optional(
            "SELECT id, slug, name, kind FROM organisations WHERE slug = $1",
            params![slug],
        )
        .await?
        .map(|r| organisation_from_row(&r))
        .transpose()
    }

    pub async fn organisations(&mut self) -> Result<Vec<Organisation>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, slug, name, kind FROM organisations ORDER BY slug",
                vec![],
            )
            .await?;
        rows.iter().map(organisation_from_row).collect()
    }

    /// Records that an organisation works in an area (SAVE in the provinces of Utrecht
    /// and Flevoland, a local team in its municipality).
    pub async fn add_organisation_area(
        &mut self,
        actor: &Actor,
        organisation_id: &OrganisationId,
        area_id: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO organisation_areas (organisation_id, area_id) VALUES ($1, $2)",
            params![organisation_id, area_id],
        )
        .await
        .map_err(|e| e.duplicate_as(|| "that organisation's area".into()))?;
        self.append(
            actor,
            Event::OrganisationAreaAdded {
                organisation_id: organisation_id.to_string(),
                area_id: area_id.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Sets (or clears) an organisation's general phone number: the number someone
    /// outside a family's circle is given to call about a possible duplicate file.
    pub async fn set_organisation_phone(
        &mut self,
        actor: &Actor,
        organisation_id: &OrganisationId,
        phone: Option<&eenplan_domain::user::Phone>,
    ) -> Result<(), StoreError> {
        let phone = phone.map(|p| p.as_str().to_owned());
        let changed = self
            .execute(
                "UPDATE organisations SET phone = $2 WHERE id = $1",
                params![organisation_id, phone.clone()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "organisation {organisation_id}"
            )));
        }
        self.append(
            actor,
            Event::OrganisationPhoneChanged {
                organisation_id: organisation_id.to_string(),
                phone,
            },
        )
        .await?;
        Ok(())
    }

    /// An area and the areas containing it (neighbourhood > municipality > province).
    pub async fn area_path(&mut self, area_id: &str) -> Result<Vec<String>, StoreError> {
        let mut path = Vec::new();
        let mut current = Some(area_id.to_owned());
        // Three levels at most; the bound also stops a (refused) cycle.
        while let Some(id) = current.take() {
            if path.len() == 3 {
                break;
            }
            current = self
                .fetch_optional("SELECT parent_id FROM areas WHERE id = $1", params![&id])
                .await?
                .map(|r| r.opt_text("parent_id"))
                .transpose()?
                .flatten();
            path.push(id);
        }
        Ok(path)
    }

    /// The municipalities and neighbourhoods where an organisation works (the domain's
    /// `area::lies_within`), as (id, "name (parent)"), for choosing where a family lives.
    pub async fn areas_within(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let own = self.organisation_area_ids(organisation_id).await?;
        let all = self.areas().await?;
        let by_id: std::collections::HashMap<&str, &Area> =
            all.iter().map(|a| (a.id.as_str(), a)).collect();
        let path = |a: &Area| {
            let mut path = vec![a.id.clone()];
            let mut at = a.parent_id.as_deref();
            while let (Some(p), true) = (at, path.len() < 3) {
                path.push(p.to_owned());
                at = by_id.get(p).and_then(|x| x.parent_id.as_deref());
            }
            path
        };
        let mut out: Vec<(String, String)> = all
            .iter()
            .filter(|a| a.kind != AreaKind::Province && lies_within(&path(a), &own))
            .map(|a| {
                let parent = a
                    .parent_id
                    .as_deref()
                    .and_then(|p| by_id.get(p))
                    .map(|p| p.name.as_str())
                    .unwrap_or_default();
                let label = match a.kind {
                    AreaKind::Neighbourhood => format!("{} ({parent})", a.name),
                    _ => a.name.clone(),
                };
                (a.id.clone(), label)
            })
            .collect();
        out.sort_by(|x, y| x.1.cmp(&y.1));
        Ok(out)
    }

    /// Every organisation's areas, as `(organisation, area)` pairs: for choice lists
    /// that weigh all organisations at once.
    pub async fn organisation_areas_all(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        self.fetch_all(
            "SELECT organisation_id, area_id FROM organisation_areas ORDER BY organisation_id, area_id",
            vec![],
        )
        .await?
        .iter()
        .map(|r| Ok((r.text("organisation_id")?, r.text("area_id")?)))
        .collect()
    }

    pub async fn organisation_area_ids(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<Vec<String>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT area_id FROM organisation_areas WHERE organisation_id = $1 ORDER BY area_id",
                params![organisation_id],
            )
            .await?;
        rows.iter().map(|r| r.text("area_id")).collect()
    }

    pub async fn create_team(&mut self, actor: &Actor, new: NewTeam) -> Result<Team, StoreError> {
        let name = non_empty("a team name", &new.name)?;
        let id = ids::new_id();
        self.execute(
            "INSERT INTO teams (id, organisation_id, name, area_id, created_at) VALUES ($1, $2, $3, $4, $5)",
            params![&id, &new.organisation_id, &name, new.area_id.clone(), self.now_text()],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("a team named '{name}' in this organisation")))?;
        self.append(
            actor,
            Event::TeamCreated {
                team_id: id.clone(),
                organisation_id: new.organisation_id.to_string(),
                name: name.clone(),
                area_id: new.area_id.clone(),
            },
        )
        .await?;
        Ok(Team {
            id,
            organisation_id: new.organisation_id,
            name,
            area_id: new.area_id,
        })
    }

    /// Every team, by organisation and name.
    pub async fn teams(&mut self) -> Result<Vec<Team>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT t.id, t.organisation_id, t.name, t.area_id FROM teams t \
                 JOIN organisations o ON o.id = t.organisation_id ORDER BY o.slug, t.name",
                vec![],
            )
            .await?;
        rows.iter().map(team_from_row).collect()
    }

    pub async fn teams_of(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<Vec<Team>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id, organisation_id, name, area_id FROM teams WHERE organisation_id = $1 ORDER BY name",
                params![organisation_id],
            )
            .await?;
        rows.iter().map(team_from_row).collect()
    }
}

fn area_from_row(r: &Row) -> Result<Area, StoreError> {
    Ok(Area {
        id: r.text("id")?,
        kind: r.code("kind")?,
        name: r.text("name")?,
        code: r.opt_text("code")?,
        parent_id: r.opt_text("parent_id")?,
    })
}

fn team_from_row(r: &Row) -> Result<Team, StoreError> {
    Ok(Team {
        id: r.text("id")?,
        organisation_id: r.id("organisation_id")?,
        name: r.text("name")?,
        area_id: r.opt_text("area_id")?,
    })
}

fn organisation_from_row(r: &Row) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: r.id("id")?,
        slug: r.text("slug")?,
        name: r.text("name")?,
        kind: r.code("kind")?,
    })
}
