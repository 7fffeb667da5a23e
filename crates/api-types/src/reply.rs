//! Transaction replies as JSON.

use leads_domain::reply::{Reason, Reply};
use leads_domain::{Record, RecordStatus};
use serde::{Deserialize, Serialize};

use crate::ReplyHeader;

/// A rule that decided a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonBody {
    pub rule: String,
    pub citation: String,
    pub text: String,
}

impl From<&Reason> for ReasonBody {
    fn from(reason: &Reason) -> ReasonBody {
        ReasonBody {
            rule: reason.rule.clone(),
            citation: reason.citation.clone(),
            text: reason.text.clone(),
        }
    }
}

/// A caution or medical condition (CMC), shown first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CautionBody {
    pub code: String,
    pub meaning: String,
    pub officer_safety: bool,
}

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldBody {
    pub tag: String,
    pub value: String,
}

/// Where a record stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusBody {
    /// `active`, `located`, `cleared` or `cancelled`.
    pub state: String,
    /// The date given with a locate, clear or cancel (`ccyymmdd`).
    pub date: Option<String>,
    /// The locating agency.
    pub ori: Option<String>,
    /// The locating agency's case number.
    pub case: Option<String>,
    /// The reason given with a clear or cancel.
    pub reason: Option<String>,
}

/// A record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordBody {
    /// Cautions first, as on the terminal.
    pub cautions: Vec<CautionBody>,
    /// For a hit found by an alias (AKA) rather than by the name: that alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_hit: Option<String>,
    pub lrn: String,
    pub nic: Option<String>,
    pub file: String,
    pub record_type: String,
    pub entry_key: String,
    pub ori: String,
    pub status: StatusBody,
    pub fields: Vec<FieldBody>,
    pub entered_at: String,
    pub updated_at: String,
}

/// The JSON reply to a transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyBody {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    pub key: Option<String>,
    pub ori: Option<String>,
    pub records: Vec<RecordBody>,
    pub criteria: Option<String>,
    /// Images entered, changed or asked for; for a record inquiry, the images of each hit.
    #[serde(default)]
    pub images: Vec<ImageBody>,
    /// Things the operator should know that did not stop the transaction.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The same reply as terminal text.
    pub text: String,
}

/// An image on a record (rules I1, I2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageBody {
    pub imn: String,
    pub lrn: String,
    /// The NCIC record the image is also attached to, if any.
    pub nic: Option<String>,
    pub owner: String,
    /// `M`, `S` or `I`.
    pub image_type: String,
    /// Date of image, ccyymmdd.
    pub date: String,
    pub mis: Option<String>,
    pub width: u32,
    pub height: u32,
    /// The stored JPEG (standard base64), for a query by image number.
    pub image_base64: Option<String>,
}

impl From<&leads_domain::reply::ImageView> for ImageBody {
    fn from(image: &leads_domain::reply::ImageView) -> ImageBody {
        ImageBody {
            imn: image.imn.to_string(),
            lrn: image.lrn.to_string(),
            nic: image.nic.as_ref().map(ToString::to_string),
            owner: image.owner.to_string(),
            image_type: image.image_type.code().into(),
            date: image.date.to_string(),
            mis: image.mis.as_ref().map(ToString::to_string),
            width: image.width,
            height: image.height,
            image_base64: image.jpeg.as_ref().map(|b| data_encoding::BASE64.encode(b)),
        }
    }
}

impl From<&Record> for RecordBody {
    fn from(record: &Record) -> RecordBody {
        let status = match record.status() {
            RecordStatus::Active => StatusBody {
                state: "active".into(),
                date: None,
                ori: None,
                case: None,
                reason: None,
            },
            RecordStatus::Located(l) => StatusBody {
                state: "located".into(),
                date: Some(l.date.to_string()),
                ori: Some(l.ori.to_string()),
                case: Some(l.case.to_string()),
                reason: None,
            },
            RecordStatus::Cleared(r) | RecordStatus::Cancelled(r) | RecordStatus::Retired(r) => {
                StatusBody {
                    state: record.status().name().into(),
                    date: Some(r.date.to_string()),
                    ori: None,
                    case: None,
                    reason: Some(r.reason.to_string()),
                }
            }
        };
        RecordBody {
            alias_hit: None,
            cautions: record
                .fields()
                .cautions()
                .into_iter()
                .map(|c| CautionBody {
                    code: c.code().into(),
                    meaning: c.meaning().into(),
                    officer_safety: c.is_officer_safety(),
                })
                .collect(),
            lrn: record.lrn().to_string(),
            nic: record.nic().map(ToString::to_string),
            file: record.file().storage_name().into(),
            record_type: record.entry_key().name.into(),
            entry_key: record.entry_key().key.into(),
            ori: record.ori().to_string(),
            status,
            fields: record
                .fields()
                .to_pairs()
                .into_iter()
                .map(|(tag, value)| FieldBody { tag, value })
                .collect(),
            entered_at: record.entered_at().to_string(),
            updated_at: record.updated_at().to_string(),
        }
    }
}

impl From<&Reply> for ReplyBody {
    fn from(reply: &Reply) -> ReplyBody {
        ReplyBody {
            header: ReplyHeader::of(reply),
            key: reply.key.clone(),
            ori: reply.ori.clone(),
            records: reply
                .records
                .iter()
                .map(|record| {
                    let mut body = RecordBody::from(record);
                    let lrn = record.lrn().to_string();
                    body.alias_hit = reply
                        .alias_hits
                        .iter()
                        .find(|(l, _)| *l == lrn)
                        .map(|(_, alias)| alias.clone());
                    body
                })
                .collect(),
            criteria: reply.criteria.clone(),
            images: reply.images.iter().map(ImageBody::from).collect(),
            warnings: reply.warnings.clone(),
            text: leads_message::render_reply(reply),
        }
    }
}

/// `GET /api/v1/images/due`: registrant photos to replace (rule I3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotosDueBody {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    /// The agency listed; null for every agency (`?ori=ALL`).
    pub ori: Option<String>,
    /// Photos coming due within this many days are listed too.
    pub notice_days: i64,
    pub photos: Vec<PhotoDueBody>,
}

/// One registrant record whose photo is missing, overdue or coming due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoDueBody {
    pub lrn: String,
    pub ori: String,
    pub file: String,
    pub newest_imn: Option<String>,
    pub newest_date: Option<String>,
    /// One year after the newest mugshot's date of image; null when there is none.
    pub due: Option<String>,
    /// `missing`, `overdue` or `due`.
    pub standing: String,
}
