//! Image transactions through the pipeline (rules I1, I2, I4): identify → parse → normalize the
//! picture → (authorize → act → audit, in one database transaction) → respond. Pictures are
//! sealed into the blob store before the database transaction and removed again if it does not
//! commit; pictures an accepted transaction replaced or cancelled are deleted after it commits.

pub(crate) mod keys;
mod pictures;
pub(crate) mod views;

use leads_domain::Record;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::{FieldCode, FieldDate, Imn};
use leads_domain::image::{ImageQueryBy, ImageTransaction, ImageType};
use leads_domain::transaction::RecordRef;
use leads_imaging::{Crop, Frame, Normalized, PerceptualHash, SAME_IMAGE_DISTANCE};
use leads_message::ImageMessage;
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::{BlobRef, ImageStatus, StoreTx, StoredImage};
use leads_vault::BlobId;

use crate::Service;
use crate::images::views::view;
use crate::messages::done::Done;
use crate::runner::Refusal;

/// A normalized picture sealed in the blob store, not yet referenced by the database.
#[derive(Debug)]
pub(crate) struct SealedPicture {
    pub(crate) picture: BlobRef,
    pub(crate) thumbnail: BlobRef,
    phash: PerceptualHash,
    width: u32,
    height: u32,
    bytes: u64,
}

pub(super) fn frame_of(image_type: ImageType) -> Frame {
    match image_type {
        ImageType::Mugshot => Frame::Mugshot,
        ImageType::Signature | ImageType::Identifying => Frame::Free,
    }
}

pub(super) fn image_refusal(error: &leads_imaging::ImageError) -> Refusal {
    Refusal::rejected(error.code(), error.to_string())
}

pub(super) fn not_found(imn: &Imn) -> Refusal {
    Refusal::rejected(ReplyCode::ImageNotFound, format!("NOT ON FILE IMN/{imn}"))
}

impl Service {
    fn authorize_image(
        &self,
        principal: &Principal,
        message: &ImageMessage,
        record: &Record,
        now: Timestamp,
        inquiry: Option<(&str, &str)>,
    ) -> Result<(), Refusal> {
        let action = message.transaction.action();
        let target = Target::Record {
            file: record.file(),
            owner: record.ori(),
        };
        let mut request = AuthzRequest::new(principal, Act::Image(action), target, now.date())
            .in_name_of(&message.ori);
        if let Some((purpose, case_number)) = inquiry {
            request = request.for_case(purpose, case_number);
        }
        self.permit(&request, || {
            format!("NO POLICY PERMITS {} {}", action.name(), message.key.key)
        })
    }

    /// Acts on an image message; the blobs of a picture it replaces or cancels go to
    /// `replaced`, to be deleted once the act has committed.
    pub(crate) async fn act_image(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        message: &ImageMessage,
        sealed: Option<SealedPicture>,
        replaced: &mut Vec<String>,
        now: Timestamp,
    ) -> Result<Done, Refusal> {
        match &message.transaction {
            ImageTransaction::Enter(entry) => {
                let record = record_for(tx, &entry.record).await?;
                self.authorize_image(principal, message, &record, now, None)?;
                let sealed = sealed.ok_or_else(|| {
                    Refusal::rejected(ReplyCode::FieldMissing, "IMG MISSING - MANDATORY FOR EIM")
                })?;
                check_date(&record, entry.date)?;
                let active = tx.images_of_record(record.lrn(), false).await?;
                let limit = self.config.max_images_per_record;
                if active.len() >= limit {
                    return Err(Refusal::rejected(
                        ReplyCode::ImageLimit,
                        format!(
                            "{} HAS {} IMAGES - CANCEL ONE FIRST (LIMIT {limit})",
                            record.lrn(),
                            active.len()
                        ),
                    ));
                }
                let imn = assign_imn(tx, &record, entry.image_type).await?;
                let warnings = same_picture_warnings(tx, &record, sealed.phash).await?;
                let image = StoredImage {
                    imn: imn.clone(),
                    lrn: record.lrn().clone(),
                    ori: record.ori().clone(),
                    file: record.file(),
                    image_type: entry.image_type,
                    date: entry.date,
                    mis: entry.mis.clone(),
                    picture: sealed.picture,
                    thumbnail: sealed.thumbnail,
                    phash: sealed.phash.to_hex(),
                    width: sealed.width,
                    height: sealed.height,
                    bytes: sealed.bytes,
                    status: ImageStatus::Active,
                    entered_at: now,
                    updated_at: now,
                };
                tx.insert_image(&image).await?;
                crate::system::deadlines::registrant_photo_changed(tx, &image, now).await?;
                let attached = match record.nic() {
                    Some(nic) => format!("LRN/{} AND NIC/{nic}", record.lrn()),
                    None => format!("LRN/{} (LEADS ONLY)", record.lrn()),
                };
                Ok(image_done(
                    ReplyCode::ImageEntered,
                    format!(
                        "IMAGE ENTERED IMN/{imn} {} ATTACHED TO {attached}",
                        entry.image_type.name()
                    ),
                    &image,
                    &record,
                    warnings,
                ))
            }
            ImageTransaction::Modify(change) => {
                let mut image = active_image(tx, &change.imn).await?;
                let record = record_for(tx, &RecordRef::Lrn(image.lrn.clone())).await?;
                self.authorize_image(principal, message, &record, now, None)?;
                if let Some(date) = change.date {
                    check_date(&record, date)?;
                    image.date = date;
                }
                if let Some(mis) = &change.mis {
                    image.mis = Some(mis.clone());
                }
                let mut warnings = vec![];
                if let Some(sealed) = sealed {
                    warnings = same_picture_warnings(tx, &record, sealed.phash).await?;
                    *replaced = vec![image.picture.id.clone(), image.thumbnail.id.clone()];
                    image.picture = sealed.picture;
                    image.thumbnail = sealed.thumbnail;
                    image.phash = sealed.phash.to_hex();
                    image.width = sealed.width;
                    image.height = sealed.height;
                    image.bytes = sealed.bytes;
                }
                image.updated_at = now;
                tx.update_image(&image).await?;
                crate::system::deadlines::registrant_photo_changed(tx, &image, now).await?;
                Ok(image_done(
                    ReplyCode::ImageModified,
                    format!("IMAGE MODIFIED IMN/{}", image.imn),
                    &image,
                    &record,
                    warnings,
                ))
            }
            ImageTransaction::Cancel(cancel) => {
                let mut image = active_image(tx, &cancel.imn).await?;
                let record = record_for(tx, &RecordRef::Lrn(image.lrn.clone())).await?;
                self.authorize_image(principal, message, &record, now, None)?;
                if cancel.date < image.date {
                    return Err(Refusal::rejected(
                        ReplyCode::FieldEdit,
                        format!(
                            "DOC/{} BEFORE THE DATE OF IMAGE {}",
                            cancel.date, image.date
                        ),
                    ));
                }
                image.status = ImageStatus::Cancelled(cancel.date);
                image.updated_at = now;
                tx.update_image(&image).await?;
                crate::system::deadlines::registrant_photo_changed(tx, &image, now).await?;
                *replaced = vec![image.picture.id.clone(), image.thumbnail.id.clone()];
                Ok(image_done(
                    ReplyCode::ImageCancelled,
                    format!("IMAGE CANCELLED IMN/{} - PICTURE DELETED", image.imn),
                    &image,
                    &record,
                    vec![],
                ))
            }
            ImageTransaction::Query(query) => {
                let case = query.case.to_string();
                let context = Some((query.purpose.code(), case.as_str()));
                match &query.by {
                    ImageQueryBy::Image(imn) => {
                        let image = active_image(tx, imn).await?;
                        let record = record_for(tx, &RecordRef::Lrn(image.lrn.clone())).await?;
                        self.authorize_image(principal, message, &record, now, context)?;
                        let jpeg = self.open_picture(&image.picture).await?;
                        let mut done = image_done(
                            ReplyCode::Image,
                            format!("IMAGE IMN/{} OF LRN/{}", image.imn, image.lrn),
                            &image,
                            &record,
                            vec![],
                        );
                        done.images = vec![view(&image, record.nic().cloned(), Some(jpeg))];
                        Ok(done)
                    }
                    ImageQueryBy::Record(target) => {
                        let record = record_for(tx, target).await?;
                        self.authorize_image(principal, message, &record, now, context)?;
                        let images = tx.images_of_record(record.lrn(), false).await?;
                        let message = match images.len() {
                            0 => format!("NO IMAGE ON FILE FOR LRN/{}", record.lrn()),
                            n => format!("{n} IMAGE(S) ON LRN/{}", record.lrn()),
                        };
                        let code = if images.is_empty() {
                            ReplyCode::NoImage
                        } else {
                            ReplyCode::Images
                        };
                        Ok(Done {
                            message,
                            images: images
                                .iter()
                                .map(|i| view(i, record.nic().cloned(), None))
                                .collect(),
                            audit_records: vec![record.lrn().to_string()],
                            ..Done::of(code)
                        })
                    }
                }
            }
        }
    }
}

fn image_done(
    code: ReplyCode,
    message: String,
    image: &StoredImage,
    record: &Record,
    warnings: Vec<String>,
) -> Done {
    let mut detail = format!(
        "IMN/{} LRN/{} IMT/{} DOI/{}",
        image.imn,
        image.lrn,
        image.image_type.code(),
        image.date
    );
    if let ImageStatus::Cancelled(on) = image.status {
        detail.push_str(&format!(" DOC/{on}"));
    }
    Done {
        message,
        criteria: Some(detail),
        images: vec![view(image, record.nic().cloned(), None)],
        warnings,
        audit_records: vec![record.lrn().to_string()],
        ..Done::of(code)
    }
}

/// The record an image message names; it must be in the file.
async fn record_for(tx: &mut dyn StoreTx, target: &RecordRef) -> Result<Record, Refusal> {
    let found = match target {
        RecordRef::Nic(nic) => tx.record_by_nic(nic).await?,
        RecordRef::Lrn(lrn) => tx.record_by_lrn(lrn).await?,
        RecordRef::Oca { .. } => None,
    };
    let record = found.ok_or_else(|| {
        Refusal::rejected(ReplyCode::RecordNotFound, format!("NOT ON FILE {target}"))
    })?;
    if !record.status().is_in_file() {
        return Err(Refusal::rejected(
            ReplyCode::RecordNotInFile,
            format!(
                "{} IS {} - NO IMAGE TRANSACTIONS",
                record.lrn(),
                record.status().name().to_uppercase()
            ),
        ));
    }
    Ok(record)
}

async fn active_image(tx: &mut dyn StoreTx, imn: &Imn) -> Result<StoredImage, Refusal> {
    tx.image(imn)
        .await?
        .filter(|i| i.status == ImageStatus::Active)
        .ok_or_else(|| not_found(imn))
}

/// The date of image may not precede the subject's date of birth.
fn check_date(record: &Record, date: FieldDate) -> Result<(), Refusal> {
    match record.fields().date(FieldCode::Dob) {
        Some(dob) if date < dob => Err(Refusal::rejected(
            ReplyCode::FieldEdit,
            format!("DOI/{date} BEFORE THE DATE OF BIRTH {dob}"),
        )),
        _ => Ok(()),
    }
}

/// Rule I2: NCIC-style numbers for records shared with NCIC, the LEADS number and two
/// characters for LEADS-only records.
async fn assign_imn(
    tx: &mut dyn StoreTx,
    record: &Record,
    image_type: ImageType,
) -> Result<Imn, Refusal> {
    let exhausted = || {
        Refusal::rejected(
            ReplyCode::NumberExhausted,
            "IMAGE NUMBERS EXHAUSTED FOR THIS RECORD",
        )
    };
    if record.nic().is_some() {
        let serial = tx.next_serial("imn:ncic").await?;
        return Imn::ncic(serial).ok_or_else(exhausted);
    }
    let counter = format!("imn:{}:{}", record.lrn(), image_type.code());
    // Counters start at 1; the first image of a type is sequence 0 (`…M0`).
    let serial = tx.next_serial(&counter).await?.saturating_sub(1);
    let imn = u32::try_from(serial)
        .ok()
        .and_then(|s| Imn::leads(record.lrn(), image_type.code(), s))
        .ok_or_else(exhausted)?;
    Ok(imn)
}

/// Warns when the same picture is already attached to another record (rule I4).
async fn same_picture_warnings(
    tx: &mut dyn StoreTx,
    record: &Record,
    phash: PerceptualHash,
) -> Result<Vec<String>, Refusal> {
    Ok(tx
        .image_hashes(record.lrn())
        .await?
        .into_iter()
        .filter(|(_, _, hex)| {
            PerceptualHash::from_hex(hex).is_some_and(|h| h.distance(phash) <= SAME_IMAGE_DISTANCE)
        })
        .map(|(imn, lrn, _)| {
            format!("SAME PICTURE AS IMN/{imn} ON LRN/{lrn} - CONFIRM THE IDENTITY")
        })
        .collect())
}
