//! What the file table is made of: the files, their entry keys and specs, the actions, and
//! message keys.

use crate::fields::FieldCode;

/// A hot file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Wanted,
    Missing,
    Vehicle,
    Plate,
    Gun,
    Article,
    SexOffender,
    Voay,
}

/// Where a message key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// An NCIC key confirmed by reference/domain.md.
    Ncic,
    /// Ours, built on the NCIC pattern (action letter + NCIC file letter) but not confirmed by
    /// the sources.
    NcicPattern,
    /// Ours: a LEADS file or record type the sources give no key for.
    Leads,
}

/// The NCIC keys reference/domain.md confirms.
const CONFIRMED_NCIC_KEYS: &[&str] = &[
    "EW", "EWJ", "LW", "XW", "CW", "QW", "EMD", "EME", "EMI", "EMV", "EMO", "QM", "QV", "QG", "QA",
    "QWA",
];

pub(super) fn source_of(key: &str, file_source: KeySource) -> KeySource {
    match (CONFIRMED_NCIC_KEYS.contains(&key), file_source) {
        (true, _) => KeySource::Ncic,
        (false, KeySource::Leads) => KeySource::Leads,
        (false, _) => KeySource::NcicPattern,
    }
}

/// An entry key: the `E…` key that creates a record of a file, and the record type it means.
#[derive(Debug, PartialEq, Eq)]
pub struct EntryKey {
    /// The key, e.g. `EWJ`.
    pub key: &'static str,
    /// The record type, e.g. `WANTED PERSON - JUVENILE`.
    pub name: &'static str,
    /// Whether NCIC or OpenLEADS defines it.
    pub source: KeySource,
    /// Fields this record type needs beyond the file's mandatory fields.
    pub extra_mandatory: &'static [FieldCode],
    /// The supporting document must include an active warrant (SDC/WAR).
    pub needs_warrant: bool,
}

/// One hot file.
#[derive(Debug)]
pub struct FileSpec {
    pub kind: FileKind,
    /// The file code in message keys (`W` gives `MW`, `XW`, `CW`, `LW`, `QW`).
    pub code: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Whether the file's key letters are NCIC's or ours.
    pub source: KeySource,
    /// A person file (searched by name, sex and date of birth).
    pub person: bool,
    /// First letter of the file's LEADS record numbers.
    pub lrn_prefix: char,
    /// First letter of NCIC numbers; `None` for LEADS-only files.
    pub nic_prefix: Option<char>,
    /// The keys that enter records of this file.
    pub entry_keys: &'static [EntryKey],
    /// Fields an entry must carry (besides [`COMMON_ENTRY_MANDATORY`]).
    pub mandatory: &'static [FieldCode],
    /// Fields an entry may carry (besides [`COMMON_ENTRY_OPTIONAL`]).
    pub optional: &'static [FieldCode],
    /// Field combinations that make a second entry by the same ORI a duplicate.
    pub duplicate_keys: &'static [&'static [FieldCode]],
    /// Identifiers the file is searched by (besides NIC, LRN and, for person files, names).
    pub identifiers: &'static [FieldCode],
    /// The files the file's `Q` key searches.
    pub query_files: &'static [FileKind],
}

/// What a message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Enter,
    Modify,
    Cancel,
    Clear,
    Locate,
    Query,
}

impl Action {
    /// The first letter of the action's keys.
    pub const fn letter(self) -> char {
        match self {
            Action::Enter => 'E',
            Action::Modify => 'M',
            Action::Cancel => 'X',
            Action::Clear => 'C',
            Action::Locate => 'L',
            Action::Query => 'Q',
        }
    }

    /// The action's name.
    pub const fn name(self) -> &'static str {
        match self {
            Action::Enter => "ENTER",
            Action::Modify => "MODIFY",
            Action::Cancel => "CANCEL",
            Action::Clear => "CLEAR",
            Action::Locate => "LOCATE",
            Action::Query => "QUERY",
        }
    }

    pub(crate) const NON_ENTRY: [Action; 5] = [
        Action::Modify,
        Action::Cancel,
        Action::Clear,
        Action::Locate,
        Action::Query,
    ];
}

/// A message key resolved against the file table.
#[derive(Debug, Clone, Copy)]
pub struct MessageKey {
    /// The key text.
    pub key: &'static str,
    /// The action.
    pub action: Action,
    /// The file the key belongs to (for multi-file queries, the first file searched).
    pub file: &'static FileSpec,
    /// For entries, the record type.
    pub entry: Option<&'static EntryKey>,
    /// For queries, the files searched.
    pub query_files: &'static [FileKind],
    /// Whether NCIC or OpenLEADS defines the key.
    pub source: KeySource,
}

/// A query key that searches several files.
#[derive(Debug)]
pub struct MultiFileQuery {
    pub key: &'static str,
    pub name: &'static str,
    pub files: &'static [FileKind],
    pub source: KeySource,
}
