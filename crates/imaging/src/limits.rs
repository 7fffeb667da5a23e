//! Upload limits, format sniffing and header-only dimension reading.

use crate::error::ImageError;

/// Upload limits.
///
/// The defaults are 5 MiB per upload, at most 6000 pixels wide and 6000 pixels high, and at most
/// 256 MiB for the decoded pixel buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted upload, in bytes.
    pub max_bytes: usize,
    /// Largest accepted width in pixels, as stored in the file (before orientation).
    pub max_width: u32,
    /// Largest accepted height in pixels, as stored in the file (before orientation).
    pub max_height: u32,
    /// Largest decoded pixel buffer the decoder may allocate, in bytes.
    pub max_alloc: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 5 * 1024 * 1024,
            max_width: 6000,
            max_height: 6000,
            max_alloc: 256 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// Refuses an empty upload or one larger than `max_bytes`.
    pub(crate) fn check_bytes(&self, len: usize) -> Result<(), ImageError> {
        if len == 0 {
            return Err(ImageError::Empty);
        }
        if len > self.max_bytes {
            return Err(ImageError::TooLarge {
                bytes: len,
                max: self.max_bytes,
            });
        }
        Ok(())
    }

    /// Refuses dimensions beyond `max_width` x `max_height`.
    pub(crate) fn check_dimensions(&self, width: u32, height: u32) -> Result<(), ImageError> {
        if width > self.max_width || height > self.max_height {
            return Err(ImageError::Dimensions {
                width,
                height,
                max_width: self.max_width,
                max_height: self.max_height,
            });
        }
        Ok(())
    }

    /// The limits handed to the `image` decoders, all set.
    pub(crate) fn decoder_limits(&self) -> image::Limits {
        let mut limits = self.alloc_only_limits();
        limits.max_image_width = Some(self.max_width);
        limits.max_image_height = Some(self.max_height);
        limits
    }

    /// Decoder limits with only the allocation cap, used while the header is inspected so
    /// that an oversized image is reported with its dimensions by [`Limits::check_dimensions`].
    pub(crate) fn alloc_only_limits(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_image_width = None;
        limits.max_image_height = None;
        limits.max_alloc = Some(self.max_alloc);
        limits
    }
}

/// The format an upload arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// JPEG (starts with `FF D8 FF`).
    Jpeg,
    /// PNG (starts with `89 50 4E 47 0D 0A 1A 0A`).
    Png,
}

impl SourceFormat {
    /// The upper-case name: `"JPEG"` or `"PNG"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
        }
    }

    /// Detects the format from the magic bytes at the start of `bytes`; nothing else is trusted.
    #[must_use]
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&JPEG_MAGIC) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(&PNG_MAGIC) {
            Some(Self::Png)
        } else {
            None
        }
    }

    pub(crate) fn image_format(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
        }
    }
}

impl std::fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

const JPEG_MAGIC: [u8; 3] = [0xFF, 0xD8, 0xFF];
const PNG_MAGIC: [u8; 8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

/// Reads the dimensions announced by the file header without decoding anything.
///
/// `None` when the header cannot be found; the decoder then reports the damage.
pub(crate) fn header_dimensions(bytes: &[u8], format: SourceFormat) -> Option<(u32, u32)> {
    match format {
        SourceFormat::Png => png_dimensions(bytes),
        SourceFormat::Jpeg => jpeg_dimensions(bytes),
    }
}

fn be_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let pair = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([*pair.first()?, *pair.get(1)?]))
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let quad: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(quad))
}

/// PNG: the first chunk must be `IHDR`, holding width and height as big-endian `u32`.
fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be_u32(bytes, 16)?, be_u32(bytes, 20)?))
}

/// Whether `marker` starts a frame header (SOF0..SOF15, leaving out DHT, JPG and DAC).
fn is_start_of_frame(marker: u8) -> bool {
    (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// Walks the JPEG marker segments from SOI up to the first frame header or start of scan.
/// Returns the position of the marker byte (after `FF`) and the marker.
fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    let mut at = 2usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // Skip to the next FF, then over fill bytes.
        while bytes.get(at).is_some_and(|&b| b != 0xFF) {
            at = at.checked_add(1)?;
        }
        while bytes.get(at) == Some(&0xFF) {
            at = at.checked_add(1)?;
        }
        let marker_at = at;
        let marker = *bytes.get(marker_at)?;
        at = at.checked_add(1)?;
        let standalone = matches!(marker, 0x01 | 0xD0..=0xD7);
        if matches!(marker, 0xD9 | 0xDA) {
            done = true;
        } else if !standalone {
            let length = usize::from(be_u16(bytes, at)?);
            at = at.checked_add(length)?;
        }
        Some((marker_at, marker))
    })
}

/// JPEG: the frame header (SOFn) holds precision, then height and width as big-endian `u16`.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let (at, _) = jpeg_segments(bytes).find(|&(_, marker)| is_start_of_frame(marker))?;
    // marker, length (2), precision (1), height (2), width (2)
    let height = be_u16(bytes, at.checked_add(4)?)?;
    let width = be_u16(bytes, at.checked_add(6)?)?;
    Some((u32::from(width), u32::from(height)))
}

/// Whether a JPEG has an end-of-image marker after its first scan.
///
/// Inside entropy-coded data every `FF` byte is followed by `00` or a restart marker, so `FF D9`
/// after the start of scan can only be the real end. A file cut short lacks it; without this
/// check the lenient decoder would fill the missing part with grey and the half picture would be
/// stored.
pub(crate) fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some((sos_at, _)) = jpeg_segments(bytes).find(|&(_, marker)| marker == 0xDA) else {
        return false;
    };
    bytes
        .get(sos_at..)
        .is_some_and(|rest| rest.windows(2).any(|pair| pair == [0xFF, 0xD9]))
}
