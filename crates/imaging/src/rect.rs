//! The crop rectangle as data: where it lies and how large it is (the rules for it are in
//! `crop`).

/// The crop rectangle in pixels of the image *after* its EXIF orientation is applied, that is
/// the image as the operator sees it. Width and height are at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crop {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl Crop {
    /// Left edge.
    #[must_use]
    pub fn x(&self) -> u32 {
        self.x
    }

    /// Top edge.
    #[must_use]
    pub fn y(&self) -> u32 {
        self.y
    }

    /// Width in pixels (at least 1).
    #[must_use]
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels (at least 1).
    #[must_use]
    pub fn height(&self) -> u32 {
        self.height
    }
}

impl std::fmt::Display for Crop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{},{},{}", self.x, self.y, self.width, self.height)
    }
}
