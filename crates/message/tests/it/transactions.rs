//! Every file's six transactions, the rules the message layer enforces, and field errors.

use leads_domain::fields::{FieldCode, ParseContext};
use leads_domain::files::{Action, FileKind};
use leads_domain::transaction::{Criterion, RecordRef};
use leads_domain::{RuleId, Transaction};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_message::{MessageError, parse_message};
use time::{Date, Month};

fn ctx() -> ParseContext {
    ParseContext::new(Date::from_calendar_date(2026, Month::November, 21).unwrap())
}

fn parse(text: &str) -> Result<Transaction, MessageError> {
    parse_message(text, &ctx()).map(|m| m.transaction)
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

const ACTIONS: [Action; 6] = [
    Action::Enter,
    Action::Modify,
    Action::Cancel,
    Action::Clear,
    Action::Locate,
    Action::Query,
];

#[test]
fn every_file_parses_all_six_transactions() {
    for file in FileKind::all() {
        for action in ACTIONS {
            let text = examples::message(file, action, EXAMPLE_ORI);
            let message = parse_message(&text, &ctx()).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(message.key.action, action, "{text}");
            assert_eq!(message.key.file.kind, file, "{text}");
            assert_eq!(message.ori.as_str(), EXAMPLE_ORI);
            let matches = matches!(
                (&message.transaction, action),
                (Transaction::Enter(_), Action::Enter)
                    | (Transaction::Modify(_), Action::Modify)
                    | (Transaction::Cancel(_), Action::Cancel)
                    | (Transaction::Clear(_), Action::Clear)
                    | (Transaction::Locate(_), Action::Locate)
                    | (Transaction::Query(_), Action::Query)
            );
            assert!(matches, "{text}");
        }
    }
}

#[test]
fn every_entry_key_of_every_file_is_accepted() {
    for file in FileKind::all() {
        let example = examples::entry(file);
        let first = file.spec().entry_keys.first().unwrap().key;
        for entry in file.spec().entry_keys {
            let mut text = example.replacen(first, entry.key, 1);
            if !entry.needs_warrant {
                text = text.replace("SDC/WAR", "SDC/INV");
            }
            let Transaction::Enter(e) = parse(&text).unwrap_or_else(|err| panic!("{text}: {err}"))
            else {
                panic!("not an entry");
            };
            assert_eq!(e.entry_key().key, entry.key);
        }
    }
}

#[test]
fn h2_telephone_report_alone_cannot_support_entry() {
    let text = examples::entry(FileKind::Vehicle).replace("SDC/CMP", "SDC/TEL");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.rule(), Some(RuleId::H2));
    assert_eq!(err.code(), "rule_refused");
    assert!(err.to_string().contains("TELEPHONE REPORT ALONE"), "{err}");
    // A telephone report together with a complaint is enough.
    let both = examples::entry(FileKind::Vehicle).replace("SDC/CMP", "SDC/TEL.SDC/CMP");
    assert!(parse(&both).is_ok());
}

#[test]
fn h2_every_entry_names_its_supporting_document_and_date_received() {
    for file in FileKind::all() {
        let entry = examples::entry(file);
        for field in ["SDC", "SDN", "DRI"] {
            let start = entry.find(&format!(".{field}/")).unwrap();
            let end = entry[start + 1..]
                .find('.')
                .map_or(entry.len(), |i| start + 1 + i);
            let without = format!("{}{}", &entry[..start], &entry[end..]);
            assert_eq!(
                error(&without),
                format!(
                    "{field} MISSING - MANDATORY FOR {}",
                    file.spec().entry_keys[0].key
                ),
                "{without}"
            );
        }
    }
}

#[test]
fn h2_felony_warrant_entry_needs_an_active_warrant() {
    let text = examples::entry(FileKind::Wanted).replace("SDC/WAR", "SDC/INV");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.rule(), Some(RuleId::H2));
    assert!(err.to_string().contains("ACTIVE WARRANT"));
    // A temporary felony want rests on the investigation, not yet a warrant.
    let temporary = text.replacen("EW.", "EWT.", 1);
    assert!(parse(&temporary).is_ok());
}

#[test]
fn h3_date_information_received_cannot_be_in_the_future() {
    let text = examples::entry(FileKind::Wanted).replace("DRI/20261120", "DRI/20261122");
    assert_eq!(error(&text), "DRI/20261122 DATE IN FUTURE");
}

#[test]
fn d1_inquiry_without_purpose_or_case_number_is_refused() {
    let full = examples::message(FileKind::Wanted, Action::Query, EXAMPLE_ORI);
    for missing in [".PUR/C", ".CAS/2026-555"] {
        let text = full.replace(missing, "");
        let err = parse(&text).unwrap_err();
        assert_eq!(err.rule(), Some(RuleId::D1), "{text}");
        assert!(
            err.to_string()
                .contains("PURPOSE (PUR) AND CASE OR INCIDENT NUMBER (CAS)")
        );
    }
    assert_eq!(error(&full.replace("PUR/C", "PUR/Q")), "PUR/Q INVALID CODE");
}

#[test]
fn h7_cancel_and_clear_take_a_date_and_a_reason() {
    let cancel = examples::message(FileKind::Gun, Action::Cancel, EXAMPLE_ORI);
    assert_eq!(
        error(&cancel.replace(".RPS/ENTERED IN ERROR", "")),
        "RPS MISSING - MANDATORY FOR XG"
    );
    assert_eq!(
        error(&cancel.replace(".DOC/20261121", "")),
        "DOC MISSING - MANDATORY FOR XG"
    );
    let clear = examples::message(FileKind::Wanted, Action::Clear, EXAMPLE_ORI);
    assert_eq!(
        error(&clear.replace(".DCL/20261121", "")),
        "DCL MISSING - MANDATORY FOR CW"
    );
    let Transaction::Clear(removal) = parse(&clear).unwrap() else {
        panic!()
    };
    assert_eq!(removal.reason().as_str(), "SUBJECT APPREHENDED");
    assert_eq!(removal.date().to_string(), "20261121");
}

#[test]
fn mandatory_fields_are_named_when_missing() {
    let text = examples::entry(FileKind::Wanted).replace(".HGT/510", "");
    assert_eq!(error(&text), "HGT MISSING - MANDATORY FOR EW");
    let text = examples::entry(FileKind::Wanted).replace(".DOW/20261101", "");
    assert_eq!(error(&text), "DOW MISSING - MANDATORY FOR EW");
}

#[test]
fn field_edits_name_the_field_and_the_edit() {
    let text = examples::entry(FileKind::Wanted).replace("DOB/19800115", "DOB/19991340");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.to_string(), "DOB/19991340 INVALID DATE");
    assert_eq!(err.code(), "field_edit");
    assert_eq!(err.key.as_deref(), Some("EW"));
    assert_eq!(err.ori.as_deref(), Some(EXAMPLE_ORI));
}

#[test]
fn unknown_keys_fields_and_misplaced_fields_are_rejected() {
    assert_eq!(
        error("ZZ.IL0160000.NAM/DOE, JOHN"),
        "UNKNOWN MESSAGE KEY ZZ"
    );
    assert_eq!(
        parse("ZZ.IL0160000.NAM/DOE, JOHN").unwrap_err().code(),
        "message_unknown_key"
    );
    let entry = examples::entry(FileKind::Gun);
    assert_eq!(error(&format!("{entry}.QQQ/1")), "UNKNOWN FIELD QQQ");
    assert_eq!(
        error(&format!("{entry}.NAM/DOE, JOHN")),
        "NAM NOT ALLOWED IN EG"
    );
    let wanted = examples::entry(FileKind::Wanted);
    assert_eq!(
        error(&format!("{wanted}.OFF/1399")),
        "OFF REPEATED - AT MOST 1"
    );
    assert_eq!(
        error(&entry.replacen("IL0160000", "IL016", 1)),
        "ORI/IL016 FEWER THAN 9 CHARACTERS"
    );
    assert_eq!(
        parse(&entry.replacen("IL0160000", "IL016", 1))
            .unwrap_err()
            .code(),
        "message_bad_header"
    );
}

#[test]
fn record_transactions_need_two_identifiers() {
    assert_eq!(
        error("XW.IL0160000.OCA/2026-1.DOC/20261121.RPS/ERROR"),
        "XW NEEDS NIC OR LRN WITH NAM OR OCA, OR OCA AND NAM TO IDENTIFY THE RECORD"
    );
    assert_eq!(
        error("XW.IL0160000.NIC/W000000001.DOC/20261121.RPS/ERROR"),
        "XW NEEDS NIC OR LRN WITH NAM OR OCA, OR OCA AND NAM TO IDENTIFY THE RECORD"
    );
    assert_eq!(
        error("XG.IL0160000.NIC/G000000001.DOC/20261121.RPS/ERROR"),
        "XG NEEDS NIC OR LRN WITH OCA, OR OCA WITH VIN, LIC OR SER TO IDENTIFY THE RECORD"
    );
    assert_eq!(
        error("LW.IL0840000.NIC/W000000001.DOL/20261121.LCA/L-1"),
        "LW NEEDS NIC OR LRN WITH NAM TO IDENTIFY THE RECORD"
    );
    let Transaction::Cancel(c) =
        parse("XG.IL0160000.NIC/G000000001.OCA/2026-1.DOC/20261121.RPS/ERROR").unwrap()
    else {
        panic!()
    };
    assert!(matches!(c.target(), RecordRef::Nic(n) if n.as_str() == "G000000001"));
    assert_eq!(
        c.identified_by().text(FieldCode::Oca).as_deref(),
        Some("2026-1")
    );
    let Transaction::Cancel(c) =
        parse("XG.IL0160000.OCA/2026-1.SER/GUN12345.DOC/20261121.RPS/ERROR").unwrap()
    else {
        panic!()
    };
    assert!(matches!(c.target(), RecordRef::Oca { name: None, .. }));
    assert_eq!(
        c.identified_by().text(FieldCode::Ser).as_deref(),
        Some("GUN12345")
    );
    let Transaction::Locate(l) =
        parse("LW.IL0840000.NIC/W000000001.NAM/DOE, JOHN.DOL/20261121.LCA/L-1").unwrap()
    else {
        panic!()
    };
    assert_eq!(
        l.identified_by().text(FieldCode::Nam).as_deref(),
        Some("DOE, JOHN")
    );
}

#[test]
fn modify_by_number_keeps_its_second_identifiers_among_the_fields() {
    let Transaction::Modify(m) =
        parse("MW.IL0160000.LRN/W2600001.NAM/DOE, JONATHAN.OCA/2026-9").unwrap()
    else {
        panic!()
    };
    assert!(matches!(m.target(), RecordRef::Lrn(_)));
    assert!(m.identified_by().contains(FieldCode::Nam));
    assert!(m.identified_by().contains(FieldCode::Oca));
    assert_eq!(m.changes().name().unwrap().to_string(), "DOE, JONATHAN");
    assert_eq!(
        error("MW.IL0160000.LRN/W2600001.WGT/190"),
        "MW NEEDS NIC OR LRN WITH NAM OR OCA, OR OCA AND NAM TO IDENTIFY THE RECORD"
    );
    assert_eq!(
        error("MW.IL0160000.LRN/W2600001.OCA/2026-9"),
        "NO FIELDS TO MODIFY"
    );
}

#[test]
fn name_with_an_identifier_searches_the_identifier_only() {
    let Transaction::Query(q) =
        parse("QW.IL0160000.NAM/DOE, JOHN.SOC/219099999.PUR/C.CAS/1").unwrap()
    else {
        panic!()
    };
    assert_eq!(
        q.criteria(),
        &[Criterion::Identifier {
            code: FieldCode::Soc,
            value: "219099999".into(),
            state: None,
            make: None
        }]
    );
}

#[test]
fn name_search_needs_sex_and_dob_and_may_be_expanded() {
    assert_eq!(
        error("QW.IL0160000.NAM/DOE, JOHN.SEX/M.PUR/C.CAS/1"),
        "DOB MISSING - MANDATORY FOR QW"
    );
    assert_eq!(
        error("QW.IL0160000.PUR/C.CAS/1"),
        "QW NEEDS NAM/SEX/DOB OR AN IDENTIFIER"
    );
    assert_eq!(error("QG.IL0160000.PUR/C.CAS/1"), "QG NEEDS AN IDENTIFIER");
    assert_eq!(
        error("QG.IL0160000.NAM/DOE, JOHN.PUR/C.CAS/1"),
        "NAM NOT ALLOWED IN QG"
    );
    let Transaction::Query(q) =
        parse("QWA.IL0160000.NAM/DOE, JOHN.SEX/M.RAC/W.DOB/19800115.EXD/Y.PUR/S.CAS/T-1").unwrap()
    else {
        panic!()
    };
    let [Criterion::Person(p)] = q.criteria() else {
        panic!()
    };
    assert!(p.expanded_dob);
    let query = p.query(q.files());
    assert_eq!((query.dob_from, query.dob_to), (19_790_115, 19_810_115));
    assert_eq!(query.files.len(), 4);
}

#[test]
fn plate_inquiry_carries_the_state() {
    let Transaction::Query(q) = parse("QV.IL0160000.LIC/ABC123.LIS/IL.PUR/S.CAS/T-1").unwrap()
    else {
        panic!()
    };
    assert_eq!(
        q.criteria(),
        &[Criterion::Identifier {
            code: FieldCode::Lic,
            value: "ABC123".into(),
            state: Some("IL".into()),
            make: None
        }]
    );
    assert_eq!(q.files(), &[FileKind::Vehicle, FileKind::Plate]);
}
