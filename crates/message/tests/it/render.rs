//! Golden tests of terminal replies: exact text an operator sees.

use leads_domain::clock::Timestamp;
use leads_domain::fields::{Lrn, Nic, Ori, ParseContext};
use leads_domain::files::FileKind;
use leads_domain::reply::{MessageBody, Outcome, Reason, Reply};
use leads_domain::{Record, RuleId, Transaction};
use leads_message::{examples, parse_message, render_reply};
use time::{Date, Month};

const AT: Timestamp = Timestamp::from_micros(1_795_290_012_345_678);

fn record(file: FileKind) -> Record {
    let ctx = ParseContext::new(Date::from_calendar_date(2026, Month::November, 21).unwrap());
    let message = parse_message(&examples::entry(file), &ctx).unwrap();
    let Transaction::Enter(entry) = message.transaction else {
        panic!()
    };
    Record::new(
        &entry,
        Ori::parse("IL0160000").unwrap(),
        Lrn::parse("W2600001").unwrap(),
        Some(Nic::parse("W000000001").unwrap()),
        AT,
    )
}

fn reply(outcome: Outcome, code: &'static str, message: &str, records: Vec<Record>) -> Reply {
    Reply {
        operation_id: "op-1".into(),
        at: AT,
        outcome,
        code: leads_domain::codes::ReplyCode::from_name(code).unwrap(),
        message: message.into(),
        reasons: vec![],
        body: MessageBody {
            key: Some("QW".into()),
            ori: Some("IL0840000".into()),
            records,
            criteria: Some("NAM/DOE, JOHN SEX/M DOB/19800115".into()),
            images: vec![],
            warnings: vec![],
            alias_hits: vec![],
        },
    }
}

#[test]
fn a_hit_shows_the_caution_before_anything_else() {
    let text = render_reply(&reply(
        Outcome::Accepted,
        "hit",
        "1 RECORD FOUND",
        vec![record(FileKind::Wanted)],
    ));
    let expected = "\
***** CAUTION - 1 OF THESE RECORDS CARRY CAUTION INDICATORS *****
QW.IL0840000 1 RECORD FOUND
--------
***** CAUTION - ARMED AND DANGEROUS (CMC/00) *****
MKE/WANTED PERSON - FELONY
LRN/W2600001 NIC/W000000001 ORI/IL0160000
NAM/DOE, JOHN A SEX/M RAC/W DOB/19800115 HGT/510 WGT/180 EYE/BRO HAI/BLK
OFF/1399 DOW/20261101 OCA/2026-000123 SDC/WAR SDN/W26-4411 DRI/20261120
DTE/2026-11-21T19:40:12.345678Z DLU/2026-11-21T19:40:12.345678Z
A HIT IS NOT PROBABLE CAUSE. CONFIRM WARRANT AND EXTRADITION WITH ORI IL0160000 BEFORE ACTING
OPN/op-1 2026-11-21T19:40:12.345678Z
";
    assert_eq!(text, expected);
}

#[test]
fn no_hit_echoes_what_was_searched() {
    let text = render_reply(&reply(Outcome::Accepted, "no_hit", "NO RECORD", vec![]));
    assert_eq!(
        text,
        "QW.IL0840000 NO RECORD\nNAM/DOE, JOHN SEX/M DOB/19800115\nOPN/op-1 2026-11-21T19:40:12.345678Z\n"
    );
}

#[test]
fn a_refusal_cites_each_deciding_rule() {
    let mut refused = reply(Outcome::Refused, "rule_refused", "INQUIRY REFUSED", vec![]);
    refused.reasons = vec![Reason::rule(
        RuleId::D1,
        "EVERY INQUIRY MUST STATE ITS PURPOSE",
    )];
    assert_eq!(
        render_reply(&refused),
        "REFUSED QW.IL0840000 INQUIRY REFUSED\nRULE D1 - 20 Ill. Adm. Code 1240.80: EVERY INQUIRY MUST STATE ITS PURPOSE\nOPN/op-1 2026-11-21T19:40:12.345678Z\n"
    );
}

#[test]
fn a_refusal_whose_reason_is_the_message_prints_the_citation_once() {
    let mut refused = reply(
        Outcome::Refused,
        "rule_refused",
        "EVERY INQUIRY MUST STATE ITS PURPOSE",
        vec![],
    );
    refused.reasons = vec![Reason::rule(
        RuleId::D1,
        "EVERY INQUIRY MUST STATE ITS PURPOSE",
    )];
    assert_eq!(
        render_reply(&refused),
        "REFUSED QW.IL0840000 EVERY INQUIRY MUST STATE ITS PURPOSE\nRULE D1 - 20 Ill. Adm. Code 1240.80\nOPN/op-1 2026-11-21T19:40:12.345678Z\n"
    );
}

#[test]
fn reject_on_file_returns_the_existing_record() {
    let mut on_file = reply(
        Outcome::Rejected,
        "reject_on_file",
        "REJECT ON FILE",
        vec![record(FileKind::Gun)],
    );
    on_file.key = Some("EG".into());
    let text = render_reply(&on_file);
    assert!(
        text.starts_with("REJECT EG.IL0840000 REJECT ON FILE\nMKE/STOLEN GUN\n"),
        "{text}"
    );
    assert!(
        text.contains("SER/GUN12345 MAK/SMITH AND WESSON CAL/38 TYP/PR DOT/20261116"),
        "{text}"
    );
}

fn wanted_with_cautions(cmc: &str) -> Record {
    let ctx = ParseContext::new(Date::from_calendar_date(2026, Month::November, 21).unwrap());
    let text = examples::entry(FileKind::Wanted).replace(".CMC/00", cmc);
    let message = parse_message(&text, &ctx).unwrap();
    let Transaction::Enter(entry) = message.transaction else {
        panic!()
    };
    Record::new(
        &entry,
        Ori::parse("IL0160000").unwrap(),
        Lrn::parse("W2600002").unwrap(),
        None,
        AT,
    )
}

fn caution_block(record: Record) -> Vec<String> {
    render_reply(&reply(
        Outcome::Accepted,
        "hit",
        "1 RECORD FOUND",
        vec![record],
    ))
    .lines()
    .filter(|l| l.starts_with("***** CAUTION - ") || l.starts_with("***** MEDICAL - "))
    .filter(|l| l.contains("(CMC/"))
    .map(str::to_owned)
    .collect()
}

/// Officer safety (issue 14, item 1): CMC/70 is SUICIDAL to every NCIC-trained officer and gets
/// the caution banner; the medical codes keep NCIC's meanings and follow the cautions.
#[test]
fn ncic_caution_codes_keep_their_meaning_and_suicidal_is_a_caution() {
    let lines = caution_block(wanted_with_cautions(
        ".CMC/90.CMC/65.CMC/70.CMC/50.CMC/85.CMC/35",
    ));
    assert_eq!(
        lines,
        [
            "***** CAUTION - SEX OFFENDER (CMC/35) *****",
            "***** CAUTION - SUICIDAL (CMC/70) *****",
            "***** MEDICAL - HEART CONDITION (CMC/50) *****",
            "***** MEDICAL - EPILEPSY (CMC/65) *****",
            "***** MEDICAL - HEMOPHILIAC (CMC/85) *****",
            "***** MEDICAL - DIABETIC (CMC/90) *****",
        ]
    );
}

/// A record stored with a code the NCIC table does not list keeps its code and is shown as a
/// caution to confirm with the entering agency, never dropped or given another meaning.
#[test]
fn a_stored_unlisted_caution_code_is_kept_and_shown_as_a_caution() {
    let stored = ParseContext::stored();
    let ctx = ParseContext::new(Date::from_calendar_date(2026, Month::November, 21).unwrap());
    let code = leads_domain::fields::FieldCode::Cmc;
    assert_eq!(
        code.parse_value("45", &ctx).unwrap_err().to_string(),
        "CMC/45 INVALID CODE"
    );
    let value = code.parse_value("45", &stored).unwrap();
    assert_eq!(value.to_string(), "45");
    let leads_domain::fields::Value::Caution(caution) = value else {
        panic!("{value:?}")
    };
    assert!(caution.is_officer_safety() && caution.is_unlisted());
    assert_eq!(
        caution.meaning(),
        "UNLISTED CODE - CONFIRM MEANING WITH ENTERING AGENCY"
    );
}
