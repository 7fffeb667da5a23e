//! A 64-bit perceptual hash (dHash) for spotting the same picture uploaded twice.

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage};

/// Hamming distance at or below which two stored images are considered the same picture.
///
/// For a 64-bit difference hash, re-encoding, rescaling or mild recompression of one picture
/// typically changes fewer than 5 bits, while unrelated pictures differ in about half of the
/// bits (around 32). 10 (about 15 % of the bits) is the usual cut-off: it tolerates the stored
/// pipeline's own JPEG and resampling noise with a wide margin and still keeps unrelated
/// pictures far apart.
pub const SAME_IMAGE_DISTANCE: u32 = 10;

/// Columns of the reduced image: one more than the bits per row, since each bit compares a pixel
/// with its right-hand neighbour.
const HASH_COLUMNS: u32 = 9;
/// Rows of the reduced image (one byte of the hash each).
const HASH_ROWS: u32 = 8;

/// 64-bit perceptual hash (dHash, a gradient hash).
///
/// The image is converted to grayscale and reduced to 9x8 pixels; each of the 64 bits says
/// whether a pixel is brighter than its right-hand neighbour. Bits are taken row by row, left
/// to right, most significant bit first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PerceptualHash(u64);

impl PerceptualHash {
    /// Hashes an image. An image without pixels hashes to 0.
    #[must_use]
    pub fn of(image: &DynamicImage) -> Self {
        if image.width() == 0 || image.height() == 0 {
            return Self(0);
        }
        let gray = image.to_luma8();
        let small: GrayImage =
            imageops::resize(&gray, HASH_COLUMNS, HASH_ROWS, FilterType::Triangle);
        let luma = |x: u32, y: u32| small.get_pixel_checked(x, y).map_or(0, |p| p.0[0]);
        let mut bits = 0u64;
        for y in 0..HASH_ROWS {
            for x in 0..HASH_COLUMNS - 1 {
                bits <<= 1;
                if luma(x, y) > luma(x + 1, y) {
                    bits |= 1;
                }
            }
        }
        Self(bits)
    }

    /// A hash from its 64 bits (as returned by [`PerceptualHash::bits`]).
    #[must_use]
    pub fn from_bits(bits: u64) -> Self {
        Self(bits)
    }

    /// Hamming distance: the number of differing bits (0..=64).
    #[must_use]
    pub fn distance(self, other: Self) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// Whether the two hashes are within [`SAME_IMAGE_DISTANCE`].
    #[must_use]
    pub fn same_image(self, other: Self) -> bool {
        self.distance(other) <= SAME_IMAGE_DISTANCE
    }

    /// 16 lowercase hexadecimal digits.
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("{:016x}", self.0)
    }

    /// Parses exactly 16 hexadecimal digits (either case).
    #[must_use]
    pub fn from_hex(text: &str) -> Option<Self> {
        if text.len() != 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u64::from_str_radix(text, 16).ok().map(Self)
    }

    /// The 64 bits.
    #[must_use]
    pub fn bits(self) -> u64 {
        self.0
    }
}

impl std::fmt::Display for PerceptualHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_sixteen_lowercase_digits() {
        let hash = PerceptualHash::from_bits(0x00ab_cdef_0123_4567);
        assert_eq!(hash.to_hex(), "00abcdef01234567");
        assert_eq!(hash.to_string(), "00abcdef01234567");
        assert_eq!(PerceptualHash::from_hex("00ABCDEF01234567"), Some(hash));
        assert_eq!(PerceptualHash::from_hex("abc"), None);
        assert_eq!(PerceptualHash::from_hex("+0abcdef01234567"), None);
        assert_eq!(PerceptualHash::from_hex("00abcdef0123456g"), None);
    }

    #[test]
    fn distance_counts_bits() {
        let a = PerceptualHash::from_bits(0);
        assert_eq!(a.distance(PerceptualHash::from_bits(u64::MAX)), 64);
        assert_eq!(a.distance(PerceptualHash::from_bits(0b1011)), 3);
        assert!(a.same_image(PerceptualHash::from_bits(0x3ff)));
        assert!(!a.same_image(PerceptualHash::from_bits(0x7ff)));
    }

    #[test]
    fn empty_image_hashes_to_zero() {
        assert_eq!(PerceptualHash::of(&DynamicImage::new_rgb8(0, 0)).bits(), 0);
    }

    #[test]
    fn horizontal_gradient_sets_every_bit() {
        let image = image::RgbImage::from_fn(90, 80, |x, _| {
            let v = u8::try_from(255 - x * 2).unwrap_or(0);
            image::Rgb([v, v, v])
        });
        let hash = PerceptualHash::of(&DynamicImage::ImageRgb8(image));
        assert_eq!(hash.bits(), u64::MAX);
    }
}
