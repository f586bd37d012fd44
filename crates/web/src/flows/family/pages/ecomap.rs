//! The network drawn (ecogram): the household at the centre, the network around it and
//! the professionals as the outer ring, as an SVG drawn on the server.
//!
//! A professional takes in a family's circle at a glance from a drawing, the way the
//! chain draws it on paper; a screen reader and a printout need the same people as
//! text. So every drawing comes with a list of exactly the people it draws, and the
//! drawing itself says what it is (`role="img"` with a label) without repeating them.
//! The layout is computed, not left to JavaScript: the same file always gives the same
//! picture, and the tests below check that nobody is left out or drawn twice and that
//! no two people are drawn on top of each other.

use std::f64::consts::PI;
use std::fmt::Write as _;

use eenplan_domain::family::consent::age_on;
use eenplan_domain::family::{Expertise, InvolvementRole, MemberKind, NetworkRelation};
use eenplan_store::Family;
use jiff::civil::Date;

use crate::flows::family::overview_texts::{OverviewTexts, overview_texts};
use crate::kit::dates::dutch_date;
use crate::kit::form::kind_label;
use crate::kit::i18n::Lang;

/// Where a person stands in the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ring {
    Household,
    Network,
    Professional,
}

/// One person as the drawing and the list show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub ring: Ring,
    pub name: String,
    /// The short line the drawing writes under the name (kind and age, relation,
    /// organisation).
    pub note: String,
    /// The whole line the list gives (everything the drawing has no room for).
    pub details: String,
    pub custody: bool,
    pub child: bool,
    /// The regisseur: drawn filled, the heart of the professionals' ring.
    pub lead: bool,
}

/// A person's node: radius of the drawn mark.
pub const NODE_R: f64 = 10.0;
/// The least distance between two neighbours on one ring, centre to centre: room for
/// their names side by side, so labels do not run into each other either.
const SPACING: f64 = 130.0;
/// The same inside the household, where names are shorter and the ring small.
const HOUSEHOLD_SPACING: f64 = 100.0;
/// Room between rings for a node and its two lines of text.
const RING_GAP: f64 = 85.0;
/// Room outside the outer ring for the outer labels.
const MARGIN: f64 = 75.0;
/// Longest name or note the drawing writes; the list has the rest.
const LABEL_CHARS: usize = 18;

/// Where everything goes; `nodes[i]` is the centre of `people[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub size: f64,
    pub household_r: f64,
    pub network_r: f64,
    pub professional_r: f64,
    pub nodes: Vec<(f64, f64)>,
}

/// The radius at which `n` nodes, `spacing` apart, fit around a circle.
fn fitting(n: usize, spacing: f64) -> f64 {
    // n is a handful of people; the cast cannot lose anything that matters.
    #[allow(clippy::cast_precision_loss)]
    let n = n as f64;
    n * spacing / (2.0 * PI)
}

/// Lays the people out: each ring as wide as its people need, the rings nested, the
/// professionals half a step turned so their lines do not cover the network's.
pub fn layout(people: &[Person]) -> Layout {
    let count = |ring| people.iter().filter(|p| p.ring == ring).count();
    let (households, networks, professionals) = (
        count(Ring::Household),
        count(Ring::Network),
        count(Ring::Professional),
    );
    let inner = if households <= 1 {
        0.0
    } else {
        fitting(households, HOUSEHOLD_SPACING).max(48.0)
    };
    let household_r = inner + 52.0;
    // Without a network its ring is left out, so the professionals come closer.
    let network_r = if networks == 0 {
        household_r
    } else {
        (household_r + RING_GAP).max(fitting(networks, SPACING))
    };
    let professional_r = (network_r + RING_GAP).max(fitting(professionals, SPACING));
    let size = 2.0 * (professional_r + MARGIN);
    let centre = size / 2.0;
    let mut seen = [0usize; 3];
    let nodes = people
        .iter()
        .map(|p| {
            let (index, total, radius, turn) = match p.ring {
                Ring::Household => (0, households, inner, 0.0),
                Ring::Network => (1, networks, network_r, 0.0),
                Ring::Professional => (2, professionals, professional_r, 0.5),
            };
            let i = seen[index];
            seen[index] += 1;
            #[allow(clippy::cast_precision_loss)]
            let angle = -PI / 2.0 + 2.0 * PI * (i as f64 + turn) / total.max(1) as f64;
            (centre + radius * angle.cos(), centre + radius * angle.sin())
        })
        .collect();
    Layout {
        size,
        household_r,
        network_r,
        professional_r,
        nodes,
    }
}

/// Text for inside the SVG: `&`, `<`, `>` and quotes escaped, cut to `LABEL_CHARS`.
fn label(text: &str) -> String {
    let mut cut: String = text.chars().take(LABEL_CHARS).collect();
    if text.chars().count() > LABEL_CHARS {
        cut.pop();
        cut.push('…');
    }
    escape(&cut)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The drawing. `aria_label` says what it is; the list beside it names the people.
pub fn svg(people: &[Person], aria_label: &str, household_word: &str) -> String {
    let l = layout(people);
    let c = l.size / 2.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="ecomap__drawing" viewBox="0 0 {size:.0} {size:.0}" role="img" aria-label="{label}" font-size="12" fill="none" stroke="currentColor">"#,
        size = l.size,
        label = escape(aria_label),
    );
    // The rings as faint guides, the household as a firm boundary with its name.
    for r in [l.network_r, l.professional_r]
        .into_iter()
        .filter(|r| *r > l.household_r)
    {
        let _ = write!(
            s,
            r#"<circle cx="{c:.1}" cy="{c:.1}" r="{r:.1}" stroke-opacity="0.25" stroke-dasharray="2 6"/>"#
        );
    }
    let _ = write!(
        s,
        r#"<circle class="ecomap__household" cx="{c:.1}" cy="{c:.1}" r="{r:.1}" stroke-width="2"/><text x="{c:.1}" y="{y:.1}" text-anchor="middle" fill="currentColor" stroke="none" font-weight="bold">{word}</text>"#,
        r = l.household_r,
        y = c - l.household_r + 16.0,
        word = escape(household_word),
    );
    for (p, &(x, y)) in people.iter().zip(&l.nodes) {
        // A line from the household's edge to everyone outside it: solid for the
        // network, dashed for professionals, heavier for the regisseur.
        if p.ring != Ring::Household {
            let (dx, dy) = (x - c, y - c);
            let d = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / d, dy / d);
            let dash = if p.ring == Ring::Professional {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            };
            let width = if p.lead { 3 } else { 1 };
            let _ = write!(
                s,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke-width="{width}"{dash}/>"#,
                c + ux * l.household_r,
                c + uy * l.household_r,
                x - ux * (NODE_R + 2.0),
                y - uy * (NODE_R + 2.0),
            );
        }
        let fill = if p.lead { "currentColor" } else { "none" };
        match p.ring {
            Ring::Professional => {
                let _ = write!(
                    s,
                    r#"<rect x="{:.1}" y="{:.1}" width="{w:.0}" height="{w:.0}" rx="2" fill="{fill}" stroke-width="2"/>"#,
                    x - NODE_R,
                    y - NODE_R,
                    w = 2.0 * NODE_R
                );
            }
            _ => {
                let r = if p.child { NODE_R * 0.8 } else { NODE_R };
                let _ = write!(
                    s,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" stroke-width="2"/>"#
                );
            }
        }
        if p.custody {
            let _ = write!(
                s,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" stroke-width="1.5"/>"#,
                NODE_R + 4.0
            );
        }
        // Names on the outer side of the node, away from its line.
        let above = y < c - 1.0 && p.ring != Ring::Household;
        let first = if above {
            y - NODE_R - 22.0
        } else {
            y + NODE_R + 18.0
        };
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{first:.1}" text-anchor="middle" fill="currentColor" stroke="none"><tspan font-weight="bold">{}</tspan><tspan x="{x:.1}" dy="14">{}</tspan></text>"#,
            label(&p.name),
            label(&p.note),
        );
    }
    s.push_str("</svg>");
    s
}

/// One group of the list beside the drawing.
pub struct Group {
    pub heading: &'static str,
    pub items: Vec<String>,
}

/// The drawing and its list, as `family/ecomap.html` shows them. Another page (the
/// plan's print view) includes that template with a field `ecomap` of this type.
pub struct Ecomap {
    pub svg: String,
    pub legend: &'static str,
    pub nobody: &'static str,
    pub groups: Vec<Group>,
}

impl Ecomap {
    /// The family's circle as of `today`: running members, network (when `network` is
    /// visible to the reader) and professionals.
    pub fn of(lang: Lang, family: &Family, network: bool, today: Date) -> Ecomap {
        let o = overview_texts(lang);
        let people = people(lang, family, network, today);
        let in_ring = |ring| {
            people
                .iter()
                .filter(|p| p.ring == ring)
                .map(|p| p.details.clone())
                .collect()
        };
        let aria = format!("{} {}", o.ecomap_drawing, family.label);
        Ecomap {
            svg: svg(&people, &aria, o.ring_household),
            legend: o.ecomap_legend,
            nobody: o.nobody,
            groups: vec![
                Group {
                    heading: o.ring_household,
                    items: in_ring(Ring::Household),
                },
                Group {
                    heading: o.ring_network,
                    items: if network {
                        in_ring(Ring::Network)
                    } else {
                        vec![o.network_not_shared.to_owned()]
                    },
                },
                Group {
                    heading: o.ring_professionals,
                    items: in_ring(Ring::Professional),
                },
            ],
        }
    }
}

/// "10 jaar" / "1 year".
pub fn age(o: &OverviewTexts, born: Date, today: Date) -> String {
    let years = age_on(born, today);
    format!("{years} {}", if years == 1 { o.year } else { o.years })
}

/// A member's kind, age and custody as one line ("kind, 10 jaar").
pub fn member_note(lang: Lang, m: &eenplan_store::Member, today: Date) -> String {
    let o = overview_texts(lang);
    let mut note =
        kind_label(lang, m.kind, MemberKind::label_nl, MemberKind::label_en).to_lowercase();
    if let Some(born) = m.date_of_birth {
        note.push_str(", ");
        note.push_str(&age(o, born, today));
    }
    note
}

/// A professional's line in the list: name, role, organisation, expertise, since when,
/// phone and e-mail.
pub fn professional_details(lang: Lang, i: &eenplan_store::Involvement) -> String {
    let o = overview_texts(lang);
    let mut s = format!(
        "{} — {}, {}",
        i.user_name,
        kind_label(
            lang,
            i.role,
            InvolvementRole::label_nl,
            InvolvementRole::label_en
        )
        .to_lowercase(),
        i.organisation_name
    );
    if let Some(e) = i.expertise {
        let _ = write!(
            s,
            ", {}",
            kind_label(lang, e, Expertise::label_nl, Expertise::label_en).to_lowercase()
        );
    }
    if let Some(since) = since(lang, &i.started_at) {
        let _ = write!(s, ", {} {since}", o.since);
    }
    if let Some(phone) = i.user_phone.as_deref().filter(|p| !p.is_empty()) {
        let _ = write!(s, ", {phone}");
    }
    let _ = write!(s, ", {}", i.user_email);
    s
}

/// The Dutch date an involvement started, from its stored moment.
pub fn since(lang: Lang, started_at: &str) -> Option<String> {
    let t = eenplan_domain::UtcTime::parse(started_at).ok()?;
    Some(dutch_date(lang, eenplan_domain::time::amsterdam_date(t)))
}

/// The people the drawing shows, household first, then network, then professionals
/// (the regisseur first of those).
pub fn people(lang: Lang, family: &Family, network: bool, today: Date) -> Vec<Person> {
    let o = overview_texts(lang);
    let mut out: Vec<Person> = family
        .members
        .iter()
        .filter(|m| !m.ended)
        .map(|m| {
            let note = member_note(lang, m, today);
            let details = if m.has_custody {
                format!("{} — {note}, {}", m.name, o.has_custody)
            } else {
                format!("{} — {note}", m.name)
            };
            Person {
                ring: Ring::Household,
                name: m.name.clone(),
                note,
                details,
                custody: m.has_custody,
                child: m.kind == MemberKind::Child,
                lead: false,
            }
        })
        .collect();
    if network {
        out.extend(family.network.iter().filter(|n| !n.ended).map(|n| {
            let relation = kind_label(
                lang,
                n.relation,
                NetworkRelation::label_nl,
                NetworkRelation::label_en,
            )
            .to_lowercase();
            let mut details = format!("{} — {relation}", n.name);
            if !n.safety_role.trim().is_empty() {
                let _ = write!(details, "; {}: {}", o.safety_role, n.safety_role.trim());
            }
            if !n.contact.trim().is_empty() {
                let _ = write!(details, "; {}", n.contact.trim());
            }
            Person {
                ring: Ring::Network,
                name: n.name.clone(),
                note: if n.safety_role.trim().is_empty() {
                    relation
                } else {
                    n.safety_role.trim().to_owned()
                },
                details,
                custody: false,
                child: false,
                lead: false,
            }
        }));
    }
    let running = family.involvements.iter().filter(|i| !i.ended);
    let (leads, partners): (Vec<_>, Vec<_>) =
        running.partition(|i| i.role == InvolvementRole::Regisseur);
    out.extend(leads.into_iter().chain(partners).map(|i| Person {
        ring: Ring::Professional,
        name: i.user_name.clone(),
        note: i.organisation_name.clone(),
        details: professional_details(lang, i),
        custody: false,
        child: false,
        lead: i.role == InvolvementRole::Regisseur,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(ring: Ring, name: &str) -> Person {
        Person {
            ring,
            name: name.into(),
            note: "note".into(),
            details: format!("{name} — details"),
            custody: false,
            child: false,
            lead: false,
        }
    }

    fn circle(household: usize, network: usize, professionals: usize) -> Vec<Person> {
        let ring = |ring, n, prefix: &str| {
            (0..n)
                .map(|i| person(ring, &format!("{prefix} {i}")))
                .collect::<Vec<_>>()
        };
        [
            ring(Ring::Household, household, "Lid"),
            ring(Ring::Network, network, "Netwerk"),
            ring(Ring::Professional, professionals, "Professional"),
        ]
        .concat()
    }

    fn distance((ax, ay): (f64, f64), (bx, by): (f64, f64)) -> f64 {
        ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt()
    }

    #[test]
    fn no_two_people_overlap_and_everyone_stays_inside_the_drawing() {
        for (h, n, p) in [
            (0, 0, 0),
            (1, 0, 1),
            (2, 1, 1),
            (4, 3, 2),
            (6, 12, 9),
            (12, 30, 25),
            (1, 40, 1),
        ] {
            let people = circle(h, n, p);
            let l = layout(&people);
            assert_eq!(l.nodes.len(), people.len());
            for (i, a) in l.nodes.iter().enumerate() {
                let margin = NODE_R + 4.0;
                assert!(
                    a.0 >= margin
                        && a.1 >= margin
                        && a.0 <= l.size - margin
                        && a.1 <= l.size - margin,
                    "{h}/{n}/{p}: node {i} at {a:?} outside {}",
                    l.size
                );
                for (j, b) in l.nodes.iter().enumerate().skip(i + 1) {
                    assert!(
                        distance(*a, *b) >= 4.0 * NODE_R,
                        "{h}/{n}/{p}: {} and {} overlap at {a:?} and {b:?}",
                        people[i].name,
                        people[j].name
                    );
                }
            }
            // The household stays inside its boundary, everyone else outside it.
            let c = l.size / 2.0;
            for (person, node) in people.iter().zip(&l.nodes) {
                let from_centre = distance(*node, (c, c));
                match person.ring {
                    Ring::Household => assert!(from_centre + NODE_R < l.household_r),
                    _ => assert!(from_centre - NODE_R > l.household_r),
                }
            }
        }
    }

    #[test]
    fn everyone_is_drawn_once_and_listed_once() {
        let people = circle(3, 4, 3);
        let drawn = svg(&people, "Ecogram", "Huishouden");
        for p in &people {
            let shown = format!(">{}<", p.name);
            assert_eq!(drawn.matches(&shown).count(), 1, "{} drawn once", p.name);
        }
        assert_eq!(
            drawn.matches("<rect").count(),
            3,
            "professionals as squares"
        );
        assert!(drawn.contains(r#"role="img" aria-label="Ecogram""#));
    }

    #[test]
    fn the_same_circle_gives_the_same_drawing() {
        let people = circle(3, 5, 4);
        assert_eq!(svg(&people, "a", "b"), svg(&people, "a", "b"));
    }

    #[test]
    fn names_are_escaped_and_long_ones_cut() {
        let mut people = circle(0, 0, 0);
        people.push(person(
            Ring::Network,
            "<b>Oma & Opa \"de\" Vries-van den Berg</b>",
        ));
        let drawn = svg(&people, "x", "y");
        assert!(!drawn.contains("<b>"), "{drawn}");
        assert!(
            drawn.contains("&lt;b&gt;Oma &amp; Opa &quot;de&quot;…"),
            "{drawn}"
        );
    }

    #[test]
    fn custody_and_the_regisseur_are_marked() {
        let mut people = circle(1, 0, 1);
        people[0].custody = true;
        people[1].lead = true;
        let drawn = svg(&people, "x", "y");
        // The custody ring is a second circle around the parent.
        assert_eq!(drawn.matches(r#"stroke-width="1.5""#).count(), 1);
        assert!(drawn.contains(r#"fill="currentColor" stroke-width="2""#));
        assert!(
            drawn.contains(r#"stroke-width="3""#),
            "the regisseur's line"
        );
    }
}
