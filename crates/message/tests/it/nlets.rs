//! The interstate messages in both written forms: round trips, field errors, malformed XML.

use leads_domain::interstate::{
    Body, DriverLookup, Envelope, InterstateKey, Retention, StateOutcome,
};
use leads_message::nlets::{
    NletsError, WireFormat, parse_text, parse_xml, render_text, render_xml,
};
use proptest::prelude::*;

const TODAY: time::Date = match time::Date::from_ordinal_date(2026, 336) {
    Ok(d) => d,
    Err(_) => time::Date::MIN,
};

const DQ: &str = "DQ.IL0160000.WI.MN.*Q0000042.TXT RSN/T.PUR/1.USE/TNI.CAS/2026-0042.NAM/DOE, JOHN.DOB/19800115.SEX/M.IMQ/Y";

fn dr_text() -> String {
    let photo = data_encoding::BASE32_NOPAD.encode(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
    format!(
        "DR.WI0000000.IL0160000.*Q0000042.TXT STA/WI.RES/REC.OLN/D1234567890123.NAM/DOE, JOHN.DOB/19800115.SEX/M.LST/VALID CLASS D.RET/N.NOT/FOR IDENTIFICATION ONLY.IMF/JPEG.IMS/1.IMD/20240301.IMG/{photo}.STA/MN.RES/NRS.RET/Y"
    )
}

fn round_trips(envelope: &Envelope) {
    let text = render_text(envelope);
    assert_eq!(&parse_text(&text, TODAY).unwrap(), envelope, "{text}");
    let xml = render_xml(envelope);
    assert_eq!(
        &parse_xml(xml.as_bytes(), TODAY).unwrap(),
        envelope,
        "{xml}"
    );
}

#[test]
fn n2_a_driver_query_states_purpose_use_and_case_in_both_forms() {
    let dq = parse_text(DQ, TODAY).unwrap();
    assert_eq!(dq.key(), InterstateKey::Dq);
    assert_eq!(dq.to.len(), 2);
    assert_eq!(dq.control.as_ref().unwrap().as_str(), "Q0000042");
    let Body::DriverQuery(query) = &dq.body else {
        panic!("not a DQ: {dq:?}")
    };
    assert!(query.photo);
    assert_eq!(query.reason, Some('T'));
    let purpose = query.purpose.as_ref().unwrap();
    assert_eq!(purpose.purpose().code(), "1");
    assert_eq!(purpose.case().unwrap().as_str(), "2026-0042");
    assert!(matches!(query.subject, DriverLookup::Person { .. }));
    assert_eq!(render_text(&dq), DQ);
    round_trips(&dq);
}

#[test]
fn a_merged_response_carries_each_state_its_photo_and_its_retention_rule() {
    let dr = parse_text(&dr_text(), TODAY).unwrap();
    let Body::DriverResponse(response) = &dr.body else {
        panic!("not a DR")
    };
    assert_eq!(response.answers.len(), 2);
    let wi = &response.answers[0];
    assert!(matches!(wi.outcome, StateOutcome::Record(_)));
    assert_eq!(wi.retention, Retention::Forbidden);
    assert_eq!(wi.photo.as_ref().unwrap().bytes.len(), 7);
    assert_eq!(response.answers[1].outcome, StateOutcome::NoResponse);
    round_trips(&dr);
    let xml = render_xml(&dr);
    assert!(
        xml.contains("<nc:BinarySizeValue>1</nc:BinarySizeValue>"),
        "{xml}"
    );
    assert!(xml.contains("<nc:BinaryCaptureDate>2024-03-01</nc:BinaryCaptureDate>"));
    assert!(xml.contains("<n2:PersonBirthDate>1980-01-15</n2:PersonBirthDate>"));
}

#[test]
fn confirmations_administrative_status_and_error_messages_round_trip() {
    for text in [
        "YQ.IL0160000.WI0130000.*Y1.TXT RTY/W.RNO/1.PRI/U.NIC/W123456789.NAM/DOE, JOHN.RNA/SGT SMITH.PHO/2175550100.REM/SUBJECT IN CUSTODY",
        "YR.WI0130000.IL0160000.*Y1.TXT RTY/W.NIC/W123456789.CNF/Y.RNA/DISPATCH",
        "AM.IL0160000.WI0130000.MN.TXT PLEASE CALL THE WATCH COMMANDER. ASAP",
        "SM.NL0000000.IL0160000.*Q0000042.TXT STS/02.STA/MN.KEY/DQ.MSG/OUT OF SERVICE FOR THIS MESSAGE TYPE - WILL FORWARD",
        "ER.NL0000000.IL0160000.*Q0000042.TXT ERR/12.MSG/DESTINATION ORI NOT IN THE DIRECTORY",
    ] {
        let envelope = parse_text(text, TODAY).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(render_text(&envelope), text);
        round_trips(&envelope);
    }
}

#[test]
fn text_errors_name_the_field_and_the_edit() {
    let cases = [
        (
            DQ.replace("DOB/19800115", "DOB/19801340"),
            "DOB/19801340 INVALID DATE",
        ),
        (
            DQ.replace("USE/TNI", "USE/WNT"),
            "USE/WNT NOT A USE OF THE STATED PURPOSE",
        ),
        (
            DQ.replace(".WI.MN.", ".WI.QQ."),
            "DST/QQ INVALID STATE CODE",
        ),
        (DQ.replace("IMQ/Y", "IMQ/X"), "IMQ/X INVALID CODE"),
        (format!("{DQ}."), "MESSAGE MUST NOT END WITH A PERIOD"),
        (
            DQ.replace("DQ.", "DX."),
            "INVALID INTERSTATE MESSAGE KEY DX",
        ),
        (
            DQ.replace(".WI.MN.", ".WI.MN.IA.IN.OH.KY."),
            "AT MOST 5 DESTINATIONS",
        ),
        (
            DQ.replace(".NAM/DOE, JOHN", ""),
            "OLN MISSING - MANDATORY IN DQ",
        ),
        (format!("{DQ}.XYZ/1"), "XYZ NOT ALLOWED IN DQ"),
        (
            dr_text().replace("IMS/1", "IMS/9"),
            "IMS/9 NOT THE SIZE OF IMG IN KILOBYTES",
        ),
    ];
    for (text, expected) in cases {
        let error = parse_text(&text, TODAY).unwrap_err();
        assert_eq!(error.to_string(), expected, "{text}");
    }
}

#[test]
fn malformed_xml_is_refused() {
    let good = render_xml(&parse_text(DQ, TODAY).unwrap());
    let bad = [
        good.replace("<n2:NLETS ", "<!DOCTYPE x [<!ENTITY e \"x\">]><n2:NLETS "),
        good.replace("</n2:NLETS>", ""),
        good.replace("<n2:ReasonCode>T</n2:ReasonCode>", "<n2:Shoe>T</n2:Shoe>"),
        good.replace("NLETSInquiryData", "NLETSMailData"),
        good.replace(
            "<n2:PersonBirthDate>1980-01-15",
            "<n2:PersonBirthDate>15/01/1980",
        ),
        good.replace(
            "<n2:ReasonCode>T</n2:ReasonCode>",
            "<n2:ReasonCode><b>T</b></n2:ReasonCode>",
        ),
        good.replace("<n2:ReasonCode>T</n2:ReasonCode>", "stray text"),
        "<n2:NLETS>".to_owned(),
        String::new(),
    ];
    for xml in bad {
        assert!(parse_xml(xml.as_bytes(), TODAY).is_err(), "accepted: {xml}");
    }
    let error = parse_xml(
        good.replace(
            "<n2:PersonBirthDate>1980-01-15",
            "<n2:PersonBirthDate>15/01/1980",
        )
        .as_bytes(),
        TODAY,
    )
    .unwrap_err();
    assert!(
        matches!(error, NletsError::Field(ref f) if f.tag() == "DOB"),
        "{error}"
    );
}

#[test]
fn the_wire_format_is_chosen_by_name() {
    for format in [WireFormat::Text, WireFormat::Xml] {
        let dq = parse_text(DQ, TODAY).unwrap();
        let bytes = format.render(&dq);
        assert_eq!(format.parse(&bytes, TODAY).unwrap(), dq);
        assert_eq!(WireFormat::from_name(format.name()), Some(format));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let _ = parse_text(&text, TODAY);
        let _ = parse_xml(text.as_bytes(), TODAY);
    }

    #[test]
    fn mutated_queries_parse_or_fail_cleanly(at in 0usize..140, with in "[A-Z0-9./* ]{0,4}") {
        let mut text = DQ.to_owned();
        let at = at.min(text.len());
        text.replace_range(at..(at + 1).min(text.len()), &with);
        if let Ok(envelope) = parse_text(&text, TODAY) {
            prop_assert_eq!(parse_text(&render_text(&envelope), TODAY).unwrap(), envelope.clone());
            prop_assert_eq!(parse_xml(render_xml(&envelope).as_bytes(), TODAY).unwrap(), envelope);
        }
    }

    #[test]
    fn administrative_text_round_trips(words in "[A-Z0-9,;:!? -]{1,200}") {
        let text = format!("AM.IL0160000.WI0130000.TXT X{words}");
        if let Ok(envelope) = parse_text(&text, TODAY) {
            prop_assert_eq!(parse_text(&render_text(&envelope), TODAY).unwrap(), envelope.clone());
            prop_assert_eq!(parse_xml(render_xml(&envelope).as_bytes(), TODAY).unwrap(), envelope);
        }
    }
}
