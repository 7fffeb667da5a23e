use super::*;

/// 2026-11-16T00:00:00Z, a Monday.
const MONDAY: i64 = 1_794_787_200_000_000;
const MINUTE: i64 = 60_000_000;

fn inquiry(operator: &str, ori: &str, at: i64, detail: &str, case: &str) -> AuditEntry {
    AuditEntry {
        operation_id: format!("op-{at}"),
        at_micros: at,
        event: "transaction".into(),
        operator: Some(operator.into()),
        terminal: Some("T1".into()),
        ori: Some(ori.into()),
        key: Some("QW".into()),
        purpose: Some("C".into()),
        case_number: Some(case.into()),
        outcome: "accepted".into(),
        code: "no_hit".into(),
        rules: vec![],
        citations: vec![],
        records: vec![],
        detail: detail.into(),
    }
}

fn operators() -> HashMap<String, OperatorFacts> {
    [
        ("OP1", "PAT ALVAREZ", Some("19850312")),
        ("OP2", "BECKER, SAM", None),
        ("OP3", "LEE KIM", None),
        ("OP4", "DANA KOWALSKI", None),
    ]
    .into_iter()
    .map(|(id, name, dob)| {
        (
            id.to_owned(),
            OperatorFacts {
                name: name.into(),
                dob: dob.map(str::to_owned),
            },
        )
    })
    .collect()
}

fn review() -> Review {
    Review::new(Thresholds::default(), operators())
}

fn kinds(flags: &[Flag]) -> Vec<(FlagKind, &str)> {
    flags
        .iter()
        .map(|f| (f.kind, f.operator.as_str()))
        .collect()
}

/// Several inquiries in one case, so the case has activity.
fn busy_case(review: &mut Review, operator: &str, at: i64) {
    review.add_history(&inquiry(
        operator,
        "IL0160000",
        at,
        "VIN/1M8GDM9AXKP042788",
        "C-1",
    ));
}

#[test]
fn an_operator_querying_the_own_name_or_surname_is_flagged() {
    let mut r = review();
    busy_case(&mut r, "OP1", MONDAY - 100 * MINUTE);
    let at = MONDAY + 15 * 60 * MINUTE;
    r.add_window(
        1,
        &inquiry(
            "OP1",
            "IL0160000",
            at,
            "NAM/ALVAREZ, PAT SEX/M DOB/19850312",
            "C-1",
        ),
    );
    r.add_window(
        2,
        &inquiry("OP1", "IL0160000", at, "NAM/ALVAREZ, MARIA SEX/F", "C-1"),
    );
    r.add_window(
        3,
        &inquiry(
            "OP1",
            "IL0160000",
            at,
            "NAM/ALVAREZ, MARIA DOB/19850312",
            "C-1",
        ),
    );
    r.add_window(
        4,
        &inquiry("OP2", "IL0160000", at, "NAM/BECKER, SAM SEX/M", "C-1"),
    );
    r.add_window(
        5,
        &inquiry("OP3", "IL0160000", at, "NAM/KIMBALL, LEE", "C-1"),
    );
    let flags = r.flags();
    let own: Vec<_> = flags
        .iter()
        .filter(|f| matches!(f.kind, FlagKind::OwnRecord | FlagKind::OwnSurname))
        .map(|f| {
            (
                f.kind,
                f.seqs.clone(),
                f.detail.split(':').next().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        own,
        [
            (
                FlagKind::OwnRecord,
                vec![1],
                "QUERIED OWN NAME AND DATE OF BIRTH"
            ),
            (
                FlagKind::OwnRecord,
                vec![3],
                "QUERIED OWN SURNAME AND DATE OF BIRTH"
            ),
            (FlagKind::OwnRecord, vec![4], "QUERIED OWN NAME"),
            (
                FlagKind::OwnSurname,
                vec![2],
                "QUERIED A PERSON WITH THE OWN SURNAME"
            ),
        ]
    );
}

#[test]
fn one_subject_queried_by_many_operators_in_a_day_is_flagged_for_each_of_them() {
    let mut r = review();
    let subject = "NAM/DOE, JANE SEX/F DOB/19900101";
    for (n, (operator, ori)) in [
        ("OP1", "IL0160000"),
        ("OP2", "IL0160000"),
        ("OP3", "IL0840000"),
        ("OP4", "IL0840000"),
    ]
    .into_iter()
    .enumerate()
    {
        let at = MONDAY + i64::try_from(n).unwrap_or(0) * 60 * MINUTE;
        r.add_history(&inquiry(operator, ori, at - 1, "VIN/X", &format!("K-{n}")));
        r.add_window(
            10 + n as u64,
            &inquiry(operator, ori, at, subject, &format!("K-{n}")),
        );
    }
    let shared: Vec<_> = r
        .flags()
        .into_iter()
        .filter(|f| f.kind == FlagKind::SharedSubject)
        .collect();
    assert_eq!(shared.len(), 4, "{shared:?}");
    assert_eq!(
        shared[0].detail,
        "NAM/DOE, JANE DOB/19900101 QUERIED BY 4 OPERATORS OF 2 AGENCIES WITHIN 24 HOURS"
    );

    // The same four, spread over four days, are ordinary.
    let mut r = review();
    for (n, operator) in ["OP1", "OP2", "OP3", "OP4"].into_iter().enumerate() {
        let at = MONDAY + i64::try_from(n).unwrap_or(0) * 30 * 60 * MINUTE;
        r.add_window(
            n as u64,
            &inquiry(operator, "IL0160000", at, subject, "K-1"),
        );
    }
    assert!(r.flags().iter().all(|f| f.kind != FlagKind::SharedSubject));
}

#[test]
fn a_burst_far_above_the_operators_own_rate_is_flagged() {
    let mut r = review();
    // History on ten working hours: OP2 runs 4 inquiries an hour, OP3 runs 12.
    for (operator, per_hour) in [("OP2", 4), ("OP3", 12)] {
        for hour in 0..10 {
            for n in 0..per_hour {
                let at = MONDAY - 7 * 24 * 60 * MINUTE + hour * 60 * MINUTE + n * MINUTE;
                r.add_history(&inquiry(operator, "IL0160000", at, "VIN/X", "C-9"));
            }
        }
    }
    // Both run 35 in one hour: five times OP2's rate (and above the floor of 30), but not
    // OP3's (who would need 60).
    for (operator, base) in [("OP2", 100), ("OP3", 200)] {
        for n in 0..35 {
            let at = MONDAY + 14 * 60 * MINUTE + n * MINUTE;
            r.add_window(
                base + n as u64,
                &inquiry(operator, "IL0160000", at, "VIN/X", "C-9"),
            );
        }
    }
    let bursts: Vec<_> = r
        .flags()
        .into_iter()
        .filter(|f| f.kind == FlagKind::Burst)
        .collect();
    assert_eq!(kinds(&bursts), [(FlagKind::Burst, "OP2")]);
    assert_eq!(bursts[0].seqs.len(), 35);
    assert_eq!(
        bursts[0].detail,
        "35 INQUIRIES IN ONE HOUR; USUAL RATE 4 PER ACTIVE HOUR"
    );
}

#[test]
fn inquiries_outside_the_operators_usual_hours_are_flagged_once_history_is_long_enough() {
    let mut r = review();
    // OP1 works 08:00-15:59 local (UTC-6), 60 inquiries of history; OP4 only 10.
    for (operator, count) in [("OP1", 60), ("OP4", 10)] {
        for n in 0..count {
            let local_hour = 8 + n % 8;
            let at =
                MONDAY - 14 * 24 * 60 * MINUTE + (local_hour + 6) * 60 * MINUTE + n * MINUTE % 50;
            r.add_history(&inquiry(operator, "IL0160000", at, "VIN/X", "C-9"));
        }
    }
    let two_am = MONDAY + 8 * 60 * MINUTE; // 02:00 local
    let four_pm = MONDAY + 22 * 60 * MINUTE; // 16:00 local, next to a worked hour
    r.add_window(1, &inquiry("OP1", "IL0160000", two_am, "VIN/X", "C-9"));
    r.add_window(
        2,
        &inquiry("OP1", "IL0160000", two_am + 5 * MINUTE, "VIN/X", "C-9"),
    );
    r.add_window(3, &inquiry("OP1", "IL0160000", four_pm, "VIN/X", "C-9"));
    r.add_window(4, &inquiry("OP4", "IL0160000", two_am, "VIN/X", "C-9"));
    let late: Vec<_> = r
        .flags()
        .into_iter()
        .filter(|f| f.kind == FlagKind::OffHours)
        .collect();
    assert_eq!(kinds(&late), [(FlagKind::OffHours, "OP1")]);
    assert_eq!(late[0].seqs, [1, 2]);
    assert_eq!(
        late[0].detail,
        "2 INQUIRIES AT LOCAL HOUR 02; USUAL HOURS 08,09,10,11,12,13,14,15"
    );
}

#[test]
fn an_inquiry_whose_case_number_has_no_other_activity_is_flagged() {
    let mut r = review();
    let at = MONDAY + 15 * 60 * MINUTE;
    r.add_history(&inquiry(
        "OP1",
        "IL0160000",
        at - 60 * MINUTE,
        "VIN/A",
        "C-OLD",
    ));
    r.add_window(1, &inquiry("OP1", "IL0160000", at, "VIN/B", "C-OLD"));
    r.add_window(
        2,
        &inquiry(
            "OP1",
            "IL0160000",
            at,
            "NAM/SMITH, ANN DOB/19700101",
            "C-LONE",
        ),
    );
    r.add_window(3, &inquiry("OP1", "IL0160000", at, "VIN/C", "C-LATER"));
    r.add_later(&inquiry(
        "OP2",
        "IL0160000",
        at + 24 * 60 * MINUTE,
        "VIN/D",
        "C-LATER",
    ));
    // The same number used by another agency is not this agency's case.
    r.add_window(4, &inquiry("OP4", "IL0840000", at, "VIN/E", "C-LONE"));
    let lonely: Vec<_> = r
        .flags()
        .into_iter()
        .filter(|f| f.kind == FlagKind::CaseWithoutActivity)
        .map(|f| f.seqs)
        .collect();
    assert_eq!(lonely, [vec![2], vec![4]]);
}

#[test]
fn only_accepted_inquiries_are_reviewed_and_flag_kinds_have_stable_names() {
    let mut r = review();
    let mut refused = inquiry(
        "OP1",
        "IL0160000",
        MONDAY,
        "NAM/ALVAREZ, PAT DOB/19850312",
        "C-1",
    );
    refused.outcome = "refused".into();
    r.add_window(1, &refused);
    let mut entry = inquiry(
        "OP1",
        "IL0160000",
        MONDAY,
        "NAM/ALVAREZ, PAT DOB/19850312",
        "C-1",
    );
    entry.key = Some("EW".into());
    r.add_window(2, &entry);
    assert!(r.flags().is_empty());
    for kind in FlagKind::ALL {
        assert_eq!(FlagKind::from_name(kind.name()), Some(kind));
    }
}

#[test]
fn the_review_covers_the_last_complete_local_week() {
    let offset = -360;
    let local_midnight_monday = MONDAY + 6 * 60 * MINUTE; // 2026-11-16 00:00 in UTC-6
    let week = 7 * 24 * 60 * MINUTE;
    // Any time in the week of 2026-11-16 reviews the week before it.
    for now in [
        local_midnight_monday,
        local_midnight_monday + 3 * 24 * 60 * MINUTE,
        local_midnight_monday + week - 1,
    ] {
        assert_eq!(
            last_complete_week(now, offset),
            (local_midnight_monday - week, local_midnight_monday),
            "{now}"
        );
    }
    assert_eq!(
        last_complete_week(local_midnight_monday + week, offset).0,
        local_midnight_monday
    );
}
