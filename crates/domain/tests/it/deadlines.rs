//! The deadline schedule: when each kind falls due, when it escalates, what it says.

use leads_domain::clock::Timestamp;
use leads_domain::deadline::{DEADLINE_KINDS, DeadlineKind, Step, due_after};
use leads_domain::fields::FreeText;

const HOUR: i64 = 3_600_000_000;

#[test]
fn h4_h7_deadlines_fall_24_and_48_hours_after_their_event() {
    let at = Timestamp::from_micros(1_795_262_400_000_000);
    let after = |kind| due_after(kind, at).as_micros() - at.as_micros();
    assert_eq!(after(DeadlineKind::SecondPartyCheck), 24 * HOUR);
    assert_eq!(after(DeadlineKind::TemporaryWant), 48 * HOUR);
    assert_eq!(after(DeadlineKind::LocatedRecord), 24 * HOUR);
    assert_eq!(
        after(DeadlineKind::RegistrantPhoto),
        0,
        "opened at its notice time"
    );
}

#[test]
fn h4_a_missed_check_is_sent_again_and_escalated_from_the_second_notice() {
    let kind = DeadlineKind::SecondPartyCheck;
    assert_eq!(
        kind.step(0),
        Step::Notify {
            escalate: false,
            again_in: 24 * HOUR
        }
    );
    assert_eq!(
        kind.step(1),
        Step::Notify {
            escalate: true,
            again_in: 24 * HOUR
        }
    );
    assert!(kind.notice_text("V26000001", 2).ends_with("SECOND NOTICE"));
    assert!(!kind.notice_text("V26000001", 1).contains("NOTICE -"));
}

#[test]
fn h7_a_temporary_want_is_retired_with_a_stated_reason() {
    assert_eq!(DeadlineKind::TemporaryWant.step(0), Step::Retire);
    for kind in DEADLINE_KINDS {
        FreeText::parse("RPS", kind.retire_reason(), 500).unwrap();
    }
}

#[test]
fn every_kind_has_a_stable_name_a_rule_and_a_reminder_that_ends_a_sweep() {
    for kind in DEADLINE_KINDS {
        assert_eq!(DeadlineKind::parse(kind.name()), Some(kind));
        assert!(
            [
                "H4", "H5", "H6", "H7", "H8", "I3", "O1", "O2", "O3", "T1", "T2", "T3", "T4"
            ]
            .contains(&kind.rule().id()),
            "{kind:?}"
        );
        match kind.step(0) {
            Step::Notify { again_in, .. } => assert!(again_in > 0, "{kind:?}"),
            Step::Retire => {}
            Step::NonCompliant => assert_eq!(kind.rule().id(), "O2", "{kind:?}"),
            Step::VacateCoordinator => assert_eq!(kind.rule().id(), "T1", "{kind:?}"),
        }
    }
    assert_eq!(DeadlineKind::parse("no_such_kind"), None);
}

#[test]
fn o2_a_missed_plan_or_completion_notice_makes_the_agency_non_compliant_and_an_audit_cycle_reminds_the_department()
 {
    for kind in [
        DeadlineKind::CorrectivePlan,
        DeadlineKind::CorrectiveCompletion,
    ] {
        assert_eq!(kind.step(0), Step::NonCompliant);
        assert!(kind.notice_text("AUDIT 3", 1).contains("1240.100(e)"));
        assert!(!kind.department_acts());
    }
    let cycle = DeadlineKind::AuditCycle;
    assert!(cycle.department_acts(), "the Department schedules audits");
    assert!(matches!(cycle.step(3), Step::Notify { .. }));
    assert_eq!(
        DeadlineKind::CorrectivePlan.timing().allowed,
        30 * 24 * 3_600 * 1_000_000,
        "30 days for the plan (1240.100(d))"
    );
}

#[test]
fn h3_a_time_of_day_counts_minutes_since_midnight() {
    use leads_domain::fields::TimeOfDay;
    assert_eq!(TimeOfDay::parse("TRI", "0000").unwrap().minutes_of_day(), 0);
    assert_eq!(
        TimeOfDay::parse("TRI", "1201").unwrap().minutes_of_day(),
        721
    );
    assert_eq!(
        TimeOfDay::parse("TRI", "2359").unwrap().minutes_of_day(),
        1439
    );
}

#[test]
fn h8_validation_lists_fall_on_the_first_of_the_month_after_60_days_then_purge_30_days_later() {
    let kind = DeadlineKind::Validation;
    let at = Timestamp::from_micros(0);
    // 1970-01-01 + 60 days is 1970-03-02: on the list of 1 April.
    assert_eq!(due_after(kind, at).as_micros(), 90 * 24 * HOUR);
    let first = Timestamp::parse("2027-02-01T00:00:00Z").unwrap();
    assert_eq!(leads_domain::deadline::first_of_next_month(first), first);
    let later = Timestamp::parse("2026-12-31T23:59:59Z").unwrap();
    assert_eq!(
        leads_domain::deadline::first_of_next_month(later),
        Timestamp::parse("2027-01-01T00:00:00Z").unwrap()
    );
    assert_eq!(
        kind.step(0),
        Step::Notify {
            escalate: false,
            again_in: 30 * 24 * HOUR
        }
    );
    assert_eq!(kind.step(1), Step::Retire);
    assert!(kind.retired_text("V26000001").contains("PURGED"));
    assert_eq!(kind.rule().id(), "H8");
}

#[test]
fn h1_a_gap_is_every_hour_not_wholly_covered_by_a_session() {
    use leads_domain::staffing::{SessionEvent, sessions, staffing_gaps};
    let at = |hours: f64| Timestamp::from_micros((hours * HOUR as f64) as i64);
    let event = |who: &str, hours: f64, starts: bool| SessionEvent {
        operator: who.into(),
        terminal: "T1".into(),
        at: at(hours),
        starts,
    };
    let events = [
        event("A", 0.0, true),
        event("A", 5.0, false),
        event("B", 4.5, true),
        event("B", 8.25, false),
        event("C", 20.0, true),
    ];
    let spans = sessions(&events, at(30.0));
    assert_eq!(spans.len(), 3);
    assert_eq!(
        spans[2].1,
        at(30.0),
        "an open session lasts until now, at most 12 hours"
    );
    let gaps = staffing_gaps(&spans, at(0.0), at(30.0));
    let hours: Vec<(i64, i64)> = gaps
        .iter()
        .map(|g| (g.from.as_micros() / HOUR, g.hours()))
        .collect();
    assert_eq!(
        hours,
        vec![(8, 12)],
        "08:00-20:00: 08:15 does not cover the 8 o'clock hour"
    );
    let long = sessions(&[event("D", 0.0, true)], at(48.0));
    assert_eq!(long[0].1, at(12.0));
}
