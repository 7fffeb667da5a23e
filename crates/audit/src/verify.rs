//! The export format (JSON Lines) and its verification with nothing but the log's public key.
//!
//! ```text
//! {"type":"header","format":"openleads-audit","version":1,"base_size":0,"base_frontier":[]}
//! {"type":"entry","seq":1,"leaf_hash":"…","entry":"{\"v\":1,\"seq\":1,…}"}
//! …
//! {"type":"checkpoint","size":1,"root":"…","at_micros":…,"key_id":"…","signature":"…"}
//! ```
//! Entries appear in sequence; each checkpoint follows the entry it ends at. A log pruned of old
//! entries starts at `base_size + 1`, and the header carries the right edge of the pruned tree
//! so the roots of later checkpoints can still be computed.

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

use crate::checkpoint::Checkpoint;
use crate::merkle::{Frontier, Hash};
use crate::{AuditEntry, leaf_hash};

/// The format name in the header.
pub const FORMAT: &str = "openleads-audit";

/// One line of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ExportLine {
    Header {
        format: String,
        version: u32,
        /// Entries pruned before the first one here.
        base_size: u64,
        /// The right edge of the pruned tree: `(height, hash hex)`, largest first.
        base_frontier: Vec<(u32, String)>,
    },
    Entry {
        seq: u64,
        leaf_hash: String,
        /// The canonical encoding the leaf hash covers.
        entry: String,
    },
    Checkpoint(Checkpoint),
}

/// What is wrong, and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The first entry that cannot be trusted.
    pub first_seq: u64,
    /// What was found.
    pub what: String,
}

/// The result of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub entries: u64,
    pub checkpoints: u64,
    /// Entries after the last checkpoint (not yet covered by a signature).
    pub unsigned_tail: u64,
    pub problem: Option<Problem>,
}

impl Report {
    /// Whether everything checked out.
    pub fn ok(&self) -> bool {
        self.problem.is_none()
    }
}

#[derive(Debug)]
struct Verifier<'a> {
    key: &'a VerifyingKey,
    frontier: Frontier,
    base: u64,
    last_good_checkpoint: u64,
    entries: u64,
    checkpoints: u64,
}

impl Verifier<'_> {
    fn next_seq(&self) -> u64 {
        self.frontier.size() + 1
    }

    fn entry(&mut self, seq: u64, stored_hash: &str, canonical: &str) -> Result<(), Problem> {
        let expected = self.next_seq();
        if seq < expected {
            return Err(Problem {
                first_seq: seq,
                what: format!(
                    "entry {seq} appears again or out of order after entry {}",
                    expected - 1
                ),
            });
        }
        if seq > expected {
            return Err(Problem {
                first_seq: expected,
                what: format!("entries {expected} to {} are missing", seq - 1),
            });
        }
        let parsed: Option<(u64, AuditEntry)> =
            serde_json::from_str::<serde_json::Value>(canonical)
                .ok()
                .and_then(|v| Some((v.get("seq")?.as_u64()?, serde_json::from_value(v).ok()?)));
        let Some((encoded_seq, entry)) = parsed else {
            return Err(Problem {
                first_seq: seq,
                what: format!("entry {seq} is not a readable audit entry"),
            });
        };
        if encoded_seq != seq {
            return Err(Problem {
                first_seq: seq,
                what: format!("entry {seq} carries the number {encoded_seq}: moved"),
            });
        }
        if entry.seal(seq).canonical != canonical {
            return Err(Problem {
                first_seq: seq,
                what: format!("entry {seq} is not in canonical form: altered"),
            });
        }
        let hash = leaf_hash(canonical.as_bytes());
        if hex::encode(hash) != stored_hash {
            return Err(Problem {
                first_seq: seq,
                what: format!("entry {seq} was changed (its leaf hash does not match)"),
            });
        }
        self.frontier.push(hash);
        self.entries += 1;
        Ok(())
    }

    fn checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), Problem> {
        let after_good = self.last_good_checkpoint + 1;
        checkpoint.verify(self.key).map_err(|e| Problem {
            first_seq: after_good,
            what: e.to_string(),
        })?;
        if checkpoint.size > self.frontier.size() {
            return Err(Problem {
                first_seq: self.next_seq(),
                what: format!(
                    "the log ends at entry {} but a signed checkpoint covers {}: truncated",
                    self.frontier.size(),
                    checkpoint.size
                ),
            });
        }
        if checkpoint.size < self.frontier.size() {
            return Err(Problem {
                first_seq: checkpoint.size + 1,
                what: format!("checkpoint of size {} is out of place", checkpoint.size),
            });
        }
        if checkpoint.root_hash() != Some(self.frontier.root()) {
            return Err(Problem {
                first_seq: after_good,
                what: format!(
                    "entries {after_good} to {} do not match the signed checkpoint of size {}: changed, inserted or removed",
                    checkpoint.size, checkpoint.size
                ),
            });
        }
        self.last_good_checkpoint = checkpoint.size;
        self.checkpoints += 1;
        Ok(())
    }
}

/// Verifies an export line by line, as the lines come.
#[derive(Debug)]
pub struct StreamVerifier<'a> {
    inner: Verifier<'a>,
    lines: usize,
    problem: Option<Problem>,
}

impl<'a> StreamVerifier<'a> {
    /// A verifier for a log signed with `key`.
    pub fn new(key: &'a VerifyingKey) -> StreamVerifier<'a> {
        let inner = Verifier {
            key,
            frontier: Frontier::new(),
            base: 0,
            last_good_checkpoint: 0,
            entries: 0,
            checkpoints: 0,
        };
        StreamVerifier {
            inner,
            lines: 0,
            problem: None,
        }
    }

    /// Checks the next line; after the first problem further lines are ignored. Returns whether
    /// everything is still in order.
    pub fn line(&mut self, line: &ExportLine) -> bool {
        if self.problem.is_some() {
            return false;
        }
        let first = self.lines == 0;
        self.lines += 1;
        let v = &mut self.inner;
        let result = match line {
            ExportLine::Header {
                format,
                base_size,
                base_frontier,
                ..
            } if first && format == FORMAT => {
                let nodes: Option<Vec<(u32, Hash)>> = base_frontier
                    .iter()
                    .map(|(h, hash)| {
                        hex::decode(hash)
                            .ok()
                            .and_then(|b| b.try_into().ok())
                            .map(|b| (*h, b))
                    })
                    .collect();
                match nodes.and_then(|n| Frontier::from_parts(*base_size, n)) {
                    Some(frontier) => {
                        v.frontier = frontier;
                        v.base = *base_size;
                        v.last_good_checkpoint = *base_size;
                        Ok(())
                    }
                    None => Err(Problem {
                        first_seq: base_size + 1,
                        what: "the header's pruned-tree edge is malformed".into(),
                    }),
                }
            }
            ExportLine::Header { .. } => Err(Problem {
                first_seq: v.next_seq(),
                what: "unexpected header line".into(),
            }),
            ExportLine::Entry {
                seq,
                leaf_hash,
                entry,
            } => v.entry(*seq, leaf_hash, entry),
            ExportLine::Checkpoint(checkpoint) => v.checkpoint(checkpoint),
        };
        if let Err(problem) = result {
            self.problem = Some(problem);
        }
        self.problem.is_none()
    }

    /// Records a line that could not be read.
    pub fn unreadable(&mut self, detail: &str) {
        if self.problem.is_none() {
            self.problem = Some(Problem {
                first_seq: self.inner.next_seq(),
                what: format!("unreadable line: {detail}"),
            });
        }
    }

    /// The verdict.
    pub fn finish(self) -> Report {
        Report {
            entries: self.inner.entries,
            checkpoints: self.inner.checkpoints,
            unsigned_tail: self
                .inner
                .frontier
                .size()
                .saturating_sub(self.inner.last_good_checkpoint),
            problem: self.problem,
        }
    }
}

/// Verifies an export given as text lines; stops at the first problem.
pub fn verify_lines(lines: impl IntoIterator<Item = String>, key: &VerifyingKey) -> Report {
    let mut verifier = StreamVerifier::new(key);
    for (number, line) in lines.into_iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<ExportLine>(&line) {
            Ok(parsed) => {
                if !verifier.line(&parsed) {
                    break;
                }
            }
            Err(e) => {
                verifier.unreadable(&format!("line {}: {e}", number + 1));
                break;
            }
        }
    }
    verifier.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    fn entry(i: u64) -> AuditEntry {
        AuditEntry {
            operation_id: format!("op-{i}"),
            at_micros: i64::try_from(i).unwrap() * 1_000_000,
            event: "transaction".into(),
            operator: Some(format!("OP{}", i % 3)),
            terminal: Some("T1".into()),
            ori: Some("IL0160000".into()),
            key: Some("QW".into()),
            purpose: Some("C".into()),
            case_number: Some(format!("2026-{i}")),
            outcome: "accepted".into(),
            code: "no_hit".into(),
            rules: vec![],
            citations: vec![],
            records: vec![],
            detail: format!("NAM/DOE, JOHN{i}"),
        }
    }

    /// An export of `n` entries with a checkpoint after every `every`.
    fn export(n: u64, every: u64, key: &SigningKey) -> Vec<String> {
        let mut lines = vec![
            serde_json::to_string(&ExportLine::Header {
                format: FORMAT.into(),
                version: 1,
                base_size: 0,
                base_frontier: vec![],
            })
            .unwrap(),
        ];
        let mut frontier = Frontier::new();
        for seq in 1..=n {
            let sealed = entry(seq).seal(seq);
            frontier.push(leaf_hash(sealed.canonical.as_bytes()));
            lines.push(
                serde_json::to_string(&ExportLine::Entry {
                    seq,
                    leaf_hash: sealed.leaf_hash,
                    entry: sealed.canonical,
                })
                .unwrap(),
            );
            if seq % every == 0 {
                let checkpoint = Checkpoint::sign(seq, &frontier.root(), 0, key);
                lines.push(serde_json::to_string(&ExportLine::Checkpoint(checkpoint)).unwrap());
            }
        }
        lines
    }

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[9; 32])
    }

    fn verify(lines: Vec<String>) -> Report {
        verify_lines(lines, &key().verifying_key())
    }

    /// The line index of entry `seq` in an export with a checkpoint every 5.
    fn line_of(seq: u64) -> usize {
        usize::try_from(seq + (seq - 1) / 5).unwrap()
    }

    #[test]
    fn an_untouched_export_verifies() {
        let report = verify(export(12, 5, &key()));
        assert!(report.ok(), "{report:?}");
        assert_eq!(
            (report.entries, report.checkpoints, report.unsigned_tail),
            (12, 2, 2)
        );
    }

    #[test]
    fn an_edited_entry_is_found_exactly() {
        let mut lines = export(12, 5, &key());
        let i = line_of(7);
        lines[i] = lines[i].replace("OP1", "OP2");
        let problem = verify(lines).problem.unwrap();
        assert_eq!(problem.first_seq, 7);
        assert!(problem.what.contains("changed"), "{problem:?}");
    }

    #[test]
    fn an_edit_with_a_recomputed_leaf_hash_is_caught_by_the_checkpoint() {
        let mut lines = export(12, 5, &key());
        let i = line_of(7);
        let ExportLine::Entry {
            seq,
            entry: canonical,
            ..
        } = serde_json::from_str(&lines[i]).unwrap()
        else {
            panic!()
        };
        let edited = canonical.replace("OP1", "OP2");
        let forged = ExportLine::Entry {
            seq,
            leaf_hash: hex::encode(leaf_hash(edited.as_bytes())),
            entry: edited,
        };
        lines[i] = serde_json::to_string(&forged).unwrap();
        let problem = verify(lines).problem.unwrap();
        assert_eq!(
            problem.first_seq, 6,
            "the first entry after the last good checkpoint"
        );
        assert!(
            problem
                .what
                .contains("entries 6 to 10 do not match the signed checkpoint of size 10"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_removed_entry_is_found_exactly() {
        let mut lines = export(12, 5, &key());
        lines.remove(line_of(4));
        let problem = verify(lines).problem.unwrap();
        assert_eq!(problem.first_seq, 4);
        assert!(problem.what.contains("missing"));
    }

    #[test]
    fn an_inserted_entry_is_found() {
        let mut lines = export(12, 5, &key());
        let copy = lines[line_of(3)].clone();
        lines.insert(line_of(4), copy);
        let problem = verify(lines).problem.unwrap();
        assert_eq!(problem.first_seq, 3);
        assert!(problem.what.contains("appears again"));
    }

    #[test]
    fn reordered_entries_are_found() {
        let mut lines = export(12, 5, &key());
        lines.swap(line_of(8), line_of(9));
        let problem = verify(lines).problem.unwrap();
        assert_eq!(problem.first_seq, 8);
        assert!(
            problem.what.contains("missing") || problem.what.contains("out of order"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_renumbered_entry_is_found() {
        let mut lines = export(12, 5, &key());
        let i = line_of(2);
        let ExportLine::Entry {
            seq,
            leaf_hash,
            entry: canonical,
        } = serde_json::from_str(&lines[i]).unwrap()
        else {
            panic!()
        };
        let renumbered = canonical.replacen(r#""seq":2,"#, r#""seq":3,"#, 1);
        assert_ne!(renumbered, canonical);
        lines[i] = serde_json::to_string(&ExportLine::Entry {
            seq,
            leaf_hash,
            entry: renumbered,
        })
        .unwrap();
        let problem = verify(lines).problem.unwrap();
        assert_eq!(problem.first_seq, 2);
        assert!(problem.what.contains("moved"), "{problem:?}");
    }

    #[test]
    fn a_truncated_export_is_found() {
        let mut lines = export(10, 5, &key());
        let last_checkpoint = lines.pop().unwrap();
        lines.truncate(line_of(8));
        lines.push(last_checkpoint);
        let problem = verify(lines).problem.unwrap();
        assert!(problem.what.contains("truncated"), "{problem:?}");
        assert_eq!(problem.first_seq, 8);
    }

    #[test]
    fn a_forged_checkpoint_is_found() {
        let mut lines = export(10, 5, &key());
        let i = lines.len() - 1;
        let ExportLine::Checkpoint(mut checkpoint) = serde_json::from_str(&lines[i]).unwrap()
        else {
            panic!()
        };
        checkpoint.root = hex::encode([1u8; 32]);
        lines[i] = serde_json::to_string(&ExportLine::Checkpoint(checkpoint)).unwrap();
        let problem = verify(lines).problem.unwrap();
        assert!(problem.what.contains("does not verify"), "{problem:?}");
        // A checkpoint signed with another key is not accepted either.
        let other = export(10, 5, &SigningKey::from_bytes(&[8; 32]));
        assert!(verify(other).problem.unwrap().what.contains("another key"));
    }

    #[test]
    fn a_pruned_log_still_verifies_from_its_base() {
        let lines = export(12, 5, &key());
        let mut frontier = Frontier::new();
        for seq in 1..=5 {
            frontier.push(leaf_hash(entry(seq).seal(seq).canonical.as_bytes()));
        }
        let header = ExportLine::Header {
            format: FORMAT.into(),
            version: 1,
            base_size: 5,
            base_frontier: frontier
                .nodes()
                .iter()
                .map(|(h, hash)| (*h, hex::encode(hash)))
                .collect(),
        };
        let mut pruned = vec![serde_json::to_string(&header).unwrap()];
        pruned.extend(lines.into_iter().skip(line_of(6)));
        let report = verify(pruned);
        assert!(report.ok(), "{report:?}");
        assert_eq!((report.entries, report.checkpoints), (7, 1));
    }
}
