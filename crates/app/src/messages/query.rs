//! Inquiries: every criterion searched, hits merged, officer-safety cautions first.

use std::collections::BTreeMap;

use leads_domain::Record;
use leads_domain::codes::ReplyCode;
use leads_domain::search::{alias_matched, make_matches, plate_state_matches};
use leads_domain::transaction::{Criterion, Inquiry, RecordRef};
use leads_store::StoreTx;

use crate::Service;
use crate::messages::done::{Done, criteria_text};
use crate::runner::Refusal;

/// Orders hits: records with an officer-safety caution first (most urgent first), then records
/// with medical conditions, then the rest; newest entry first within each group.
pub(crate) fn hit_order(a: &Record, b: &Record) -> std::cmp::Ordering {
    let rank = |r: &Record| r.fields().cautions().first().map_or(u8::MAX, |c| c.rank());
    rank(a)
        .cmp(&rank(b))
        .then(b.entered_at().cmp(&a.entered_at()))
}

impl Service {
    pub(crate) async fn search(
        &self,
        tx: &mut dyn StoreTx,
        inquiry: &Inquiry,
    ) -> Result<Done, Refusal> {
        let files = inquiry.files();
        let limit = self.config.search_limit;
        let mut hits: BTreeMap<String, Record> = BTreeMap::new();
        let mut truncated = false;
        let mut alias_hits: BTreeMap<String, String> = BTreeMap::new();
        for criterion in inquiry.criteria() {
            let found = match criterion {
                Criterion::Record(RecordRef::Nic(nic)) => {
                    tx.record_by_nic(nic).await?.into_iter().collect()
                }
                Criterion::Record(RecordRef::Lrn(lrn)) => {
                    tx.record_by_lrn(lrn).await?.into_iter().collect()
                }
                Criterion::Record(RecordRef::Oca { .. }) => Vec::new(),
                Criterion::Person(person) => {
                    let query = person.query(files);
                    let found = tx.search_people(&query, limit).await?;
                    for record in &found {
                        if let Some(alias) = alias_matched(record, &query.phonetic) {
                            alias_hits.insert(record.lrn().to_string(), alias.to_string());
                        }
                    }
                    found
                }
                Criterion::Identifier {
                    code,
                    value,
                    state,
                    make,
                } => tx
                    .search_identifier(files, *code, value, limit)
                    .await?
                    .into_iter()
                    .filter(|r| plate_state_matches(r, state.as_deref()))
                    .filter(|r| make_matches(r, make.as_deref()))
                    .collect(),
            };
            truncated |= u32::try_from(found.len()).unwrap_or(u32::MAX) >= limit;
            for record in found {
                if record.status().is_in_file() && files.contains(&record.file()) {
                    hits.insert(record.lrn().to_string(), record);
                }
            }
        }
        let mut records: Vec<Record> = hits.into_values().collect();
        records.sort_by(hit_order);
        let criteria = Some(criteria_text(inquiry.fields()));
        if records.is_empty() {
            return Ok(Done {
                message: "NO RECORD".into(),
                records,
                criteria,
                ..Done::of(ReplyCode::NoHit)
            });
        }
        let plural = if records.len() == 1 { "" } else { "S" };
        let mut message = format!("{} RECORD{plural} FOUND", records.len());
        if truncated {
            message.push_str(&format!(
                " - SEARCH LIMIT {limit} REACHED, REFINE THE INQUIRY"
            ));
        }
        let mut images = Vec::new();
        for record in &records {
            for image in tx.images_of_record(record.lrn(), false).await? {
                images.push(crate::images::views::view(
                    &image,
                    record.nic().cloned(),
                    None,
                ));
            }
        }
        let alias_hits = records
            .iter()
            .filter_map(|r| {
                let lrn = r.lrn().to_string();
                alias_hits.remove(&lrn).map(|alias| (lrn, alias))
            })
            .collect();
        Ok(Done {
            message,
            records,
            criteria,
            images,
            alias_hits,
            ..Done::of(ReplyCode::Hit)
        })
    }
}
