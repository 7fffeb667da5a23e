//! The errors `normalize` and `Crop::parse` report.
//!
//! Messages follow the terminal style of NCIC error replies: upper case, starting with the
//! message field at fault. The photo travels in field `IMG`, the crop rectangle in field `CRP`.

use crate::rect::Crop;
use leads_domain::codes::ReplyCode;

/// Why an upload could not be turned into a stored image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// The upload has no bytes at all.
    #[error("IMG EMPTY")]
    Empty,
    /// The upload is larger than [`crate::Limits::max_bytes`].
    #[error("IMG {bytes} BYTES EXCEEDS {max}")]
    TooLarge {
        /// Size of the upload in bytes.
        bytes: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// The bytes are neither a JPEG nor a PNG file (decided by magic bytes only).
    #[error("IMG NOT JPEG OR PNG")]
    UnsupportedFormat,
    /// The header announces more pixels than the limits allow; nothing was decoded.
    #[error("IMG {width}X{height} PIXELS EXCEEDS {max_width}X{max_height}")]
    Dimensions {
        /// Width announced by the file header.
        width: u32,
        /// Height announced by the file header.
        height: u32,
        /// The width limit.
        max_width: u32,
        /// The height limit.
        max_height: u32,
    },
    /// The decoder rejected the file (truncated data, lying header, bad checksum, memory limit).
    /// The detail is upper case.
    #[error("IMG TRUNCATED OR CORRUPT - {0}")]
    Corrupt(String),
    /// The crop rectangle does not lie inside the (orientation-corrected) image.
    #[error("CRP/{crop} OUTSIDE THE {width}X{height} IMAGE")]
    CropOutside {
        /// The rejected rectangle.
        crop: Crop,
        /// Width of the image as the operator sees it.
        width: u32,
        /// Height of the image as the operator sees it.
        height: u32,
    },
    /// A mugshot crop is not 4:5 (width:height) within 2 %.
    #[error("CRP/{crop} MUST BE 4:5 (WIDTH:HEIGHT)")]
    CropAspect {
        /// The rejected rectangle.
        crop: Crop,
    },
    /// The crop rectangle is too small to make a usable stored image for its frame.
    #[error("CRP/{crop} SMALLER THAN {min_width}X{min_height}")]
    CropTooSmall {
        /// The rejected rectangle.
        crop: Crop,
        /// Minimum width for the frame.
        min_width: u32,
        /// Minimum height for the frame.
        min_height: u32,
    },
    /// The `CRP` text is not four decimal numbers `X,Y,WIDTH,HEIGHT` with a non-zero size.
    /// Holds the offending text (shortened, control characters replaced).
    #[error("CRP/{} MUST BE X,Y,WIDTH,HEIGHT", .0.to_uppercase())]
    CropSyntax(String),
    /// Encoding the stored JPEG failed. The detail is upper case.
    #[error("IMG ENCODING FAILED - {0}")]
    Encode(String),
}

impl ImageError {
    /// A stable snake_case code for the error, for APIs and audit records.
    #[must_use]
    pub fn code(&self) -> leads_domain::codes::ReplyCode {
        match self {
            Self::Empty => ReplyCode::ImageEmpty,
            Self::TooLarge { .. } => ReplyCode::ImageTooLarge,
            Self::UnsupportedFormat => ReplyCode::ImageUnsupported,
            Self::Dimensions { .. } => ReplyCode::ImageDimensions,
            Self::Corrupt(_) => ReplyCode::ImageCorrupt,
            Self::CropOutside { .. } => ReplyCode::CropOutside,
            Self::CropAspect { .. } => ReplyCode::CropAspect,
            Self::CropTooSmall { .. } => ReplyCode::CropTooSmall,
            Self::CropSyntax(_) => ReplyCode::CropMalformed,
            Self::Encode(_) => ReplyCode::ImageEncode,
        }
    }

    /// A [`ImageError::Corrupt`] whose detail is upper-cased and kept to one short line.
    pub(crate) fn corrupt(detail: impl AsRef<str>) -> Self {
        Self::Corrupt(terminal_text(detail.as_ref()))
    }

    /// An [`ImageError::Encode`] whose detail is upper-cased and kept to one short line.
    pub(crate) fn encode(detail: impl AsRef<str>) -> Self {
        Self::Encode(terminal_text(detail.as_ref()))
    }
}

/// Longest detail text carried in an error message.
const MAX_DETAIL_CHARS: usize = 120;

/// Upper-cases `text`, replaces control characters with spaces and shortens it to
/// [`MAX_DETAIL_CHARS`] characters, so that it fits a terminal line.
pub(crate) fn terminal_text(text: &str) -> String {
    text.chars()
        .take(MAX_DETAIL_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_uppercase()
}
