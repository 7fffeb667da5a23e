//! The frames a photo is cut to, and their stored sizes.

/// Width of a stored mugshot in pixels.
pub const MUGSHOT_WIDTH: u32 = 480;
/// Height of a stored mugshot in pixels.
pub const MUGSHOT_HEIGHT: u32 = 600;
/// Width of a mugshot thumbnail in pixels.
pub const MUGSHOT_THUMB_WIDTH: u32 = 96;
/// Height of a mugshot thumbnail in pixels.
pub const MUGSHOT_THUMB_HEIGHT: u32 = 120;
/// A stored free-frame image fits in a square of this side (it is only ever scaled down).
pub const FREE_MAX_SIDE: u32 = 600;
/// A free-frame thumbnail fits in a square of this side (it is only ever scaled down).
pub const FREE_THUMB_MAX_SIDE: u32 = 120;

/// The frame the image is cut to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// A face photo: the crop must be 4:5 (width:height) and at least 120x150 pixels; stored at
    /// exactly 480x600 with a 96x120 thumbnail.
    Mugshot,
    /// Signatures, scars, marks and tattoos: any aspect, at least 16x16 pixels; scaled down to
    /// fit 600x600 with a thumbnail fitting 120x120. Small images keep their size.
    Free,
}

impl Frame {
    /// The smallest crop (width, height) accepted for this frame.
    #[must_use]
    pub fn min_crop(self) -> (u32, u32) {
        match self {
            Self::Mugshot => (120, 150),
            Self::Free => (16, 16),
        }
    }

    /// The stored size for a crop of `width` x `height`.
    #[must_use]
    pub fn stored_size(self, width: u32, height: u32) -> (u32, u32) {
        match self {
            Self::Mugshot => (MUGSHOT_WIDTH, MUGSHOT_HEIGHT),
            Self::Free => fit_within(width, height, FREE_MAX_SIDE),
        }
    }

    /// The thumbnail size for a stored image of `width` x `height`.
    #[must_use]
    pub fn thumbnail_size(self, width: u32, height: u32) -> (u32, u32) {
        match self {
            Self::Mugshot => (MUGSHOT_THUMB_WIDTH, MUGSHOT_THUMB_HEIGHT),
            Self::Free => fit_within(width, height, FREE_THUMB_MAX_SIDE),
        }
    }
}

/// Scales `width` x `height` down, preserving the aspect ratio (rounded to whole pixels, at
/// least one), so that neither side exceeds `side`. Never scales up.
fn fit_within(width: u32, height: u32, side: u32) -> (u32, u32) {
    if width <= side && height <= side {
        return (width.max(1), height.max(1));
    }
    let scale = |short: u32, long: u32| -> u32 {
        let long = u64::from(long.max(1));
        let scaled = (u64::from(short) * u64::from(side) + long / 2) / long;
        u32::try_from(scaled).unwrap_or(side).clamp(1, side)
    };
    if width >= height {
        (side, scale(height, width))
    } else {
        (scale(width, height), side)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_within_scales_down_only() {
        assert_eq!(fit_within(200, 100, 600), (200, 100));
        assert_eq!(fit_within(1200, 600, 600), (600, 300));
        assert_eq!(fit_within(600, 1800, 600), (200, 600));
        assert_eq!(fit_within(6000, 1, 600), (600, 1));
        assert_eq!(fit_within(0, 0, 600), (1, 1));
    }

    #[test]
    fn mugshot_sizes_are_fixed() {
        assert_eq!(Frame::Mugshot.stored_size(4000, 5000), (480, 600));
        assert_eq!(Frame::Mugshot.thumbnail_size(480, 600), (96, 120));
        assert_eq!(Frame::Free.thumbnail_size(600, 300), (120, 60));
    }
}
