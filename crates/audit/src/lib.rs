#![doc = include_str!("../README.md")]

pub mod checkpoint;
pub mod merkle;
pub mod misuse;
pub mod verify;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One audited event, before it is sealed into the log.
///
/// AU-3 content: what (event, key, outcome, code), when (`at_micros`, UTC, 1/1,000,000 s),
/// where and who (ORI, operator, terminal), why (purpose and case number) and which records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Traces the entry to the reply the operator saw.
    pub operation_id: String,
    /// UTC microseconds since the Unix epoch.
    pub at_micros: i64,
    /// `transaction`, `sign_in`, `sign_out`, …
    pub event: String,
    pub operator: Option<String>,
    pub terminal: Option<String>,
    /// The agency the operator acted for.
    pub ori: Option<String>,
    /// Message key.
    pub key: Option<String>,
    /// Purpose code of an inquiry (D1).
    pub purpose: Option<String>,
    /// Case or incident number of an inquiry (D1).
    pub case_number: Option<String>,
    /// `accepted`, `rejected`, `refused` or `failed`.
    pub outcome: String,
    /// Stable reply code.
    pub code: String,
    /// Rule ids that decided a refusal.
    pub rules: Vec<String>,
    /// The regulation each deciding rule comes from, in the order of `rules`. Left out of the
    /// canonical encoding when empty, so entries written before it existed still verify.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<String>,
    /// LEADS record numbers entered, changed or returned.
    pub records: Vec<String>,
    /// What was asked (inquiry criteria) or what failed.
    pub detail: String,
}

/// Version of the canonical encoding.
pub const ENCODING_VERSION: u32 = 1;

#[derive(Serialize)]
struct Canonical<'a> {
    v: u32,
    seq: u64,
    #[serde(flatten)]
    entry: &'a AuditEntry,
}

/// An entry with its place in the log, its canonical bytes and its leaf hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedEntry {
    pub seq: u64,
    pub entry: AuditEntry,
    /// The canonical encoding the leaf hash covers.
    pub canonical: String,
    /// RFC 6962 leaf hash, lower-case hex.
    pub leaf_hash: String,
}

/// RFC 6962 §2.1 leaf hash: `SHA-256(0x00 || data)`.
pub fn leaf_hash(data: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(data);
    hasher.finalize().into()
}

impl AuditEntry {
    /// Seals the entry as number `seq` of the log.
    pub fn seal(self, seq: u64) -> SealedEntry {
        let canonical = serde_json::to_string(&Canonical {
            v: ENCODING_VERSION,
            seq,
            entry: &self,
        })
        .unwrap_or_default();
        let leaf_hash = hex::encode(leaf_hash(canonical.as_bytes()));
        SealedEntry {
            seq,
            entry: self,
            canonical,
            leaf_hash,
        }
    }
}

impl SealedEntry {
    /// Whether the stored hash is the hash of the stored canonical bytes, and the bytes say what
    /// the entry says.
    pub fn verify(&self) -> bool {
        let again = self.entry.clone().seal(self.seq);
        again.canonical == self.canonical && again.leaf_hash == self.leaf_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> AuditEntry {
        AuditEntry {
            operation_id: "op-1".into(),
            at_micros: 1_795_290_012_345_678,
            event: "transaction".into(),
            operator: Some("OP1".into()),
            terminal: Some("T1".into()),
            ori: Some("IL0160000".into()),
            key: Some("QW".into()),
            purpose: Some("C".into()),
            case_number: Some("2026-1".into()),
            outcome: "accepted".into(),
            code: "no_hit".into(),
            rules: vec![],
            citations: vec![],
            records: vec![],
            detail: "NAM/DOE, JOHN".into(),
        }
    }

    #[test]
    fn leaf_hash_is_rfc6962_with_the_zero_prefix() {
        // SHA-256 of the single byte 0x00: the RFC 6962 hash of an empty leaf.
        assert_eq!(
            hex::encode(leaf_hash(b"")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
    }

    #[test]
    fn canonical_encoding_is_stable_and_covers_the_sequence_number() {
        let sealed = entry().seal(7);
        assert!(
            sealed
                .canonical
                .starts_with(r#"{"v":1,"seq":7,"operation_id":"op-1","#),
            "{}",
            sealed.canonical
        );
        assert_eq!(sealed, entry().seal(7));
        assert_ne!(sealed.leaf_hash, entry().seal(8).leaf_hash);
        assert!(sealed.verify());
    }

    #[test]
    fn citations_are_sealed_when_present_and_absent_when_empty() {
        assert!(!entry().seal(1).canonical.contains("citations"));
        let mut refused = entry();
        refused.rules = vec!["S1".into()];
        refused.citations = vec!["20 Ill. Adm. Code 1240.50(b)(1)".into()];
        let sealed = refused.seal(1);
        assert!(
            sealed
                .canonical
                .contains(r#""citations":["20 Ill. Adm. Code 1240.50(b)(1)"]"#),
            "{}",
            sealed.canonical
        );
        assert!(sealed.verify());
    }

    #[test]
    fn any_change_breaks_verification() {
        let mut sealed = entry().seal(1);
        sealed.entry.operator = Some("SOMEONE ELSE".into());
        assert!(!sealed.verify());
        let mut sealed = entry().seal(1);
        sealed.canonical = sealed.canonical.replace("DOE", "ROE");
        assert!(!sealed.verify());
    }
}
