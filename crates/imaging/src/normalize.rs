//! Upload -> stored image: sniff, decode under limits, orient, crop, scale, re-encode, hash.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage};

use crate::crop::{Crop, default_crop};
use crate::error::ImageError;
use crate::frame::Frame;
use crate::limits::{Limits, SourceFormat, header_dimensions, jpeg_is_complete};
use crate::phash::PerceptualHash;

/// JPEG quality of the stored image.
pub const STORED_QUALITY: u8 = 90;
/// JPEG quality of the thumbnail.
pub const THUMBNAIL_QUALITY: u8 = 80;

/// The stored form of an upload.
#[derive(Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The stored image: baseline JPEG, quality 90, no metadata segments except the JFIF APP0
    /// header the encoder writes (no EXIF, no comments, no ICC profile).
    pub jpeg: Vec<u8>,
    /// The thumbnail: baseline JPEG, quality 80, likewise without metadata.
    pub thumbnail: Vec<u8>,
    /// Width of `jpeg` in pixels.
    pub width: u32,
    /// Height of `jpeg` in pixels.
    pub height: u32,
    /// The format of the upload.
    pub source_format: SourceFormat,
    /// Width of the upload after its orientation was applied.
    pub source_width: u32,
    /// Height of the upload after its orientation was applied.
    pub source_height: u32,
    /// An EXIF orientation other than 1 (normal) was found and applied.
    pub orientation_applied: bool,
    /// Perceptual hash of the stored image.
    pub phash: PerceptualHash,
}

impl std::fmt::Debug for Normalized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalized")
            .field("jpeg_bytes", &self.jpeg.len())
            .field("thumbnail_bytes", &self.thumbnail.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("source_format", &self.source_format)
            .field("source_width", &self.source_width)
            .field("source_height", &self.source_height)
            .field("orientation_applied", &self.orientation_applied)
            .field("phash", &self.phash)
            .finish()
    }
}

/// Turns an uploaded photo into its stored form (rule I4).
///
/// 1. Refuses empty input and input over `limits.max_bytes`.
/// 2. Detects JPEG or PNG by magic bytes only.
/// 3. Reads the dimensions from the file header and refuses images over the limits before
///    anything is decoded; then decodes with the `image` limits set (`max_alloc` included).
/// 4. Applies the EXIF orientation, so the image is upright as the operator saw it.
/// 5. Crops to `crop` (validated against the oriented image and the frame) or to
///    [`default_crop`] when none is given.
/// 6. Flattens transparency onto white, scales to the frame's stored size and encodes a
///    metadata-free JPEG and thumbnail.
/// 7. Computes the perceptual hash of the stored image.
///
/// # Errors
/// Every [`ImageError`] except [`ImageError::CropSyntax`]; never panics on any input.
pub fn normalize(
    bytes: &[u8],
    frame: Frame,
    crop: Option<Crop>,
    limits: &Limits,
) -> Result<Normalized, ImageError> {
    limits.check_bytes(bytes.len())?;
    let source_format = SourceFormat::sniff(bytes).ok_or(ImageError::UnsupportedFormat)?;
    let (image, orientation_applied) = decode(bytes, source_format, limits)?;
    let (source_width, source_height) = (image.width(), image.height());

    let crop = crop.unwrap_or_else(|| default_crop(frame, source_width, source_height));
    crop.validate(frame, source_width, source_height)?;

    let rgb = flatten(image);
    let cropped =
        imageops::crop_imm(&rgb, crop.x(), crop.y(), crop.width(), crop.height()).to_image();
    drop(rgb);
    let (width, height) = frame.stored_size(cropped.width(), cropped.height());
    let stored = scale(cropped, width, height);
    let (thumb_width, thumb_height) = frame.thumbnail_size(width, height);
    let thumb = imageops::resize(&stored, thumb_width, thumb_height, FilterType::Lanczos3);

    let jpeg = encode_jpeg(&stored, STORED_QUALITY)?;
    let thumbnail = encode_jpeg(&thumb, THUMBNAIL_QUALITY)?;
    let phash = PerceptualHash::of(&DynamicImage::ImageRgb8(stored));

    Ok(Normalized {
        jpeg,
        thumbnail,
        width,
        height,
        source_format,
        source_width,
        source_height,
        orientation_applied,
        phash,
    })
}

/// Decodes under the limits and applies the EXIF orientation. Returns the upright image and
/// whether an orientation other than normal was applied.
fn decode(
    bytes: &[u8],
    format: SourceFormat,
    limits: &Limits,
) -> Result<(DynamicImage, bool), ImageError> {
    // Header only: a decompression bomb is refused before any decoder exists.
    if let Some((width, height)) = header_dimensions(bytes, format) {
        limits.check_dimensions(width, height)?;
    }
    if format == SourceFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(ImageError::corrupt(
            "JPEG ENDS BEFORE ITS END-OF-IMAGE MARKER",
        ));
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits.alloc_only_limits());
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    limits.check_dimensions(width, height)?;
    decoder
        .set_limits(limits.decoder_limits())
        .map_err(decode_error)?;
    let needed = decoder.total_bytes();
    if needed > limits.max_alloc {
        return Err(ImageError::corrupt(format!(
            "DECODED IMAGE NEEDS {needed} BYTES, LIMIT {}",
            limits.max_alloc
        )));
    }

    // A damaged EXIF block is not worth refusing the photo for: treat it as "normal".
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    if image.width() == 0 || image.height() == 0 {
        return Err(ImageError::corrupt("IMAGE HAS NO PIXELS"));
    }
    image.apply_orientation(orientation);
    Ok((image, orientation != Orientation::NoTransforms))
}

/// Maps a decoder failure to [`ImageError::Corrupt`] with the decoder's description.
fn decode_error(error: image::ImageError) -> ImageError {
    ImageError::corrupt(error.to_string())
}

/// Converts to 8-bit RGB; transparent areas (signatures are often transparent PNGs) are
/// composited onto white rather than left as the black the raw colour channels usually hold.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (source, target) in rgba.pixels().zip(out.pixels_mut()) {
        let [r, g, b, a] = source.0;
        let alpha = u32::from(a);
        let over_white = |c: u8| -> u8 {
            let value = (u32::from(c) * alpha + 255 * (255 - alpha) + 127) / 255;
            u8::try_from(value).unwrap_or(u8::MAX)
        };
        target.0 = [over_white(r), over_white(g), over_white(b)];
    }
    out
}

/// Scales to exactly `width` x `height` (a no-op when the size already matches).
fn scale(image: RgbImage, width: u32, height: u32) -> RgbImage {
    if image.dimensions() == (width, height) {
        image
    } else {
        imageops::resize(&image, width, height, FilterType::CatmullRom)
    }
}

/// Encodes a baseline JPEG with no metadata beyond the JFIF header.
fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .map_err(|error| ImageError::encode(error.to_string()))?;
    Ok(out)
}
