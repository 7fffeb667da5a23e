//! Acting on a transaction inside the open database transaction: authorize against the record,
//! then enter, modify, cancel, clear or locate.

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::{Lrn, Nic, Ori};
use leads_domain::files::{Action, MessageKey};
use leads_domain::search::{RecordIndex, duplicate_keys};
use leads_domain::transaction::{Entry, RecordRef};
use leads_domain::{Record, Transaction};
use leads_message::Message;
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::{StoreError, StoreTx};

use crate::Service;
use crate::messages::done::Done;
use crate::runner::Refusal;
use crate::system::deadlines;

impl Service {
    pub(crate) async fn act(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        message: &Message,
        now: Timestamp,
    ) -> Result<Done, Refusal> {
        let key = &message.key;
        match &message.transaction {
            Transaction::Enter(entry) => {
                self.authorize(principal, key, &message.ori, None, now, None)?;
                let mut done = enter(tx, entry, &message.ori, now).await?;
                if let Some(record) = done.records.first() {
                    let retention = self
                        .config
                        .retention_days
                        .iter()
                        .find(|(file, _)| *file == record.file())
                        .map(|(_, days)| *days);
                    deadlines::record_entered(tx, record, retention).await?;
                    if let Some(warning) =
                        crate::records::timeliness::check_entry(tx, record).await?
                    {
                        done.warnings.push(warning);
                    }
                }
                Ok(done)
            }
            Transaction::Modify(m) => {
                let record = resolve(tx, key, &message.ori, m.target()).await?;
                self.authorize(principal, key, &message.ori, Some(record.ori()), now, None)?;
                let changed = record.modified(&record.changes_from(m)?, now)?;
                let new_keys: Vec<String> = RecordIndex::of(&changed)
                    .duplicate_keys
                    .into_iter()
                    .filter(|k| !RecordIndex::of(&record).duplicate_keys.contains(k))
                    .collect();
                if let Some(other) = tx.record_by_duplicate_key(&new_keys).await? {
                    return Err(on_file(other));
                }
                write(tx, &changed, RecordIndex::of(&changed)).await?;
                crate::records::timeliness::check_modify(tx, &record, &changed).await?;
                let serious = Some(leads_domain::deadline::DeadlineKind::SeriousError);
                tx.close_deadlines(changed.lrn().as_str(), serious, now, "CORRECTED BY MODIFY")
                    .await?;
                Ok(done(
                    ReplyCode::Modified,
                    format!("MODIFIED {}", changed.lrn()),
                    changed,
                ))
            }
            Transaction::Cancel(r) | Transaction::Clear(r) => {
                let record = resolve(tx, key, &message.ori, r.target()).await?;
                self.authorize(principal, key, &message.ori, Some(record.ori()), now, None)?;
                record.confirm(r.identified_by())?;
                let (removed, code, word) = if key.action == Action::Cancel {
                    (
                        record.cancelled(r.date(), r.reason().clone(), now)?,
                        ReplyCode::Cancelled,
                        "CANCELLED",
                    )
                } else {
                    (
                        record.cleared(r.date(), r.reason().clone(), now)?,
                        ReplyCode::Cleared,
                        "CLEARED",
                    )
                };
                write(tx, &removed, RecordIndex::default()).await?;
                deadlines::record_removed(tx, removed.lrn(), &format!("RECORD {word}"), now)
                    .await?;
                Ok(done(code, format!("{word} {}", removed.lrn()), removed))
            }
            Transaction::Locate(l) => {
                let record = resolve(tx, key, &message.ori, l.target()).await?;
                self.authorize(principal, key, &message.ori, Some(record.ori()), now, None)?;
                record.confirm(l.identified_by())?;
                let located = record.located(&message.ori, l.date(), l.case().clone(), now)?;
                write(tx, &located, RecordIndex::of(&located)).await?;
                deadlines::record_located(tx, &located).await?;
                Ok(done(
                    ReplyCode::Located,
                    format!(
                        "LOCATED {} - OWNER {} NOTIFIED",
                        located.lrn(),
                        located.ori()
                    ),
                    located,
                ))
            }
            Transaction::Query(inquiry) => {
                let case = inquiry.case().to_string();
                let context = (inquiry.purpose().code(), case.as_str());
                self.authorize(principal, key, &message.ori, None, now, Some(context))?;
                self.search(tx, inquiry).await
            }
        }
    }

    fn authorize(
        &self,
        principal: &Principal,
        key: &MessageKey,
        ori: &Ori,
        owner: Option<&Ori>,
        now: Timestamp,
        inquiry: Option<(&str, &str)>,
    ) -> Result<(), Refusal> {
        let file = key.file.kind;
        let target = match owner {
            Some(owner) => Target::Record { file, owner },
            None => Target::File(file),
        };
        let mut request =
            AuthzRequest::new(principal, Act::Transaction(key.action), target, now.date())
                .in_name_of(ori);
        if let Some((purpose, case_number)) = inquiry {
            request = request.for_case(purpose, case_number);
        }
        self.permit(&request, || {
            format!("NO POLICY PERMITS {} {}", key.action.name(), key.key)
        })
    }
}

fn done(code: ReplyCode, message: String, record: Record) -> Done {
    Done {
        message,
        records: vec![record],
        criteria: None,
        ..Done::of(code)
    }
}

/// `REJECT ON FILE` with the record on file.
fn on_file(existing: Record) -> Refusal {
    let mut refusal = Refusal::rejected(ReplyCode::RejectOnFile, "REJECT ON FILE");
    refusal.records.push(existing);
    refusal
}

/// A write refused by the unique index on duplicate keys (another transaction got there first):
/// `REJECT ON FILE`, with the record fetched after the rollback; any other failure as it is.
fn write_refusal(error: StoreError, keys: Vec<String>) -> Refusal {
    match error {
        StoreError::Conflict(_) => {
            let mut refusal = Refusal::rejected(ReplyCode::RejectOnFile, "REJECT ON FILE");
            refusal.on_file_keys = keys;
            refusal
        }
        other => other.into(),
    }
}

async fn write(tx: &mut dyn StoreTx, record: &Record, index: RecordIndex) -> Result<(), Refusal> {
    tx.update_record(record, &index)
        .await
        .map_err(|e| write_refusal(e, index.duplicate_keys))
}

pub(crate) async fn enter(
    tx: &mut dyn StoreTx,
    entry: &Entry,
    ori: &Ori,
    now: Timestamp,
) -> Result<Done, Refusal> {
    let keys = duplicate_keys(entry.file(), ori.as_str(), entry.fields());
    if let Some(existing) = tx.record_by_duplicate_key(&keys).await? {
        return Err(on_file(existing));
    }
    let spec = entry.file().spec();
    let year = now.date().year();
    let serial = tx
        .next_serial(&format!("lrn:{}:{year}", spec.lrn_prefix))
        .await?;
    let lrn = Lrn::assign(spec.lrn_prefix, year, serial).ok_or_else(|| {
        Refusal::rejected(
            ReplyCode::NumberExhausted,
            "LEADS RECORD NUMBERS EXHAUSTED FOR THIS YEAR",
        )
    })?;
    let nic = match spec.nic_prefix {
        Some(prefix) => {
            let serial = tx.next_serial(&format!("nic:{prefix}")).await?;
            Some(Nic::assign(prefix, serial).ok_or_else(|| {
                Refusal::rejected(ReplyCode::NumberExhausted, "NCIC NUMBERS EXHAUSTED")
            })?)
        }
        None => None,
    };
    let record = Record::new(entry, ori.clone(), lrn, nic, now);
    let index = RecordIndex::of(&record);
    if let Err(error) = tx.insert_record(&record, &index).await {
        return Err(write_refusal(error, index.duplicate_keys));
    }
    let mut message = format!("ENTERED {} LRN/{}", entry.entry_key().name, record.lrn());
    if let Some(nic) = record.nic() {
        message.push_str(&format!(" NIC/{nic}"));
    }
    Ok(done(ReplyCode::Entered, message, record))
}

/// Finds the record a message names; OCA look-ups are within the sending agency's records.
async fn resolve(
    tx: &mut dyn StoreTx,
    key: &MessageKey,
    ori: &Ori,
    target: &RecordRef,
) -> Result<Record, Refusal> {
    let found = match target {
        RecordRef::Nic(nic) => tx.record_by_nic(nic).await?,
        RecordRef::Lrn(lrn) => tx.record_by_lrn(lrn).await?,
        RecordRef::Oca { oca, name } => {
            let mut candidates: Vec<Record> = tx
                .records_by_oca(key.file.kind, ori, oca)
                .await?
                .into_iter()
                .filter(|r| r.status().is_in_file())
                .filter(|r| name.as_ref().is_none_or(|n| r.fields().name() == Some(n)))
                .collect();
            if candidates.len() > 1 {
                return Err(Refusal::rejected(
                    ReplyCode::RecordAmbiguous,
                    format!(
                        "{} RECORDS MATCH {target} - USE NIC OR LRN",
                        candidates.len()
                    ),
                ));
            }
            candidates.pop()
        }
    };
    let record = found.ok_or_else(|| {
        Refusal::rejected(ReplyCode::RecordNotFound, format!("NOT ON FILE {target}"))
    })?;
    if record.file() != key.file.kind {
        return Err(Refusal::rejected(
            ReplyCode::RecordWrongFile,
            format!(
                "{target} IS A {} RECORD, NOT {}",
                record.file().name(),
                key.file.name
            ),
        ));
    }
    Ok(record)
}
