//! The family's own door in the demo (issue 17): a parent with custody and a young person
//! of 16 in one of the first local-team professional's files get an account, invited
//! and activated through the same store commands as the regisseur's invitation and the
//! person's redemption, so the portal can be tried (and walked in the browser tests)
//! without a regisseur handing out a code first. The file is one with an agreed plan,
//! SAVE in the circle on the family's consent and a meeting still to come, when the
//! generator made one. Deterministic: fixed sign-in names, the demo's password and
//! second-factor secrets derived from the sign-in name like the professionals'.

use eenplan_domain::family::consent::age_on;
use eenplan_domain::family::portal::{ItemKind, MarkKind, line_ref};
use eenplan_domain::family::{Framework, MemberKind, NewMember, PlanSection};
use eenplan_domain::family_account::{invitation_expires, may_invite};
use eenplan_domain::joint_assessment::MeetingState;
use eenplan_domain::journal::Actor;
use eenplan_domain::user::Email;
use eenplan_domain::{UtcTime, enrolment, password};
use eenplan_store::{Family, FamilyPrincipal, Member, NewMark, Store, StoreError, Tx, ids};
use jiff::civil::Date;

use super::people::Professional;
use super::{DEMO_PASSWORD, demo_totp_secret};
use crate::error::{CliError, fail};

/// The sign-in names of the demo's family accounts (`.example`: never delivered).
pub const PARENT_EMAIL: &str = "ouder.demo@gezin.example";
pub const YOUNG_EMAIL: &str = "jongere.demo@gezin.example";

/// A family account as the demo prints it.
#[derive(Debug)]
pub struct FamilyAccount {
    /// `family_parent` or `family_young`: what the browser tests ask for.
    pub kind: &'static str,
    pub email: &'static str,
    pub name: String,
    pub family_id: String,
    pub totp: String,
}

fn actor(p: &Professional) -> Actor {
    Actor::User {
        user_id: p.user_id.to_string(),
        organisation_id: p.organisation_id.to_string(),
    }
}

fn current(family: &Family) -> impl Iterator<Item = &Member> {
    family.members.iter().filter(|m| !m.ended)
}

/// How well a file of the lead shows the portal: a second parent with custody to
/// invite, SAVE in the circle, an agreed plan, a meeting to come; `None` when it
/// cannot have both accounts.
async fn fitness(
    tx: &mut Tx,
    family: &Family,
    save: &Professional,
    today: Date,
) -> Result<Option<u8>, StoreError> {
    if family.framework != Framework::Voluntary
        || family.closed.is_some()
        || !current(family).any(|m| m.kind == MemberKind::Parent && m.has_custody)
        || !current(family).any(|m| m.kind == MemberKind::Child)
    {
        return Ok(None);
    }
    let agreed = !tx.agreed_plan_versions(&family.id).await?.is_empty();
    let save_in = family
        .partners()
        .any(|i| i.organisation_id == save.organisation_id.as_str());
    let to_come = tx
        .meetings(&family.id)
        .await?
        .iter()
        .any(|m| m.state == MeetingState::Scheduled && m.meets_at.date() > today);
    // A second parent with custody is the one the browser walk invites (she redeems
    // the code and withdraws the SAVE consent she gave), so it weighs most, with SAVE.
    let second = current(family)
        .filter(|m| m.kind == MemberKind::Parent && m.has_custody)
        .count()
        > 1;
    Ok(Some(
        4 * u8::from(second) + 2 * u8::from(save_in) + u8::from(agreed) + u8::from(to_come),
    ))
}

/// Invites and activates `member` as `email`, the way the regisseur's page and the
/// person's redemption do.
async fn open_door(
    tx: &mut Tx,
    lead: &Professional,
    family: &Family,
    member: &Member,
    email: &str,
    today: Date,
) -> Result<(String, String), CliError> {
    may_invite(member.kind, member.date_of_birth, member.has_custody, today)
        .map_err(|why| fail(format!("demo family member not invitable: {why:?}")))?;
    let code = enrolment::new_code(ids::random_bytes());
    let hash = enrolment::code_hash(&code);
    let now = UtcTime::now();
    let expires = UtcTime::from_timestamp(invitation_expires(now.timestamp()));
    tx.invite_family_member(
        &actor(lead),
        lead.user_id.as_str(),
        (family.id.as_str(), &member.id),
        &hash,
        expires,
        false,
    )
    .await?;
    let email = Email::parse(email).map_err(fail)?;
    let secret = demo_totp_secret(email.as_str());
    let password_hash = password::hash(DEMO_PASSWORD, ids::random_bytes()).map_err(fail)?;
    let account = tx
        .begin_family_activation(&hash, email.as_str(), &password_hash, &secret, now)
        .await?;
    tx.activate_family_account(&account, now).await?;
    Ok((secret.to_base32(), account))
}

/// A worry in the plan that concerns only the young person, so her switch "mijn
/// ouders mogen dit zien" is there to try: the regisseur adds it to the plan and marks
/// it as hers, as on the plan's page of marks.
async fn only_about(
    tx: &mut Tx,
    lead: &Professional,
    family: &Family,
    young: &Member,
) -> Result<(), CliError> {
    let first = young.name.split(' ').next().unwrap_or(&young.name);
    let worry =
        format!("{first} wil eerst zelf met de hulpverlener praten over blowen in het weekend");
    let (version, mut plan) = tx.current_plan(&family.id).await?;
    plan.worries.push(worry.clone());
    let saved = tx
        .save_plan(&actor(lead), &lead.user_id, &family.id, version, &plan)
        .await?;
    if !matches!(saved, eenplan_store::PlanSave::Saved { .. }) {
        return Err(fail("demo plan changed while adding a line"));
    }
    let mark = NewMark {
        item_kind: ItemKind::PlanItem,
        item_ref: line_ref(PlanSection::Worries, &worry),
        kind: MarkKind::OnlyChild,
        member_id: young.id.clone(),
        reason: String::new(),
    };
    tx.mark_portal_item(
        &actor(lead),
        lead.user_id.as_str(),
        family.id.as_str(),
        &mark,
    )
    .await?;
    Ok(())
}

/// The demo's family accounts, in the best-fitting file `lead` leads; none when the
/// demo has no such file (a demo without families).
pub async fn generate(
    store: &Store,
    lead: &Professional,
    save: &Professional,
    today: Date,
) -> Result<Vec<FamilyAccount>, CliError> {
    let mut tx = store.write().await?;
    let mut best: Option<(u8, Family)> = None;
    for (id, _, _) in tx.plans_led_by(&lead.user_id).await? {
        let Some(family) = tx.family(&id).await? else {
            continue;
        };
        if let Some(score) = fitness(&mut tx, &family, save, today).await?
            && best.as_ref().is_none_or(|(b, _)| score > *b)
        {
            best = Some((score, family));
        }
    }
    let Some((_, mut family)) = best else {
        return Ok(Vec::new());
    };
    // A young person of 16 or 17 decides some things alone; without one in the file,
    // its first child is made 16 (and a little), the same on every run of a day.
    let sixteen = |m: &Member| {
        m.date_of_birth
            .is_some_and(|d| (16..18).contains(&age_on(d, today)))
    };
    if !current(&family).any(|m| m.kind == MemberKind::Child && sixteen(m)) {
        let child = current(&family)
            .find(|m| m.kind == MemberKind::Child)
            .cloned()
            .ok_or_else(|| fail("demo family without a child"))?;
        let born = today
            .checked_sub(jiff::Span::new().years(16).days(100))
            .map_err(fail)?;
        tx.correct_member(
            &actor(lead),
            &family.id,
            &child.id,
            NewMember {
                kind: child.kind,
                name: child.name.clone(),
                date_of_birth: Some(born),
                has_custody: child.has_custody,
            },
            "Geboortedatum verbeterd (demo: een jongere van 16 voor het gezinsportaal)",
            today,
        )
        .await?;
        family = tx
            .family(&family.id)
            .await?
            .ok_or_else(|| fail("demo family went missing"))?;
    }
    let parent = current(&family)
        .find(|m| m.kind == MemberKind::Parent && m.has_custody)
        .cloned()
        .ok_or_else(|| fail("demo family without a parent with custody"))?;
    let young = current(&family)
        .find(|m| m.kind == MemberKind::Child && sixteen(m))
        .cloned()
        .ok_or_else(|| fail("demo family without a young person of 16"))?;
    only_about(&mut tx, lead, &family, &young).await?;
    let mut out = Vec::new();
    for (kind, email, member) in [
        ("family_parent", PARENT_EMAIL, parent),
        ("family_young", YOUNG_EMAIL, young),
    ] {
        let (totp, account_id) = open_door(&mut tx, lead, &family, &member, email, today).await?;
        // The young person asks for a copy of what is written about her (AVG art. 15),
        // so the privacy officer has a request with its term to handle.
        if kind == "family_young" {
            let asker = FamilyPrincipal {
                account_id,
                family_id: family.id.to_string(),
                member_id: member.id.clone(),
                name: member.name.clone(),
            };
            tx.request_copy(
                &asker,
                "Ik wil graag lezen wat er over mij is opgeschreven.",
                today,
                today,
            )
            .await?;
        }
        out.push(FamilyAccount {
            kind,
            email,
            name: member.name,
            family_id: family.id.to_string(),
            totp,
        });
    }
    tx.commit().await?;
    Ok(out)
}
