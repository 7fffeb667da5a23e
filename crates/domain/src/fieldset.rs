//! A set of validated field values, as carried by a message or held by a record.

use std::collections::BTreeMap;

use crate::error::FieldError;
use crate::fields::{Caution, FieldCode, FieldDate, ParseContext, PersonName, Race, Sex, Value};

/// Field values by code, in display order. Each code holds at most its
/// [`FieldCode::max_occurrences`] values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldSet(BTreeMap<FieldCode, Vec<Value>>);

impl FieldSet {
    /// An empty set.
    pub fn new() -> Self {
        FieldSet::default()
    }

    /// Adds a value; returns `false` (and adds nothing) when the field already holds as many
    /// values as it may.
    pub fn insert(&mut self, code: FieldCode, value: Value) -> bool {
        let values = self.0.entry(code).or_default();
        if values.len() >= code.max_occurrences() {
            return false;
        }
        values.push(value);
        true
    }

    /// Replaces every value of `code` with the values of the same code in `other`.
    pub fn overwrite_from(&mut self, other: &FieldSet) {
        for (code, values) in &other.0 {
            self.0.insert(*code, values.clone());
        }
    }

    /// Removes a field.
    pub fn remove(&mut self, code: FieldCode) -> Option<Vec<Value>> {
        self.0.remove(&code)
    }

    /// The first value of a field.
    pub fn get(&self, code: FieldCode) -> Option<&Value> {
        self.0.get(&code).and_then(|v| v.first())
    }

    /// Every value of a field.
    pub fn all(&self, code: FieldCode) -> &[Value] {
        self.0.get(&code).map(Vec::as_slice).unwrap_or_default()
    }

    /// True when the field has a value.
    pub fn contains(&self, code: FieldCode) -> bool {
        self.0.get(&code).is_some_and(|v| !v.is_empty())
    }

    /// The codes present, in display order.
    pub fn codes(&self) -> impl Iterator<Item = FieldCode> + '_ {
        self.0
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(c, _)| *c)
    }

    /// Every `(code, value)` pair in display order.
    pub fn iter(&self) -> impl Iterator<Item = (FieldCode, &Value)> + '_ {
        self.0
            .iter()
            .flat_map(|(c, values)| values.iter().map(move |v| (*c, v)))
    }

    /// True when no field has a value.
    pub fn is_empty(&self) -> bool {
        self.codes().next().is_none()
    }

    /// The canonical text of a field's first value.
    pub fn text(&self, code: FieldCode) -> Option<String> {
        self.get(code).map(ToString::to_string)
    }

    /// The name (NAM).
    pub fn name(&self) -> Option<&PersonName> {
        match self.get(FieldCode::Nam) {
            Some(Value::Name(name)) => Some(name),
            _ => None,
        }
    }

    /// The sex (SEX).
    pub fn sex(&self) -> Option<Sex> {
        match self.get(FieldCode::Sex) {
            Some(Value::Sex(sex)) => Some(*sex),
            _ => None,
        }
    }

    /// The race (RAC).
    pub fn race(&self) -> Option<Race> {
        match self.get(FieldCode::Rac) {
            Some(Value::Race(race)) => Some(*race),
            _ => None,
        }
    }

    /// A date field.
    pub fn date(&self, code: FieldCode) -> Option<FieldDate> {
        match self.get(code) {
            Some(Value::Date(date)) => Some(*date),
            _ => None,
        }
    }

    /// The caution and medical codes (CMC), most urgent first.
    pub fn cautions(&self) -> Vec<Caution> {
        let mut cautions: Vec<Caution> = self
            .all(FieldCode::Cmc)
            .iter()
            .filter_map(|v| match v {
                Value::Caution(c) => Some(*c),
                _ => None,
            })
            .collect();
        cautions.sort_by_key(|c| c.rank());
        cautions
    }

    /// The set as `(tag, canonical text)` pairs, the form it is stored in.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        self.iter()
            .map(|(c, v)| (c.tag().to_owned(), v.to_string()))
            .collect()
    }

    /// Reads stored pairs back. Unknown tags or failing values mean the storage was altered.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        ctx: &ParseContext,
    ) -> Result<FieldSet, FieldError> {
        let mut set = FieldSet::new();
        for (tag, text) in pairs {
            let code = FieldCode::from_tag(tag)
                .ok_or_else(|| FieldError::new("TAG", tag, crate::error::Edit::InvalidCode))?;
            let value = code.parse_value(text, ctx)?;
            set.insert(code, value);
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_limits_are_enforced_and_pairs_round_trip() {
        let ctx = ParseContext::stored();
        let mut set = FieldSet::new();
        assert!(set.insert(
            FieldCode::Nam,
            FieldCode::Nam.parse_value("DOE, JANE", &ctx).unwrap()
        ));
        assert!(!set.insert(
            FieldCode::Nam,
            FieldCode::Nam.parse_value("DOE, JOHN", &ctx).unwrap()
        ));
        for code in ["80", "00"] {
            assert!(set.insert(
                FieldCode::Cmc,
                FieldCode::Cmc.parse_value(code, &ctx).unwrap()
            ));
        }
        assert_eq!(set.cautions().first().unwrap().code(), "00");
        let pairs = set.to_pairs();
        let back = FieldSet::from_pairs(pairs.iter().map(|(t, v)| (t.as_str(), v.as_str())), &ctx)
            .unwrap();
        assert_eq!(back, set);
        assert_eq!(set.name().unwrap().to_string(), "DOE, JANE");
    }
}
