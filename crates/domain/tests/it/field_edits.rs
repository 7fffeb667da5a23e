//! One accepted and one refused value for every field code, with the exact error an operator
//! sees. The test fails if a field code is added without a row here.

use std::collections::BTreeSet;

use leads_domain::fields::{FieldCode, ParseContext};
use time::{Date, Month};

/// `(tag, accepted value, its canonical form, refused value, the error)`.
const ROWS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "NIC",
        "W123456789",
        "W123456789",
        "W12345678A",
        "NIC/W12345678A MUST BE A LETTER AND 9 DIGITS",
    ),
    (
        "LRN",
        "x17a4394",
        "X17A4394",
        "X1A4394",
        "LRN/X1A4394 FEWER THAN 8 CHARACTERS",
    ),
    (
        "NAM",
        "DE LA CRUZ, ANA M",
        "DE LA CRUZ, ANA M",
        "CRUZ ANA",
        "NAM/CRUZ ANA MUST BE LAST, FIRST MIDDLE",
    ),
    ("SEX", "f", "F", "X", "SEX/X INVALID CODE"),
    ("RAC", "B", "B", "H", "RAC/H INVALID CODE"),
    (
        "DOB",
        "011580",
        "19800115",
        "19991340",
        "DOB/19991340 INVALID DATE",
    ),
    ("HGT", "600", "600", "612", "HGT/612 OUT OF RANGE"),
    ("WGT", "95", "095", "0", "WGT/0 OUT OF RANGE"),
    ("EYE", "HAZ", "HAZ", "RED", "EYE/RED INVALID CODE"),
    ("HAI", "SDY", "SDY", "PUR", "HAI/PUR INVALID CODE"),
    ("SKN", "OLV", "OLV", "TAN", "SKN/TAN INVALID CODE"),
    (
        "SMT",
        "TAT L ARM",
        "TAT L ARM",
        "TAT/ARM",
        "SMT/TAT/ARM INVALID CHARACTER",
    ),
    (
        "FBI",
        "123456AB1",
        "123456AB1",
        "ABCDEFGH",
        "FBI/ABCDEFGH MUST CONTAIN DIGITS",
    ),
    (
        "SOC",
        "219099999",
        "219099999",
        "666123456",
        "SOC/666123456 NOT A VALID SOCIAL SECURITY NUMBER",
    ),
    (
        "OLN",
        "S12345678901",
        "S12345678901",
        "S1234-567",
        "OLN/S1234-567 INVALID CHARACTER",
    ),
    ("OLS", "WI", "WI", "ZZ", "OLS/ZZ INVALID CODE"),
    ("OLY", "NX", "NX", "27", "OLY/27 MUST BE CCYY"),
    (
        "MNU",
        "PP-X1234567",
        "PP-X1234567",
        "PX-123",
        "MNU/PX-123 INVALID CODE",
    ),
    ("CMC", "05", "05", "07", "CMC/07 INVALID CODE"),
    ("OFF", "1399", "1399", "13A9", "OFF/13A9 INVALID CHARACTER"),
    (
        "DOW",
        "20261101",
        "20261101",
        "20261201",
        "DOW/20261201 DATE IN FUTURE",
    ),
    ("EXL", "01", "01", "9", "EXL/9 INVALID CODE"),
    (
        "AKA",
        "DOE, JOHNNY",
        "DOE, JOHNNY",
        "DOE",
        "AKA/DOE MUST BE LAST, FIRST MIDDLE",
    ),
    ("POB", "IL", "IL", "ZZ", "POB/ZZ INVALID CODE"),
    ("RTY", "wp", "WP", "QQ", "RTY/QQ INVALID CODE"),
    ("AMC", "amb", "AMB", "LOL", "AMC/LOL INVALID CODE"),
    (
        "DST",
        "IL0840000",
        "IL0840000",
        "IL 084",
        "DST/IL 084 INVALID CHARACTER",
    ),
    (
        "MSG",
        "BOLO RED FORD",
        "BOLO RED FORD",
        "",
        "MSG/ MISSING DATA",
    ),
    (
        "RNA",
        "SGT R MILLER",
        "SGT R MILLER",
        "",
        "RNA/ MISSING DATA",
    ),
    (
        "RAG",
        "PEORIA COUNTY SHERIFF",
        "PEORIA COUNTY SHERIFF",
        "",
        "RAG/ MISSING DATA",
    ),
    (
        "PHO",
        "309-555-0100",
        "309-555-0100",
        "555",
        "PHO/555 FEWER THAN 7 CHARACTERS",
    ),
    (
        "REM",
        "DRIVER DETAINED",
        "DRIVER DETAINED",
        "",
        "REM/ MISSING DATA",
    ),
    ("MNP", "AA", "AA", "XX", "MNP/XX INVALID CODE"),
    ("MPC", "R", "R", "Q", "MPC/Q INVALID CODE"),
    (
        "DLC",
        "20261120",
        "20261120",
        "18991231",
        "DLC/18991231 DATE BEFORE 1900",
    ),
    (
        "RGD",
        "20260301",
        "20260301",
        "20260230",
        "RGD/20260230 INVALID DATE",
    ),
    ("RGS", "N", "N", "Z", "RGS/Z INVALID CODE"),
    (
        "ADR",
        "100 MAIN ST",
        "100 MAIN ST",
        "1 MAIN ST.",
        "ADR/1 MAIN ST. INVALID CHARACTER",
    ),
    (
        "VIN",
        "1M8GDM9AXKP042788",
        "1M8GDM9AXKP042788",
        "1M8GDM9A1KP042788",
        "VIN/1M8GDM9A1KP042788 VIN CHECK DIGIT FAILURE",
    ),
    ("VYR", "2027", "2027", "2028", "VYR/2028 OUT OF RANGE"),
    ("VMA", "TOYT", "TOYT", "T0YT", "VMA/T0YT INVALID CHARACTER"),
    ("VMO", "CAM", "CAM", "CAMR", "VMO/CAMR EXCEEDS 3 CHARACTERS"),
    ("VST", "4D", "4D", "4", "VST/4 FEWER THAN 2 CHARACTERS"),
    (
        "VCO",
        "blk/sil",
        "BLK/SIL",
        "BLK/PUR",
        "VCO/PUR INVALID CODE",
    ),
    (
        "LIC",
        "ABC1234",
        "ABC1234",
        "ABC 1234",
        "LIC/ABC 1234 INVALID CHARACTER",
    ),
    ("LIS", "IL", "IL", "XX", "LIS/XX INVALID CODE"),
    ("LIY", "2027", "2027", "1899", "LIY/1899 OUT OF RANGE"),
    ("LIT", "MC", "MC", "QQ", "LIT/QQ INVALID CODE"),
    (
        "SER",
        "GUN12345",
        "GUN12345",
        "GUN-12345",
        "SER/GUN-12345 INVALID CHARACTER",
    ),
    (
        "MAK",
        "SMITH AND WESSON",
        "SMITH AND WESSON",
        "SMITH & WESSON",
        "MAK/SMITH & WESSON INVALID CHARACTER",
    ),
    ("CAL", "9MM", "9MM", "9 MM", "CAL/9 MM INVALID CHARACTER"),
    (
        "MOD",
        "MODEL 10",
        "MODEL 10",
        "MODEL/10",
        "MOD/MODEL/10 INVALID CHARACTER",
    ),
    (
        "TYP",
        "PA",
        "PA",
        "TOOLONGX",
        "TYP/TOOLONGX EXCEEDS 7 CHARACTERS",
    ),
    (
        "BRA",
        "SONY",
        "SONY",
        "SONY/X",
        "BRA/SONY/X INVALID CHARACTER",
    ),
    (
        "DOT",
        "112020",
        "20201120",
        "20261122",
        "DOT/20261122 DATE IN FUTURE",
    ),
    (
        "OCA",
        "2026-000123",
        "2026-000123",
        "2026_1",
        "OCA/2026_1 INVALID CHARACTER",
    ),
    (
        "MIS",
        "WEARS GLASSES",
        "WEARS GLASSES",
        "A\u{7}B",
        "MIS/A?B INVALID CHARACTER",
    ),
    ("SDC", "WAR", "WAR", "PHN", "SDC/PHN INVALID CODE"),
    (
        "SDN",
        "W26-4411",
        "W26-4411",
        "W26 4411",
        "SDN/W26 4411 INVALID CHARACTER",
    ),
    (
        "DRI",
        "20261120",
        "20261120",
        "2026112",
        "DRI/2026112 MUST BE CCYYMMDD OR MMDDYY",
    ),
    ("TRI", "0930", "0930", "2460", "TRI/2460 MUST BE HHMM"),
    ("PRI", "u", "U", "X", "PRI/X INVALID CODE"),
    ("RNO", "2", "2", "4", "RNO/4 INVALID CODE"),
    ("CNF", "Y", "Y", "MAYBE", "CNF/MAYBE INVALID CODE"),
    ("MTM", "15", "15", "1H", "MTM/1H INVALID CHARACTER"),
    (
        "EDR",
        "roads closed by blizzard",
        "ROADS CLOSED BY BLIZZARD",
        "A\u{7}B",
        "EDR/A?B INVALID CHARACTER",
    ),
    ("PUR", "C", "C", "P", "PUR/P INVALID CODE"),
    ("CAS", "2026-1", "2026-1", "", "CAS/ MISSING DATA"),
    ("EXD", "Y", "Y", "1", "EXD/1 INVALID CODE"),
    (
        "DOC",
        "20261121",
        "20261121",
        "20261301",
        "DOC/20261301 INVALID DATE",
    ),
    (
        "DCL",
        "20261121",
        "20261121",
        "20261122",
        "DCL/20261122 DATE IN FUTURE",
    ),
    (
        "DOL",
        "20261121",
        "20261121",
        "DOL",
        "DOL/DOL FEWER THAN 6 CHARACTERS",
    ),
    (
        "LCA",
        "LOC-1",
        "LOC-1",
        "-LOC",
        "LCA/-LOC INVALID CHARACTER",
    ),
    (
        "RPS",
        "ENTERED IN ERROR",
        "ENTERED IN ERROR",
        "",
        "RPS/ MISSING DATA",
    ),
    (
        "IMN",
        "x17a4394m0",
        "X17A4394M0",
        "X17A4394Q0",
        "IMN/X17A4394Q0 MUST BE I AND 9 DIGITS, OR A LEADS NUMBER, IMAGE TYPE AND 1 CHARACTER",
    ),
    ("IMT", "m", "M", "P", "IMT/P INVALID CODE"),
    (
        "DOI",
        "20261120",
        "20261120",
        "20261122",
        "DOI/20261122 DATE IN FUTURE",
    ),
    (
        "CRP",
        "10, 20, 400, 500",
        "10,20,400,500",
        "10,20,400",
        "CRP/10,20,400 MUST BE X,Y,WIDTH,HEIGHT",
    ),
];

fn ctx() -> ParseContext {
    ParseContext::new(Date::from_calendar_date(2026, Month::November, 21).unwrap())
}

#[test]
fn every_field_code_has_an_accepted_and_a_refused_case() {
    let covered: BTreeSet<&str> = ROWS.iter().map(|r| r.0).collect();
    let all: BTreeSet<&str> = FieldCode::ALL.iter().map(|c| c.tag()).collect();
    assert_eq!(covered, all, "rows missing or unknown");
}

#[test]
fn each_field_accepts_its_valid_value_in_canonical_form() {
    for (tag, valid, canonical, _, _) in ROWS {
        let code = FieldCode::from_tag(tag).unwrap();
        let value = code
            .parse_value(valid, &ctx())
            .unwrap_or_else(|e| panic!("{tag}/{valid}: {e}"));
        assert_eq!(value.to_string(), *canonical, "{tag}");
    }
}

#[test]
fn each_field_refuses_its_invalid_value_naming_field_and_edit() {
    for (tag, _, _, invalid, error) in ROWS {
        let code = FieldCode::from_tag(tag).unwrap();
        let refused = code.parse_value(invalid, &ctx()).expect_err(tag);
        assert_eq!(refused.to_string(), *error, "{tag}");
        assert_eq!(refused.tag(), *tag);
    }
}
