//! The hot files and their message keys, as data.
//!
//! A file is one [`FileSpec`] in [`table::FILES`]: its code, its entry keys, its mandatory and
//! optional fields, its duplicate-record keys and the identifiers it is searched by. The message
//! keys for modify, cancel, clear, locate and query follow from the file code (`M`, `X`, `C`,
//! `L`, `Q` + code), so adding a file (Boat, Securities, Protection Order) is one table entry.

mod kinds;
mod table;

use std::fmt;

use crate::fields::FieldCode;

use kinds::source_of;
pub use kinds::{Action, EntryKey, FileKind, FileSpec, KeySource, MessageKey, MultiFileQuery};
pub use table::{COMMON_ENTRY_MANDATORY, COMMON_ENTRY_OPTIONAL, FILES, MULTI_FILE_QUERIES};

impl FileKind {
    /// The file's table entry.
    pub fn spec(self) -> &'static FileSpec {
        // INVARIANT: FILES holds exactly one spec per FileKind (tested below).
        FILES
            .iter()
            .find(|f| f.kind == self)
            .copied()
            .unwrap_or(&table::WANTED)
    }

    /// The file's name.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Every file.
    pub fn all() -> impl Iterator<Item = FileKind> {
        FILES.iter().map(|f| f.kind)
    }

    /// The stable name used in storage and JSON.
    pub fn storage_name(self) -> &'static str {
        match self {
            FileKind::Wanted => "wanted",
            FileKind::Missing => "missing",
            FileKind::Vehicle => "vehicle",
            FileKind::Plate => "plate",
            FileKind::Gun => "gun",
            FileKind::Article => "article",
            FileKind::SexOffender => "sex_offender",
            FileKind::Voay => "voay",
        }
    }

    /// Reads a storage name back.
    pub fn from_storage_name(name: &str) -> Option<FileKind> {
        FileKind::all().find(|f| f.storage_name() == name)
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FileSpec {
    /// The non-entry key of this file for `action` (e.g. `XW`).
    pub fn key_for(&self, action: Action) -> String {
        format!("{}{}", action.letter(), self.code)
    }

    /// Every field an entry may carry.
    pub fn entry_fields(&self) -> impl Iterator<Item = FieldCode> + '_ {
        self.mandatory
            .iter()
            .chain(self.optional)
            .chain(COMMON_ENTRY_MANDATORY)
            .chain(COMMON_ENTRY_OPTIONAL)
            .copied()
    }

    /// True when an entry of this file may carry `code`.
    pub fn accepts(&self, code: FieldCode) -> bool {
        self.entry_fields().any(|c| c == code)
    }
}

/// Resolves a message key.
pub fn lookup_key(text: &str) -> Option<MessageKey> {
    for file in FILES {
        if let Some(entry) = file.entry_keys.iter().find(|e| e.key == text) {
            return Some(MessageKey {
                key: entry.key,
                action: Action::Enter,
                file,
                entry: Some(entry),
                query_files: &[],
                source: entry.source,
            });
        }
    }
    let mut chars = text.chars();
    let letter = chars.next()?;
    let code = chars.as_str();
    let action = Action::NON_ENTRY
        .into_iter()
        .find(|a| a.letter() == letter)?;
    if let Some(file) = FILES.iter().find(|f| f.code == code) {
        return Some(MessageKey {
            key: static_key(file, action)?,
            action,
            file,
            entry: None,
            query_files: if action == Action::Query {
                file.query_files
            } else {
                &[]
            },
            source: source_of(static_key(file, action)?, file.source),
        });
    }
    MULTI_FILE_QUERIES
        .iter()
        .find(|q| q.key == text)
        .and_then(|q| {
            Some(MessageKey {
                key: q.key,
                action: Action::Query,
                file: q.files.first()?.spec(),
                entry: None,
                query_files: q.files,
                source: q.source,
            })
        })
}

/// Finds the `'static` text of a file's non-entry key (so a [`MessageKey`] can be copied freely).
fn static_key(file: &FileSpec, action: Action) -> Option<&'static str> {
    table::non_entry_keys()
        .iter()
        .find(|(kind, act, _)| *kind == file.kind && *act == action)
        .map(|(_, _, key)| key.as_str())
}

/// Every message key the system understands, in table order.
pub fn all_keys() -> Vec<MessageKey> {
    let mut keys = Vec::new();
    for file in FILES {
        keys.extend(file.entry_keys.iter().filter_map(|e| lookup_key(e.key)));
        for action in Action::NON_ENTRY {
            keys.extend(static_key(file, action).and_then(lookup_key));
        }
    }
    keys.extend(MULTI_FILE_QUERIES.iter().filter_map(|q| lookup_key(q.key)));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_file_kind_has_exactly_one_spec() {
        for kind in FileKind::all() {
            assert_eq!(FILES.iter().filter(|f| f.kind == kind).count(), 1);
            assert_eq!(kind.spec().kind, kind);
            assert_eq!(FileKind::from_storage_name(kind.storage_name()), Some(kind));
        }
        assert_eq!(FILES.len(), 8);
    }

    #[test]
    fn every_key_is_unique_and_resolves_to_itself() {
        let keys = all_keys();
        let texts: HashSet<&str> = keys.iter().map(|k| k.key).collect();
        assert_eq!(texts.len(), keys.len());
        for key in &keys {
            let resolved = lookup_key(key.key).unwrap();
            assert_eq!(resolved.key, key.key);
            assert_eq!(resolved.action, key.action);
        }
        // 8 files x 5 non-entry keys, 15 entry keys, QWA.
        assert_eq!(keys.len(), 40 + 15 + 1);
    }

    #[test]
    fn each_file_has_all_six_actions() {
        for file in FILES {
            assert!(!file.entry_keys.is_empty(), "{}", file.name);
            for action in Action::NON_ENTRY {
                let key = lookup_key(&file.key_for(action)).unwrap();
                assert_eq!(key.action, action);
                assert_eq!(key.file.kind, file.kind);
            }
        }
    }

    #[test]
    fn keys_resolve_as_documented() {
        assert_eq!(
            lookup_key("EW").unwrap().entry.unwrap().name,
            "WANTED PERSON - FELONY"
        );
        assert_eq!(lookup_key("EMV").unwrap().file.kind, FileKind::Missing);
        assert_eq!(
            lookup_key("QV").unwrap().query_files,
            &[FileKind::Vehicle, FileKind::Plate]
        );
        assert_eq!(lookup_key("QWA").unwrap().query_files.len(), 4);
        assert!(lookup_key("ZZ").is_none());
        assert!(lookup_key("").is_none());
        assert!(lookup_key("QWX").is_none());
    }

    #[test]
    fn mandatory_and_optional_fields_do_not_overlap() {
        for file in FILES {
            for code in file.mandatory {
                assert!(!file.optional.contains(code), "{} {}", file.name, code);
            }
            for set in file.duplicate_keys {
                for code in *set {
                    assert!(file.accepts(*code), "{} duplicate key {}", file.name, code);
                }
            }
            for code in file.identifiers {
                assert!(file.accepts(*code), "{} identifier {}", file.name, code);
            }
        }
    }

    #[test]
    fn voay_is_leads_only_and_sex_offenders_go_to_ncic() {
        assert_eq!(FileKind::Voay.spec().nic_prefix, None);
        assert!(FileKind::SexOffender.spec().nic_prefix.is_some());
        assert_eq!(FileKind::Voay.spec().lrn_prefix, 'X');
    }
}
