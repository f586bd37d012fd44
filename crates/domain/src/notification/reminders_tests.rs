use jiff::civil::{Date, date};

use super::*;
use crate::family::{LifeDomain, PlanPerson};

fn calendar() -> StatutoryCalendar {
    StatutoryCalendar::default()
}

fn action(on: Date, who: PlanPerson) -> DueItem {
    DueItem {
        on,
        what: DueWhat::PlanAction {
            domain: LifeDomain::Income,
            what: "Schuldhulp bellen".into(),
            who,
        },
    }
}

fn sanne() -> PlanPerson {
    PlanPerson::professional("u-sanne", "Sanne", "Buurtteam Noord")
}

fn file(items: Vec<DueItem>) -> Vec<FileDue> {
    vec![FileDue {
        family_id: "f1".into(),
        items,
    }]
}

fn told(today: Date, items: Vec<DueItem>) -> Vec<(NotificationKind, Date)> {
    reminders(today, &calendar(), &file(items), &[])
        .into_iter()
        .map(|r| (r.kind, r.due_on))
        .collect()
}

#[test]
fn the_day_before_tells_what_is_due_on_the_next_working_day() {
    // Tuesday 8 Dec 2026: Wednesday's action, not Thursday's.
    let tue = date(2026, 12, 8);
    let r = reminders(
        tue,
        &calendar(),
        &file(vec![
            action(date(2026, 12, 9), sanne()),
            action(date(2026, 12, 10), sanne()),
        ]),
        &[],
    );
    assert_eq!(r.len(), 1);
    let r = &r[0];
    assert_eq!(r.kind, NotificationKind::DueSoon);
    assert_eq!(r.to, Recipients::Users(vec!["u-sanne".into()]));
    assert_eq!(r.gate, Gate::May(Need::Data(DataCategory::Plan)));
    assert_eq!(r.family_id.as_deref(), Some("f1"));
    assert_eq!(r.due_on, date(2026, 12, 9));
    assert!(r.subject_id.starts_with("plan_action:income:"));
    assert_eq!(r.once, format!("due_soon:f1:{}:2026-12-09", r.subject_id));
}

#[test]
fn a_friday_covers_the_weekend_up_to_monday() {
    let fri = date(2026, 12, 11);
    let due = |d| action(d, sanne());
    assert_eq!(
        told(
            fri,
            vec![
                due(date(2026, 12, 12)),
                due(date(2026, 12, 13)),
                due(date(2026, 12, 14)),
                due(date(2026, 12, 15)),
            ]
        ),
        vec![
            (NotificationKind::DueSoon, date(2026, 12, 12)),
            (NotificationKind::DueSoon, date(2026, 12, 13)),
            (NotificationKind::DueSoon, date(2026, 12, 14)),
        ],
        "Saturday, Sunday and Monday; Tuesday waits for Monday's run"
    );
    // The weekend itself tells nothing: Friday already looked ahead.
    assert_eq!(
        told(date(2026, 12, 12), vec![due(date(2026, 12, 14))]),
        vec![]
    );
    assert_eq!(
        told(date(2026, 12, 13), vec![due(date(2026, 12, 14))]),
        vec![]
    );
}

#[test]
fn a_holiday_before_a_weekend_stretches_the_look_ahead() {
    // Thursday 24 Dec 2026: Christmas Friday 25, Boxing Day Saturday 26, Sunday 27;
    // the next working day is Monday 28.
    let thu = date(2026, 12, 24);
    assert_eq!(looks_ahead_to(thu, &calendar()), date(2026, 12, 28));
    let due = |d| action(d, sanne());
    assert_eq!(
        told(
            thu,
            vec![
                due(date(2026, 12, 25)),
                due(date(2026, 12, 28)),
                due(date(2026, 12, 29))
            ]
        ),
        vec![
            (NotificationKind::DueSoon, date(2026, 12, 25)),
            (NotificationKind::DueSoon, date(2026, 12, 28)),
        ]
    );
    assert_eq!(
        told(date(2026, 12, 25), vec![due(date(2026, 12, 28))]),
        vec![]
    );
    // A day equated with a holiday by decree counts as a day off too.
    let bridge = StatutoryCalendar::new([date(2026, 12, 28)]);
    assert_eq!(looks_ahead_to(thu, &bridge), date(2026, 12, 29));
}

#[test]
fn an_item_due_today_is_still_told_once_under_the_same_key() {
    let mon = date(2026, 12, 14);
    let fri = date(2026, 12, 11);
    let on_friday = reminders(fri, &calendar(), &file(vec![action(mon, sanne())]), &[]);
    let on_monday = reminders(mon, &calendar(), &file(vec![action(mon, sanne())]), &[]);
    assert_eq!(on_friday.len(), 1);
    assert_eq!(on_friday, on_monday, "same key: the store writes it once");
}

#[test]
fn overdue_is_told_on_the_first_working_day_after_and_then_weekly() {
    // Due Friday 11 Dec 2026: late from Saturday; told Monday (week 0), then each week.
    let due = date(2026, 12, 11);
    let once = |today| {
        reminders(today, &calendar(), &file(vec![action(due, sanne())]), &[])
            .into_iter()
            .map(|r| {
                assert_eq!(r.kind, NotificationKind::Overdue);
                r.once
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(once(date(2026, 12, 12)), Vec::<String>::new(), "Saturday");
    let mon = once(date(2026, 12, 14));
    assert_eq!(mon.len(), 1);
    assert!(mon[0].ends_with(":2026-12-11:w0"), "{mon:?}");
    // The rest of the week gives the same key: written once.
    for d in 15..=18 {
        assert_eq!(once(date(2026, 12, d)), mon);
    }
    let next_week = once(date(2026, 12, 21));
    assert!(next_week[0].ends_with(":w1"), "{next_week:?}");
    assert_eq!(once(date(2026, 12, 18)), mon, "Friday is still week 0");
    assert_eq!(once(date(2026, 12, 19)), Vec::<String>::new(), "Saturday");
    // Forty days late: six notices in all, not forty.
    let keys: std::collections::BTreeSet<String> = (0..40)
        .map(|n| due.checked_add(jiff::Span::new().days(n + 1)).unwrap())
        .flat_map(once)
        .collect();
    assert_eq!(keys.len(), 6, "{keys:?}");
}

#[test]
fn each_due_item_goes_to_its_owner() {
    let on = date(2026, 12, 9);
    let items = vec![
        DueItem {
            on,
            what: DueWhat::PlanReview,
        },
        action(on, PlanPerson::chosen(PersonKind::Member, "m1", "Kim")),
        action(on, PlanPerson::other("schuldhulp")),
        DueItem {
            on,
            what: DueWhat::SaveGuidanceReview {
                guidance_id: "g1".into(),
                worker: "Thomas".into(),
                worker_id: "u-thomas".into(),
            },
        },
        DueItem {
            on,
            what: DueWhat::VeiligThuisAssessment {
                contact_id: "c1".into(),
                organisation_id: "vt".into(),
            },
        },
        DueItem {
            on,
            what: DueWhat::VeiligThuisFollowUp {
                contact_id: "c2".into(),
                organisation_id: "vt".into(),
            },
        },
    ];
    let r = reminders(date(2026, 12, 8), &calendar(), &file(items), &[]);
    let vt = Recipients::WithRole {
        role: Role::Professional,
        organisation: Some("vt".into()),
    };
    assert_eq!(
        r.iter()
            .map(|r| (r.to.clone(), r.family_id.as_deref(), r.subject_id.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (Recipients::Regisseur, Some("f1"), "plan_review"),
            (
                Recipients::Users(vec!["u-thomas".into()]),
                Some("f1"),
                "save_review:g1"
            ),
            (vt.clone(), None, "vt_assessment:c1"),
            (vt, None, "vt_follow_up:c2"),
        ],
        "a member's or someone else's action has no account to remind"
    );
    assert_eq!(
        r[2].gate,
        Gate::Anyone,
        "Veilig Thuis's own contact, not the file"
    );
}

#[test]
fn a_missing_view_is_told_two_working_days_before_the_meeting() {
    // Meeting on Tuesday 15 Dec 2026: two working days before is Friday 11 Dec.
    let meeting = vec![MeetingDue {
        family_id: "f1".into(),
        meeting_id: "m1".into(),
        meets_on: date(2026, 12, 15),
        missing_views: vec!["save".into(), "school".into()],
    }];
    let on = |today| reminders(today, &calendar(), &[], &meeting);
    assert_eq!(on(date(2026, 12, 10)), vec![], "three working days before");
    let fri = on(date(2026, 12, 11));
    assert_eq!(
        fri.iter()
            .map(|r| (&r.to, r.once.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (
                &Recipients::InvolvedOf(vec!["save".into()]),
                "view_missing:m1:save"
            ),
            (
                &Recipients::InvolvedOf(vec!["school".into()]),
                "view_missing:m1:school"
            ),
        ]
    );
    assert_eq!(fri[0].kind, NotificationKind::JointAssessmentViewMissing);
    assert_eq!(fri[0].due_on, date(2026, 12, 15));
    assert_eq!(fri[0].subject_id, "m1");
    assert_eq!(
        on(date(2026, 12, 14)),
        fri,
        "Monday: the same keys, written once"
    );
    assert_eq!(
        on(date(2026, 12, 15)),
        vec![],
        "the meeting's day: too late"
    );
}
