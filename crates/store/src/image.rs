//! Image metadata as stored (the pictures themselves are sealed blobs elsewhere).

use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldDate, FreeText, Imn, Lrn, Ori};
use leads_domain::files::FileKind;
use leads_domain::image::ImageType;

/// Where an image stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageStatus {
    Active,
    /// Cancelled (XIM) on this date; the picture is deleted, the number is kept.
    Cancelled(FieldDate),
}

/// A sealed blob: its id in the blob store and its data key wrapped by the master key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobRef {
    pub id: String,
    pub wrapped_key: String,
}

/// One image on a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub imn: Imn,
    pub lrn: Lrn,
    /// The record owner.
    pub ori: Ori,
    pub file: FileKind,
    pub image_type: ImageType,
    pub date: FieldDate,
    pub mis: Option<FreeText>,
    pub picture: BlobRef,
    pub thumbnail: BlobRef,
    /// Perceptual hash, 16 hex digits.
    pub phash: String,
    pub width: u32,
    pub height: u32,
    /// Size of the stored JPEG.
    pub bytes: u64,
    pub status: ImageStatus,
    pub entered_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A registrant record in the file and its newest active mugshot, if any (rule I3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrantPhoto {
    pub lrn: Lrn,
    pub ori: Ori,
    pub file: FileKind,
    pub newest: Option<(Imn, FieldDate)>,
}
