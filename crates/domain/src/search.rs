//! The keys a record is found by, and the person search NCIC performs.
//!
//! Phonetic keys are computed here, once, when a record is written, and stored in indexed
//! columns; both databases then answer the same search the same way.

use crate::fields::{FieldCode, PersonName, Race, Sex, Value};
use crate::files::FileKind;
use crate::record::Record;
use crate::transaction::PersonCriteria;

/// A name key row: one per phonetic key of the record's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    pub phonetic: String,
    /// Date of birth as `ccyymmdd`.
    pub dob: i64,
    pub sex: Sex,
    pub race: Race,
}

/// An identifier row (SOC, OLN, FBI, MNU, VIN, LIC, SER).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierKey {
    pub code: FieldCode,
    pub value: String,
}

/// Everything a record is found by while it is in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordIndex {
    /// Keys that make a second entry by the same agency a duplicate (`REJECT ON FILE`).
    pub duplicate_keys: Vec<String>,
    pub names: Vec<NameKey>,
    pub identifiers: Vec<IdentifierKey>,
}

/// The duplicate keys of a record's fields in `file` for agency `ori`.
pub fn duplicate_keys(
    file: FileKind,
    ori: &str,
    fields: &crate::fieldset::FieldSet,
) -> Vec<String> {
    file.spec()
        .duplicate_keys
        .iter()
        .filter(|set| set.iter().all(|code| fields.contains(*code)))
        .map(|set| {
            let parts: Vec<String> = set
                .iter()
                .map(|code| format!("{}={}", code.tag(), fields.text(*code).unwrap_or_default()))
                .collect();
            format!("{}|{}|{}", file.storage_name(), ori, parts.join("|"))
        })
        .collect()
}

impl RecordIndex {
    /// The index rows of a record.
    pub fn of(record: &Record) -> RecordIndex {
        let spec = record.file().spec();
        let fields = record.fields();
        let mut names = Vec::new();
        if let (true, Some(name), Some(dob), Some(sex), Some(race)) = (
            spec.person,
            fields.name(),
            fields.date(FieldCode::Dob),
            fields.sex(),
            fields.race(),
        ) {
            // The name and every alias (AKA) are searched alike.
            let aliases = fields.all(FieldCode::Aka).iter().filter_map(|v| match v {
                Value::Name(alias) => Some(alias),
                _ => None,
            });
            let mut keys: Vec<String> = std::iter::once(name)
                .chain(aliases)
                .flat_map(PersonName::phonetic_keys)
                .collect();
            keys.sort();
            keys.dedup();
            names = keys
                .into_iter()
                .map(|phonetic| NameKey {
                    phonetic,
                    dob: dob.as_number(),
                    sex,
                    race,
                })
                .collect();
        }
        let identifiers = spec
            .identifiers
            .iter()
            .flat_map(|code| {
                fields.all(*code).iter().map(|v| IdentifierKey {
                    code: *code,
                    value: v.to_string(),
                })
            })
            .collect();
        RecordIndex {
            duplicate_keys: duplicate_keys(record.file(), record.ori().as_str(), fields),
            names,
            identifiers,
        }
    }
}

/// The alias of `record` a name search with Soundex key `phonetic` found it by, when its own
/// name does not carry that key (an alias hit).
pub fn alias_matched(record: &Record, phonetic: &str) -> Option<PersonName> {
    let fields = record.fields();
    if fields
        .name()
        .is_some_and(|name| name.phonetic_keys().iter().any(|k| k == phonetic))
    {
        return None;
    }
    fields.all(FieldCode::Aka).iter().find_map(|v| match v {
        Value::Name(alias) if alias.phonetic_keys().iter().any(|k| k == phonetic) => {
            Some(alias.clone())
        }
        _ => None,
    })
}

/// A name search as the store runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonQuery {
    pub files: Vec<FileKind>,
    /// Soundex of the inquiry surname.
    pub phonetic: String,
    /// Inclusive range of `ccyymmdd` dates of birth.
    pub dob_from: i64,
    pub dob_to: i64,
    /// Only records of this sex (`None` when the inquiry gives U).
    pub sex: Option<Sex>,
    /// Leave out records of this race (W excludes B, B excludes W).
    pub exclude_race: Option<Race>,
}

impl PersonCriteria {
    /// The store query for these criteria over `files`.
    pub fn query(&self, files: &[FileKind]) -> PersonQuery {
        let dob = self.dob.as_number();
        let spread = if self.expanded_dob { 10_000 } else { 0 };
        PersonQuery {
            files: files.to_vec(),
            phonetic: self.name.inquiry_key(),
            dob_from: dob - spread,
            dob_to: dob + spread,
            sex: (self.sex != Sex::Unknown).then_some(self.sex),
            exclude_race: self.race.and_then(Race::excludes),
        }
    }
}

impl PersonQuery {
    /// Whether a name key row answers this query (the store's SQL says the same thing).
    pub fn admits(&self, key: &NameKey) -> bool {
        key.phonetic == self.phonetic
            && (self.dob_from..=self.dob_to).contains(&key.dob)
            && self.sex.is_none_or(|s| s == key.sex)
            && self.exclude_race.is_none_or(|r| r != key.race)
    }
}

/// Whether a plate hit matches the plate state asked for (LIS narrows a LIC search).
pub fn plate_state_matches(record: &Record, state: Option<&str>) -> bool {
    match state {
        None => true,
        Some(state) => match record.fields().get(FieldCode::Lis) {
            Some(Value::Code(code)) => code.code() == state,
            _ => false,
        },
    }
}

/// Whether a gun hit matches the make asked for (MAK narrows a SER search in the gun file; a
/// record without a make, such as an article, is not narrowed).
pub fn make_matches(record: &Record, make: Option<&str>) -> bool {
    let (Some(make), Some(on_file)) = (make, record.fields().get(FieldCode::Mak)) else {
        return true;
    };
    let normal = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    normal(&on_file.to_string()).eq_ignore_ascii_case(&normal(make))
}
