//! The crop rectangle the operator chose, and its validation against a frame.

use crate::error::{ImageError, terminal_text};
use crate::frame::Frame;
pub use crate::rect::Crop;

/// Longest `CRP` text echoed back in a [`ImageError::CropSyntax`] error.
const MAX_ECHO_CHARS: usize = 40;

impl Crop {
    /// A rectangle with its top-left corner at (`x`, `y`).
    ///
    /// # Errors
    /// [`ImageError::CropSyntax`] when `width` or `height` is zero.
    pub fn new(x: u32, y: u32, width: u32, height: u32) -> Result<Self, ImageError> {
        if width == 0 || height == 0 {
            return Err(ImageError::CropSyntax(format!("{x},{y},{width},{height}")));
        }
        Ok(Self {
            x,
            y,
            width,
            height,
        })
    }

    /// Parses `X,Y,W,H` (four unsigned decimal numbers; spaces around the text and around each
    /// number are ignored), the `CRP` field of a message.
    ///
    /// # Errors
    /// [`ImageError::CropSyntax`] for anything else, including a zero width or height.
    pub fn parse(text: &str) -> Result<Self, ImageError> {
        let malformed = || {
            let echo: String = text.trim().chars().take(MAX_ECHO_CHARS).collect();
            ImageError::CropSyntax(terminal_text(&echo))
        };
        let mut numbers = [0u32; 4];
        let mut parts = text.trim().split(',');
        for slot in &mut numbers {
            let part = parts.next().ok_or_else(malformed)?.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            *slot = part.parse().map_err(|_| malformed())?;
        }
        if parts.next().is_some() {
            return Err(malformed());
        }
        let [x, y, width, height] = numbers;
        Self::new(x, y, width, height).map_err(|_| malformed())
    }

    /// Checks the rectangle against an image of `width` x `height` (as the operator sees it)
    /// and the rules of `frame`: inside the image, then (mugshots) 4:5, then large enough.
    pub(crate) fn validate(self, frame: Frame, width: u32, height: u32) -> Result<(), ImageError> {
        let right = u64::from(self.x) + u64::from(self.width);
        let bottom = u64::from(self.y) + u64::from(self.height);
        if right > u64::from(width) || bottom > u64::from(height) {
            return Err(ImageError::CropOutside {
                crop: self,
                width,
                height,
            });
        }
        if frame == Frame::Mugshot && !is_four_by_five(self.width, self.height) {
            return Err(ImageError::CropAspect { crop: self });
        }
        let (min_width, min_height) = frame.min_crop();
        if self.width < min_width || self.height < min_height {
            return Err(ImageError::CropTooSmall {
                crop: self,
                min_width,
                min_height,
            });
        }
        Ok(())
    }
}

/// Whether `width:height` is 4:5 within 2 %.
///
/// The ratio `w/h` may differ from `4/5` by at most 2 % of `4/5`:
/// `|w/h - 4/5| <= 0.02 * 4/5`, which multiplied by `5h` gives `|5w - 4h| <= 0.08h`, checked in
/// integers as `|5w - 4h| * 50 <= 4h`. A 400x500 crop passes, so do 404x500 and 396x500;
/// 410x500 and 400x400 do not.
fn is_four_by_five(width: u32, height: u32) -> bool {
    let five_w = u64::from(width) * 5;
    let four_h = u64::from(height) * 4;
    five_w.abs_diff(four_h) * 50 <= four_h
}

/// The crop used when the operator sent none: for [`Frame::Mugshot`] the largest centred 4:5
/// rectangle of a `width` x `height` image, for [`Frame::Free`] the whole image.
///
/// Sides are at least 1 pixel even for a degenerate image size.
#[must_use]
pub fn default_crop(frame: Frame, width: u32, height: u32) -> Crop {
    let (width, height) = (width.max(1), height.max(1));
    let (crop_width, crop_height) = match frame {
        Frame::Free => (width, height),
        Frame::Mugshot => {
            if u64::from(width) * 5 >= u64::from(height) * 4 {
                // Wider than 4:5: full height, width 4/5 of it.
                let w = u64::from(height) * 4 / 5;
                (u32::try_from(w).unwrap_or(width).clamp(1, width), height)
            } else {
                // Taller than 4:5: full width, height 5/4 of it.
                let h = u64::from(width) * 5 / 4;
                (width, u32::try_from(h).unwrap_or(height).clamp(1, height))
            }
        }
    };
    Crop {
        x: (width - crop_width) / 2,
        y: (height - crop_height) / 2,
        width: crop_width,
        height: crop_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aspect_tolerance_is_two_percent() {
        assert!(is_four_by_five(400, 500));
        assert!(is_four_by_five(408, 500));
        assert!(is_four_by_five(392, 500));
        assert!(!is_four_by_five(409, 500));
        assert!(!is_four_by_five(391, 500));
        assert!(!is_four_by_five(400, 400));
        assert!(is_four_by_five(u32::MAX / 5 * 4, u32::MAX / 5 * 5));
    }

    #[test]
    fn default_mugshot_crops_satisfy_the_aspect_rule() {
        for (w, h) in [
            (1000, 1000),
            (151, 3000),
            (640, 800),
            (6000, 150),
            (150, 6000),
        ] {
            let crop = default_crop(Frame::Mugshot, w, h);
            assert!(
                is_four_by_five(crop.width(), crop.height()),
                "{w}x{h} -> {crop}"
            );
            assert!(crop.validate(Frame::Mugshot, w, h).is_ok() || crop.width() < 120);
        }
    }

    #[test]
    fn degenerate_sizes_do_not_underflow() {
        let crop = default_crop(Frame::Mugshot, 1, 1);
        assert_eq!(
            (crop.x(), crop.y(), crop.width(), crop.height()),
            (0, 0, 1, 1)
        );
        let crop = default_crop(Frame::Free, 0, 0);
        assert_eq!((crop.width(), crop.height()), (1, 1));
    }
}
