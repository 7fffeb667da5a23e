//! Image normalization for OpenLEADS (rule I4).
//!
//! "The operator sizes the photo into the frame before submitting; the stored image is
//! normalized." [`normalize`] turns an uploaded photo (field `IMG`) and the operator's crop
//! rectangle (field `CRP`) into the stored form:
//!
//! * JPEG or PNG only, recognised by magic bytes; size and pixel dimensions are limited
//!   ([`Limits`]) and checked from the header before anything is decoded;
//! * the EXIF orientation is applied, so crops refer to the image as the operator saw it;
//! * the crop must fit the [`Frame`]: 4:5 for a [`Frame::Mugshot`] (stored at 480x600), any
//!   shape for [`Frame::Free`] (signatures, scars, marks, tattoos; scaled down to fit 600x600);
//! * the result is a fresh baseline JPEG with no EXIF, comments or other metadata, plus a
//!   thumbnail and a [`PerceptualHash`] for spotting the same picture uploaded twice.
//!
//! The crate is pure: no I/O, no async, no clocks. [`synthetic_portrait`] draws obviously
//! synthetic faces for demonstrations.

mod crop;
mod document;
mod error;
mod flyer;
mod frame;
mod limits;
mod normalize;
mod pdf;
mod phash;
mod portrait;
mod rect;
mod splitmix;

pub use crop::{Crop, default_crop};
pub use document::text_pdf;
pub use error::ImageError;
pub use flyer::{FlyerText, flyer_pdf, wrap};
pub use frame::{
    FREE_MAX_SIDE, FREE_THUMB_MAX_SIDE, Frame, MUGSHOT_HEIGHT, MUGSHOT_THUMB_HEIGHT,
    MUGSHOT_THUMB_WIDTH, MUGSHOT_WIDTH,
};
pub use limits::{Limits, SourceFormat};
pub use normalize::{Normalized, STORED_QUALITY, THUMBNAIL_QUALITY, normalize};
pub use phash::{PerceptualHash, SAME_IMAGE_DISTANCE};
pub use portrait::{PORTRAIT_HEIGHT, PORTRAIT_WIDTH, synthetic_portrait};
