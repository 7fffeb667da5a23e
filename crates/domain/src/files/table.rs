//! The file table. Keys marked `KeySource::Leads` are ours (docs/MESSAGES.md says so).

use std::sync::OnceLock;

use super::kinds::{Action, EntryKey, FileKind, FileSpec, KeySource, MultiFileQuery};
use crate::fields::FieldCode::{self, *};

/// Every entry names its case number, its supporting document and when the information came in
/// (rules H2 and H3).
pub const COMMON_ENTRY_MANDATORY: &[FieldCode] = &[Oca, Sdc, Sdn, Dri];

/// Every entry may carry these.
pub const COMMON_ENTRY_OPTIONAL: &[FieldCode] = &[Mis, Tri, Edr];

const fn entry(key: &'static str, name: &'static str, source: KeySource) -> EntryKey {
    EntryKey {
        key,
        name,
        source,
        extra_mandatory: &[],
        needs_warrant: false,
    }
}

const fn warrant_entry(key: &'static str, name: &'static str, source: KeySource) -> EntryKey {
    EntryKey {
        key,
        name,
        source,
        extra_mandatory: &[Dow],
        needs_warrant: true,
    }
}

pub(super) static WANTED: FileSpec = FileSpec {
    kind: FileKind::Wanted,
    code: "W",
    name: "WANTED PERSON",
    source: KeySource::Ncic,
    person: true,
    lrn_prefix: 'W',
    nic_prefix: Some('W'),
    entry_keys: &[
        warrant_entry("EW", "WANTED PERSON - FELONY", KeySource::Ncic),
        warrant_entry("EWM", "WANTED PERSON - MISDEMEANOR", KeySource::Leads),
        entry(
            "EWT",
            "WANTED PERSON - TEMPORARY FELONY WANT",
            KeySource::Leads,
        ),
        warrant_entry("EWJ", "WANTED PERSON - JUVENILE", KeySource::Ncic),
    ],
    mandatory: &[Nam, Sex, Rac, Dob, Hgt, Wgt, Eye, Hai, Off],
    optional: &[
        Aka, Pob, Skn, Smt, Fbi, Soc, Oln, Ols, Oly, Mnu, Cmc, Dow, Exl,
    ],
    duplicate_keys: &[&[Oca, Nam], &[Nam, Dob], &[Soc], &[Fbi], &[Mnu]],
    identifiers: &[Soc, Oln, Fbi, Mnu],
    query_files: &[FileKind::Wanted],
};

static MISSING: FileSpec = FileSpec {
    kind: FileKind::Missing,
    code: "M",
    name: "MISSING PERSON",
    source: KeySource::Ncic,
    person: true,
    lrn_prefix: 'M',
    nic_prefix: Some('M'),
    entry_keys: &[
        entry("EMD", "MISSING PERSON - DISABILITY", KeySource::Ncic),
        entry("EME", "MISSING PERSON - ENDANGERED", KeySource::Ncic),
        entry("EMI", "MISSING PERSON - INVOLUNTARY", KeySource::Ncic),
        entry(
            "EMV",
            "MISSING PERSON - CATASTROPHE VICTIM",
            KeySource::Ncic,
        ),
        entry("EMO", "MISSING PERSON - OTHER", KeySource::Ncic),
    ],
    mandatory: &[Nam, Sex, Rac, Dob, Hgt, Wgt, Eye, Hai, Mnp, Dlc],
    optional: &[Aka, Pob, Skn, Smt, Fbi, Soc, Oln, Ols, Oly, Mnu, Cmc, Mpc],
    duplicate_keys: &[&[Oca, Nam], &[Nam, Dob], &[Soc], &[Fbi], &[Mnu]],
    identifiers: &[Soc, Oln, Fbi, Mnu],
    query_files: &[FileKind::Missing],
};

static VEHICLE: FileSpec = FileSpec {
    kind: FileKind::Vehicle,
    code: "V",
    name: "STOLEN VEHICLE",
    source: KeySource::Ncic,
    person: false,
    lrn_prefix: 'V',
    nic_prefix: Some('V'),
    entry_keys: &[entry("EV", "STOLEN VEHICLE", KeySource::NcicPattern)],
    mandatory: &[Vin, Vyr, Vma, Vco, Dot],
    optional: &[Vmo, Vst, Lic, Lis, Liy, Lit],
    duplicate_keys: &[&[Vin], &[Lic, Lis]],
    identifiers: &[Vin, Lic],
    query_files: &[FileKind::Vehicle, FileKind::Plate],
};

static PLATE: FileSpec = FileSpec {
    kind: FileKind::Plate,
    code: "L",
    name: "STOLEN LICENSE PLATE",
    source: KeySource::Ncic,
    person: false,
    lrn_prefix: 'L',
    nic_prefix: Some('L'),
    entry_keys: &[entry("EL", "STOLEN LICENSE PLATE", KeySource::NcicPattern)],
    mandatory: &[Lic, Lis, Liy, Lit, Dot],
    optional: &[],
    duplicate_keys: &[&[Lic, Lis]],
    identifiers: &[Lic],
    query_files: &[FileKind::Plate],
};

static GUN: FileSpec = FileSpec {
    kind: FileKind::Gun,
    code: "G",
    name: "STOLEN GUN",
    source: KeySource::Ncic,
    person: false,
    lrn_prefix: 'G',
    nic_prefix: Some('G'),
    entry_keys: &[entry("EG", "STOLEN GUN", KeySource::NcicPattern)],
    mandatory: &[Ser, Mak, Cal, Typ, Dot],
    optional: &[Mod],
    duplicate_keys: &[&[Ser, Mak]],
    identifiers: &[Ser],
    query_files: &[FileKind::Gun],
};

static ARTICLE: FileSpec = FileSpec {
    kind: FileKind::Article,
    code: "A",
    name: "STOLEN ARTICLE",
    source: KeySource::Ncic,
    person: false,
    lrn_prefix: 'A',
    nic_prefix: Some('A'),
    entry_keys: &[entry("EA", "STOLEN ARTICLE", KeySource::NcicPattern)],
    mandatory: &[Typ, Ser, Dot],
    optional: &[Bra, Mod],
    duplicate_keys: &[&[Ser, Typ]],
    identifiers: &[Ser],
    query_files: &[FileKind::Article],
};

static SEX_OFFENDER: FileSpec = FileSpec {
    kind: FileKind::SexOffender,
    code: "SO",
    name: "SEX OFFENDER REGISTRANT",
    source: KeySource::Leads,
    person: true,
    lrn_prefix: 'S',
    nic_prefix: Some('X'),
    entry_keys: &[entry("ESO", "SEX OFFENDER REGISTRANT", KeySource::Leads)],
    mandatory: &[Nam, Sex, Rac, Dob, Hgt, Wgt, Eye, Hai, Off, Rgd, Adr],
    optional: &[Aka, Pob, Skn, Smt, Fbi, Soc, Oln, Ols, Oly, Mnu, Cmc, Rgs],
    duplicate_keys: &[&[Oca, Nam], &[Nam, Dob], &[Soc], &[Fbi]],
    identifiers: &[Soc, Oln, Fbi, Mnu],
    query_files: &[FileKind::SexOffender],
};

static VOAY: FileSpec = FileSpec {
    kind: FileKind::Voay,
    code: "VO",
    name: "VIOLENT OFFENDER AGAINST YOUTH/MURDERER REGISTRANT",
    source: KeySource::Leads,
    person: true,
    lrn_prefix: 'X',
    nic_prefix: None,
    entry_keys: &[entry("EVO", "VOAY/MURDERER REGISTRANT", KeySource::Leads)],
    mandatory: &[Nam, Sex, Rac, Dob, Hgt, Wgt, Eye, Hai, Off, Rgd, Adr],
    optional: &[Aka, Pob, Skn, Smt, Fbi, Soc, Oln, Ols, Oly, Mnu, Cmc, Rgs],
    duplicate_keys: &[&[Oca, Nam], &[Nam, Dob], &[Soc], &[Fbi]],
    identifiers: &[Soc, Oln, Fbi, Mnu],
    query_files: &[FileKind::Voay],
};

/// The hot files.
pub static FILES: &[&FileSpec] = &[
    &WANTED,
    &MISSING,
    &VEHICLE,
    &PLATE,
    &GUN,
    &ARTICLE,
    &SEX_OFFENDER,
    &VOAY,
];

/// Queries that search several files at once.
pub static MULTI_FILE_QUERIES: &[MultiFileQuery] = &[MultiFileQuery {
    key: "QWA",
    name: "ALL PERSON FILES",
    files: &[
        FileKind::Wanted,
        FileKind::Missing,
        FileKind::SexOffender,
        FileKind::Voay,
    ],
    source: KeySource::Ncic,
}];

/// The modify, cancel, clear, locate and query keys of every file, derived once from the
/// table so they can be handed out as `&'static str`.
pub(super) fn non_entry_keys() -> &'static [(FileKind, Action, String)] {
    static KEYS: OnceLock<Vec<(FileKind, Action, String)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        FILES
            .iter()
            .flat_map(|file| {
                Action::NON_ENTRY.map(|action| (file.kind, action, file.key_for(action)))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_follow_the_file_codes() {
        let keys = non_entry_keys();
        assert_eq!(keys.len(), FILES.len() * 5);
        assert!(
            keys.iter()
                .any(|(kind, action, key)| *kind == FileKind::Voay
                    && *action == Action::Locate
                    && key == "LVO")
        );
    }
}
