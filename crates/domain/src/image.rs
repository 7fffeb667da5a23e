//! Image transactions (rules I1, I2): enter (EIM), modify (MII), cancel (XIM) and query (QIM)
//! an image on an existing record. Construction is validation, as for [`crate::Transaction`].

use crate::fields::{CaseNumber, Code, CropBox, FieldCode, FieldDate, FreeText, Imn, Value};
use crate::fieldset::FieldSet;
use crate::files::KeySource;
use crate::rules::{PURPOSE_PARAGRAPH, RuleId};
use crate::transaction::{RecordRef, TransactionError};

/// What an image message does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageAction {
    Enter,
    Modify,
    Cancel,
    Query,
}

impl ImageAction {
    /// The stable name (audit, policy).
    pub fn name(self) -> &'static str {
        match self {
            ImageAction::Enter => "enter",
            ImageAction::Modify => "modify",
            ImageAction::Cancel => "cancel",
            ImageAction::Query => "query",
        }
    }
}

/// An image message key.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageKey {
    pub key: &'static str,
    pub action: ImageAction,
    pub name: &'static str,
    /// EIM, MII and XIM are named by the LEADS bulletin of 2023-02-16; QIM is ours.
    pub source: KeySource,
    /// Fields the key takes.
    pub fields: &'static [FieldCode],
    /// Fields it must have.
    pub mandatory: &'static [FieldCode],
}

use FieldCode::{
    Cas, Crp, Doc, Doi, Imn as ImnCode, Imt, Lrn as LrnCode, Mis, Nic as NicCode, Pur,
};

/// The image keys.
pub static IMAGE_KEYS: &[ImageKey] = &[
    ImageKey {
        key: "EIM",
        action: ImageAction::Enter,
        name: "ENTER IMAGE",
        source: KeySource::Leads,
        fields: &[NicCode, LrnCode, Imt, Doi, Mis, Crp],
        mandatory: &[Imt, Doi],
    },
    ImageKey {
        key: "MII",
        action: ImageAction::Modify,
        name: "MODIFY IMAGE",
        source: KeySource::Leads,
        fields: &[ImnCode, Doi, Mis, Crp],
        mandatory: &[ImnCode],
    },
    ImageKey {
        key: "XIM",
        action: ImageAction::Cancel,
        name: "CANCEL IMAGE",
        source: KeySource::Leads,
        fields: &[ImnCode, Doc],
        mandatory: &[ImnCode, Doc],
    },
    ImageKey {
        key: "QIM",
        action: ImageAction::Query,
        name: "QUERY IMAGE",
        source: KeySource::Leads,
        fields: &[ImnCode, NicCode, LrnCode, Pur, Cas],
        mandatory: &[],
    },
];

/// The image key for `text`, if it is one.
pub fn lookup_image_key(text: &str) -> Option<&'static ImageKey> {
    IMAGE_KEYS.iter().find(|k| k.key == text)
}

/// The image tag in formatted messages (the image itself, encoded, as the last field).
pub const IMAGE_TAG: &str = "IMG";

/// Image type (IMT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageType {
    Mugshot,
    Signature,
    Identifying,
}

impl ImageType {
    /// The IMT code.
    pub fn code(self) -> &'static str {
        match self {
            ImageType::Mugshot => "M",
            ImageType::Signature => "S",
            ImageType::Identifying => "I",
        }
    }

    /// From an IMT code.
    pub fn from_code(code: &str) -> Option<ImageType> {
        match code {
            "M" => Some(ImageType::Mugshot),
            "S" => Some(ImageType::Signature),
            "I" => Some(ImageType::Identifying),
            _ => None,
        }
    }

    /// The name shown to operators.
    pub fn name(self) -> &'static str {
        match self {
            ImageType::Mugshot => "MUGSHOT",
            ImageType::Signature => "SIGNATURE",
            ImageType::Identifying => "IDENTIFYING IMAGE",
        }
    }
}

/// EIM: a new image on a record named by NIC or LEADS number.
#[derive(Debug, Clone)]
pub struct ImageEntry {
    pub record: RecordRef,
    pub image_type: ImageType,
    pub date: FieldDate,
    pub mis: Option<FreeText>,
    pub crop: Option<CropBox>,
}

/// MII: a new date, new remarks, or a new picture (with its crop) for an image.
#[derive(Debug, Clone)]
pub struct ImageModification {
    pub imn: Imn,
    pub date: Option<FieldDate>,
    pub mis: Option<FreeText>,
    pub crop: Option<CropBox>,
    pub new_image: bool,
}

/// XIM: the image number and the date of cancellation.
#[derive(Debug, Clone)]
pub struct ImageCancel {
    pub imn: Imn,
    pub date: FieldDate,
}

/// What a QIM asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageQueryBy {
    /// One image, with its picture.
    Image(Imn),
    /// The list of a record's images.
    Record(RecordRef),
}

/// QIM: by image number or by record, with purpose and case number (D1).
#[derive(Debug, Clone)]
pub struct ImageQuery {
    pub by: ImageQueryBy,
    pub purpose: Code,
    pub case: CaseNumber,
}

/// A validated image transaction.
#[derive(Debug, Clone)]
pub enum ImageTransaction {
    Enter(ImageEntry),
    Modify(ImageModification),
    Cancel(ImageCancel),
    Query(ImageQuery),
}

fn missing(tag: &'static str, key: &'static ImageKey) -> TransactionError {
    TransactionError::Missing { tag, key: key.key }
}

fn text_of(fields: &FieldSet, code: FieldCode) -> Option<FreeText> {
    match fields.get(code) {
        Some(Value::Text(text)) => Some(text.clone()),
        _ => None,
    }
}

fn imn_of(fields: &FieldSet) -> Option<Imn> {
    match fields.get(ImnCode) {
        Some(Value::Imn(imn)) => Some(imn.clone()),
        _ => None,
    }
}

fn crop_of(fields: &FieldSet) -> Option<CropBox> {
    match fields.get(Crp) {
        Some(Value::Crop(crop)) => Some(*crop),
        _ => None,
    }
}

fn record_of(fields: &FieldSet) -> Option<RecordRef> {
    match (fields.get(NicCode), fields.get(LrnCode)) {
        (Some(Value::Nic(nic)), _) => Some(RecordRef::Nic(nic.clone())),
        (_, Some(Value::Lrn(lrn))) => Some(RecordRef::Lrn(lrn.clone())),
        _ => None,
    }
}

impl ImageTransaction {
    /// Builds an image transaction from its fields and whether an image came with it.
    pub fn build(
        key: &'static ImageKey,
        fields: &FieldSet,
        has_image: bool,
    ) -> Result<ImageTransaction, TransactionError> {
        if let Some(code) = fields.codes().find(|c| !key.fields.contains(c)) {
            return Err(TransactionError::NotAllowed {
                tag: code.tag(),
                key: key.key,
            });
        }
        if let Some(code) = key.mandatory.iter().find(|c| !fields.contains(**c)) {
            return Err(missing(code.tag(), key));
        }
        let takes_image = matches!(key.action, ImageAction::Enter | ImageAction::Modify);
        if has_image && !takes_image {
            return Err(TransactionError::NotAllowed {
                tag: IMAGE_TAG,
                key: key.key,
            });
        }
        if fields.contains(Crp) && !has_image {
            return Err(TransactionError::Missing {
                tag: IMAGE_TAG,
                key: "CRP",
            });
        }
        match key.action {
            ImageAction::Enter => {
                if !has_image {
                    return Err(missing(IMAGE_TAG, key));
                }
                let record = record_of(fields).ok_or(TransactionError::NoRecordReference {
                    key: key.key,
                    needs: "NIC OR LRN",
                })?;
                let image_type = match fields.get(Imt) {
                    Some(Value::Code(code)) => ImageType::from_code(code.code()),
                    _ => None,
                }
                .ok_or_else(|| missing("IMT", key))?;
                Ok(ImageTransaction::Enter(ImageEntry {
                    record,
                    image_type,
                    date: fields.date(Doi).ok_or_else(|| missing("DOI", key))?,
                    mis: text_of(fields, Mis),
                    crop: crop_of(fields),
                }))
            }
            ImageAction::Modify => {
                let imn = imn_of(fields).ok_or_else(|| missing("IMN", key))?;
                let date = fields.date(Doi);
                let mis = text_of(fields, Mis);
                if date.is_none() && mis.is_none() && !has_image {
                    return Err(TransactionError::NothingToModify);
                }
                Ok(ImageTransaction::Modify(ImageModification {
                    imn,
                    date,
                    mis,
                    crop: crop_of(fields),
                    new_image: has_image,
                }))
            }
            ImageAction::Cancel => Ok(ImageTransaction::Cancel(ImageCancel {
                imn: imn_of(fields).ok_or_else(|| missing("IMN", key))?,
                date: fields.date(Doc).ok_or_else(|| missing("DOC", key))?,
            })),
            ImageAction::Query => {
                let purpose = match fields.get(Pur) {
                    Some(Value::Code(code)) => Some(*code),
                    _ => None,
                };
                let case = match fields.get(Cas) {
                    Some(Value::Case(case)) => Some(case.clone()),
                    _ => None,
                };
                let (Some(purpose), Some(case)) = (purpose, case) else {
                    return Err(TransactionError::Rule {
                        rule: RuleId::D1.at(PURPOSE_PARAGRAPH),
                        detail: "EVERY INQUIRY MUST STATE ITS PURPOSE (PUR) AND CASE OR INCIDENT NUMBER (CAS)",
                    });
                };
                let by = match (imn_of(fields), record_of(fields)) {
                    (Some(imn), _) => ImageQueryBy::Image(imn),
                    (None, Some(record)) => ImageQueryBy::Record(record),
                    (None, None) => {
                        return Err(TransactionError::NoCriteria {
                            key: key.key,
                            needs: "IMN, NIC OR LRN",
                        });
                    }
                };
                Ok(ImageTransaction::Query(ImageQuery { by, purpose, case }))
            }
        }
    }

    /// The action.
    pub fn action(&self) -> ImageAction {
        match self {
            ImageTransaction::Enter(_) => ImageAction::Enter,
            ImageTransaction::Modify(_) => ImageAction::Modify,
            ImageTransaction::Cancel(_) => ImageAction::Cancel,
            ImageTransaction::Query(_) => ImageAction::Query,
        }
    }
}
