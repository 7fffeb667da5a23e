//! Terminal text for replies, in the NCIC manner: upper case, `TAG/value` fields wrapped at 80
//! columns, and officer-safety caution lines before anything else.

use std::fmt::Write;

use leads_domain::codes::ReplyCode;
use leads_domain::fields::FieldCode;
use leads_domain::files::FileKind;
use leads_domain::reply::{Outcome, Reply};
use leads_domain::{Record, RecordStatus};

const WIDTH: usize = 80;

fn wrap(out: &mut String, items: impl IntoIterator<Item = String>) {
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.len() + 1 + item.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&item);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
}

fn caution_lines(out: &mut String, record: &Record) {
    for caution in record.fields().cautions() {
        let kind = if caution.is_officer_safety() {
            "CAUTION"
        } else {
            "MEDICAL"
        };
        let _ = writeln!(
            out,
            "***** {kind} - {} (CMC/{}) *****",
            caution.meaning(),
            caution.code()
        );
    }
}

fn hit_note(record: &Record) -> String {
    let ori = record.ori();
    match record.file() {
        FileKind::Wanted => format!(
            "A HIT IS NOT PROBABLE CAUSE. CONFIRM WARRANT AND EXTRADITION WITH ORI {ori} BEFORE ACTING"
        ),
        FileKind::SexOffender | FileKind::Voay => {
            "REGISTRANT RECORD - NOT A WARRANT. DO NOT DETAIN ON THIS RECORD ALONE".to_owned()
        }
        _ => format!("A HIT IS NOT PROBABLE CAUSE. CONFIRM WITH ORI {ori} BEFORE ACTING"),
    }
}

/// A record as the terminal shows it.
pub fn render_record(record: &Record) -> String {
    let mut out = String::new();
    caution_lines(&mut out, record);
    let status = match record.status() {
        RecordStatus::Active => String::new(),
        other => format!(" - {}", other.name().to_ascii_uppercase()),
    };
    let _ = writeln!(out, "MKE/{}{status}", record.entry_key().name);
    let mut ids = vec![format!("LRN/{}", record.lrn())];
    if let Some(nic) = record.nic() {
        ids.push(format!("NIC/{nic}"));
    }
    ids.push(format!("ORI/{}", record.ori()));
    wrap(&mut out, ids);
    wrap(
        &mut out,
        record
            .fields()
            .iter()
            .filter(|(code, _)| *code != FieldCode::Cmc)
            .map(|(code, value)| format!("{code}/{value}")),
    );
    match record.status() {
        RecordStatus::Active => {}
        RecordStatus::Located(l) => {
            let _ = writeln!(
                out,
                "LOCATED BY ORI/{} DOL/{} LCA/{}",
                l.ori, l.date, l.case
            );
        }
        RecordStatus::Cleared(r) => {
            let _ = writeln!(out, "CLEARED DCL/{} RPS/{}", r.date, r.reason);
        }
        RecordStatus::Cancelled(r) => {
            let _ = writeln!(out, "CANCELLED DOC/{} RPS/{}", r.date, r.reason);
        }
        RecordStatus::Retired(r) => {
            let _ = writeln!(out, "RETIRED {} RPS/{}", r.date, r.reason);
        }
    }
    let _ = writeln!(
        out,
        "DTE/{} DLU/{}",
        record.entered_at(),
        record.updated_at()
    );
    out
}

fn headline(reply: &Reply) -> String {
    let key = reply.key.as_deref().unwrap_or("---");
    let ori = reply.ori.as_deref().unwrap_or("---------");
    format!("{key}.{ori}")
}

/// A reply as terminal text.
pub fn render_reply(reply: &Reply) -> String {
    let mut out = String::new();
    let head = headline(reply);
    match reply.outcome {
        Outcome::Accepted if reply.code == ReplyCode::Hit => {
            let cautioned = reply
                .records
                .iter()
                .filter(|r| !r.fields().cautions().is_empty())
                .count();
            if cautioned > 0 {
                let _ = writeln!(
                    out,
                    "***** CAUTION - {cautioned} OF THESE RECORDS CARRY CAUTION INDICATORS *****"
                );
            }
            let _ = writeln!(out, "{head} {}", reply.message);
            for record in &reply.records {
                out.push_str("--------\n");
                let lrn = record.lrn().to_string();
                if let Some((_, alias)) = reply.alias_hits.iter().find(|(l, _)| *l == lrn) {
                    let _ = writeln!(out, "ALIAS HIT - FOUND BY AKA/{alias}, NOT BY NAME");
                }
                out.push_str(&render_record(record));
                for image in reply.images.iter().filter(|i| &i.lrn == record.lrn()) {
                    out.push_str(&render_image(image));
                }
                let _ = writeln!(out, "{}", hit_note(record));
            }
        }
        Outcome::Accepted => {
            let _ = writeln!(out, "{head} {}", reply.message);
            if let (Some(criteria), ReplyCode::NoHit) = (&reply.criteria, reply.code) {
                let _ = writeln!(out, "{criteria}");
            }
            for record in &reply.records {
                out.push_str(&render_record(record));
            }
            for image in &reply.images {
                out.push_str(&render_image(image));
            }
        }
        Outcome::Rejected => {
            let _ = writeln!(out, "REJECT {head} {}", reply.message);
            for record in &reply.records {
                out.push_str(&render_record(record));
            }
        }
        Outcome::Refused => {
            let _ = writeln!(out, "REFUSED {head} {}", reply.message);
            for reason in &reply.reasons {
                if reason.text == reply.message {
                    let _ = writeln!(out, "RULE {} - {}", reason.rule, reason.citation);
                } else {
                    let _ = writeln!(
                        out,
                        "RULE {} - {}: {}",
                        reason.rule, reason.citation, reason.text
                    );
                }
            }
        }
        Outcome::Failed => {
            let _ = writeln!(out, "FAILED {head} {} - NOTHING WAS CHANGED", reply.message);
        }
    }
    for warning in &reply.warnings {
        let _ = writeln!(out, "WARNING - {warning}");
    }
    let _ = writeln!(out, "OPN/{} {}", reply.operation_id, reply.at);
    out
}

/// One image line (number, type, date, the records it is attached to, remarks), and the picture
/// itself as an `IMG/` field when the reply carries it.
pub fn render_image(image: &leads_domain::reply::ImageView) -> String {
    let mut out = format!(
        "IMN/{}.IMT/{}.DOI/{}.LRN/{}",
        image.imn,
        image.image_type.code(),
        image.date,
        image.lrn
    );
    if let Some(nic) = &image.nic {
        let _ = write!(out, ".NIC/{nic}");
    }
    if let Some(mis) = &image.mis {
        let _ = write!(out, ".MIS/{mis}");
    }
    out.push('\n');
    if let Some(jpeg) = &image.jpeg {
        let _ = writeln!(out, "IMG/{}", crate::grammar::encode_attachment(jpeg));
    }
    out
}
