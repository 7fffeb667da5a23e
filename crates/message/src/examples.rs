//! One valid example message for every message key, from agency `IL0160000` on or after
//! 2026-11-21. They appear in docs/MESSAGES.md and drive the tests of every front end.

use leads_domain::files::{Action, FileKind, FileSpec};

/// The agency the examples are sent from.
pub const EXAMPLE_ORI: &str = "IL0160000";

/// A valid entry message for a file (the file's first entry key).
pub fn entry(file: FileKind) -> String {
    let body = match file {
        FileKind::Wanted => {
            "NAM/DOE, JOHN A.SEX/M.RAC/W.DOB/19800115.HGT/510.WGT/180.EYE/BRO.HAI/BLK.OFF/1399.DOW/20261101.OCA/2026-000123.SDC/WAR.SDN/W26-4411.DRI/20261120.CMC/00"
        }
        FileKind::Missing => {
            "NAM/ROE, JANE.SEX/F.RAC/W.DOB/20100304.HGT/408.WGT/080.EYE/BLU.HAI/BLN.MNP/CA.DLC/20261119.OCA/2026-000124.SDC/INV.SDN/MP-77.DRI/20261119"
        }
        FileKind::Vehicle => {
            "VIN/1M8GDM9AXKP042788.VYR/2019.VMA/FORD.VCO/RED/WHI.DOT/20261118.LIC/ABC123.LIS/IL.OCA/2026-000125.SDC/CMP.SDN/C-1001.DRI/20261118"
        }
        FileKind::Plate => {
            "LIC/XYZ789.LIS/IL.LIY/2027.LIT/PC.DOT/20261117.OCA/2026-000126.SDC/CMP.SDN/C-1002.DRI/20261117"
        }
        FileKind::Gun => {
            "SER/GUN12345.MAK/SMITH AND WESSON.CAL/38.TYP/PR.DOT/20261116.OCA/2026-000127.SDC/INV.SDN/I-55.DRI/20261116"
        }
        FileKind::Article => {
            "TYP/TVIDEO.SER/SN998877.BRA/SONY.DOT/20261115.OCA/2026-000128.SDC/CMP.SDN/C-1003.DRI/20261115"
        }
        FileKind::SexOffender => {
            "NAM/ROE, RICHARD.SEX/M.RAC/B.DOB/19750607.HGT/600.WGT/210.EYE/BRO.HAI/BLK.OFF/1199.RGD/20260301.ADR/100 MAIN ST SPRINGFIELD IL.OCA/2026-000129.SDC/INV.SDN/REG-9.DRI/20260301"
        }
        FileKind::Voay => {
            "NAM/POE, EDGAR.SEX/M.RAC/W.DOB/19690119.HGT/508.WGT/160.EYE/GRY.HAI/BRO.OFF/0911.RGD/20250601.ADR/20 ELM ST PEORIA IL.OCA/2026-000130.SDC/INV.SDN/REG-10.DRI/20250601"
        }
    };
    let key = file
        .spec()
        .entry_keys
        .first()
        .map(|e| e.key)
        .unwrap_or("EW");
    format!("{key}.{EXAMPLE_ORI}.{body}")
}

/// How the example record of a file is identified in later messages.
fn reference(file: FileKind) -> &'static str {
    match file {
        FileKind::Wanted => "OCA/2026-000123.NAM/DOE, JOHN A",
        FileKind::Missing => "OCA/2026-000124.NAM/ROE, JANE",
        FileKind::Vehicle => "OCA/2026-000125.VIN/1M8GDM9AXKP042788",
        FileKind::Plate => "OCA/2026-000126.LIC/XYZ789",
        FileKind::Gun => "OCA/2026-000127.SER/GUN12345",
        FileKind::Article => "OCA/2026-000128.SER/SN998877",
        FileKind::SexOffender => "OCA/2026-000129.NAM/ROE, RICHARD",
        FileKind::Voay => "OCA/2026-000130.NAM/POE, EDGAR",
    }
}

/// What an inquiry for the example record of a file searches by.
fn criteria(file: FileKind) -> &'static str {
    match file {
        FileKind::Wanted => "NAM/DOE, JOHN.SEX/M.DOB/19800115",
        FileKind::Missing => "NAM/ROE, JANE.SEX/F.DOB/20100304",
        FileKind::Vehicle => "VIN/1M8GDM9AXKP042788",
        FileKind::Plate => "LIC/XYZ789.LIS/IL",
        FileKind::Gun => "SER/GUN12345",
        FileKind::Article => "SER/SN998877",
        FileKind::SexOffender => "NAM/ROE, RICHARD.SEX/M.DOB/19750607",
        FileKind::Voay => "NAM/POE, EDGAR.SEX/M.DOB/19690119",
    }
}

fn modification(file: FileKind) -> &'static str {
    match file {
        FileKind::Wanted | FileKind::Missing | FileKind::SexOffender | FileKind::Voay => "WGT/190",
        FileKind::Vehicle => "VCO/BLK",
        FileKind::Plate => "LIY/2028",
        FileKind::Gun | FileKind::Article => "MIS/RECOVERED IN PART",
    }
}

/// A record number of the right shape for a file (NIC where the file has one, else LRN).
pub fn example_number(file: FileKind) -> String {
    let spec = file.spec();
    match spec.nic_prefix {
        Some(prefix) => format!("NIC/{prefix}000000001"),
        None => format!("LRN/{}2600001", spec.lrn_prefix),
    }
}

/// The second identifier a locating agency gives beside the number: the name in a person file,
/// the identifier it found the property by otherwise.
fn locate_identifier(file: FileKind) -> &'static str {
    match file {
        FileKind::Wanted => "NAM/DOE, JOHN A",
        FileKind::Missing => "NAM/ROE, JANE",
        FileKind::Vehicle => "VIN/1M8GDM9AXKP042788",
        FileKind::Plate => "LIC/XYZ789",
        FileKind::Gun => "SER/GUN12345",
        FileKind::Article => "SER/SN998877",
        FileKind::SexOffender => "NAM/ROE, RICHARD",
        FileKind::Voay => "NAM/POE, EDGAR",
    }
}

fn locate_body(file: FileKind, number: &str) -> String {
    format!(
        "{number}.{}.DOL/20261121.LCA/2026-LOC-1",
        locate_identifier(file)
    )
}

/// A locate of the example record of `file`, numbered `number` (`NIC/…` or `LRN/…`), sent by
/// another agency `ori`.
pub fn locate(file: FileKind, ori: &str, number: &str) -> String {
    format!(
        "{}.{ori}.{}",
        file.spec().key_for(Action::Locate),
        locate_body(file, number)
    )
}

/// A valid message for a file and action; `ori` sends it.
pub fn message(file: FileKind, action: Action, ori: &str) -> String {
    let spec: &FileSpec = file.spec();
    if action == Action::Enter {
        return entry(file).replacen(EXAMPLE_ORI, ori, 1);
    }
    let key = spec.key_for(action);
    let body = match action {
        Action::Enter => String::new(),
        Action::Modify => format!("{}.{}", reference(file), modification(file)),
        Action::Cancel => format!("{}.DOC/20261121.RPS/ENTERED IN ERROR", reference(file)),
        Action::Clear => format!("{}.DCL/20261121.RPS/SUBJECT APPREHENDED", reference(file)),
        Action::Locate => locate_body(file, &example_number(file)),
        Action::Query => format!("{}.PUR/C.CAS/2026-555", criteria(file)),
    };
    format!("{key}.{ori}.{body}")
}
