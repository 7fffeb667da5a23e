use crate::common;

use std::time::{Duration, Instant};

use common::{jpeg_bytes, jpeg_markers, photo, png_bytes, png_chunk, png_header};
use leads_imaging::{Frame, ImageError, Limits, normalize};
use proptest::prelude::*;

fn reject(bytes: &[u8]) -> ImageError {
    reject_with(bytes, &Limits::default())
}

fn reject_with(bytes: &[u8], limits: &Limits) -> ImageError {
    let error = normalize(bytes, Frame::Free, None, limits).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("IMG "),
        "message must name IMG: {message}"
    );
    assert_eq!(message, message.to_uppercase(), "terminal style: {message}");
    error
}

fn assert_corrupt(error: &ImageError) {
    assert!(
        matches!(error, ImageError::Corrupt(_)),
        "expected Corrupt, got {error:?}"
    );
    assert_eq!(error.code(), "image_corrupt");
    assert!(
        error.to_string().starts_with("IMG TRUNCATED OR CORRUPT - "),
        "{error}"
    );
}

#[test]
fn zero_bytes() {
    let error = reject(&[]);
    assert_eq!(error, ImageError::Empty);
    assert_eq!(error.to_string(), "IMG EMPTY");
    assert_eq!(error.code(), "image_empty");
}

#[test]
fn wrong_magic_is_unsupported() {
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00;".to_vec();
    let bmp = b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00".to_vec();
    let text = b"this is a mugshot, honest".to_vec();
    // A JPEG/PNG whose first byte is gone is not recognised either.
    let shifted = png_bytes(&photo(32, 32))[1..].to_vec();
    for bytes in [gif, bmp, text, shifted, vec![0xFF, 0xD8], vec![0x89]] {
        let error = reject(&bytes);
        assert_eq!(error, ImageError::UnsupportedFormat);
        assert_eq!(error.to_string(), "IMG NOT JPEG OR PNG");
        assert_eq!(error.code(), "image_unsupported");
    }
}

#[test]
fn over_the_byte_limit() {
    let mut bytes = vec![0u8; 6_000_000];
    bytes[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
    let error = reject(&bytes);
    assert_eq!(
        error,
        ImageError::TooLarge {
            bytes: 6_000_000,
            max: 5_242_880
        }
    );
    assert_eq!(error.to_string(), "IMG 6000000 BYTES EXCEEDS 5242880");
    assert_eq!(error.code(), "image_too_large");

    // The limit is the caller's: a valid image over a small limit is refused too.
    let png = png_bytes(&photo(64, 64));
    let limits = Limits {
        max_bytes: png.len() - 1,
        ..Limits::default()
    };
    assert!(matches!(
        reject_with(&png, &limits),
        ImageError::TooLarge { .. }
    ));
}

#[test]
fn default_limits_are_documented_values() {
    let limits = Limits::default();
    assert_eq!(limits.max_bytes, 5 * 1024 * 1024);
    assert_eq!((limits.max_width, limits.max_height), (6000, 6000));
    assert_eq!(limits.max_alloc, 256 * 1024 * 1024);
}

#[test]
fn truncated_jpeg() {
    let jpeg = jpeg_bytes(&photo(320, 400), 90);
    assert_corrupt(&reject(&jpeg[..jpeg.len() / 2]));
    // Cut inside the headers, before the scan.
    assert_corrupt(&reject(&jpeg[..40]));
}

#[test]
fn truncated_png() {
    let png = png_bytes(&photo(320, 400));
    assert_corrupt(&reject(&png[..png.len() / 2]));
    assert_corrupt(&reject(&png[..20]));
}

#[test]
fn png_bomb_is_refused_from_the_header() {
    let mut bomb = png_header(100_000, 100_000);
    bomb.extend_from_slice(&png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    bomb.extend_from_slice(&png_chunk(b"IEND", &[]));
    let started = Instant::now();
    let error = reject(&bomb);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        error,
        ImageError::Dimensions {
            width: 100_000,
            height: 100_000,
            max_width: 6000,
            max_height: 6000
        }
    );
    assert_eq!(
        error.to_string(),
        "IMG 100000X100000 PIXELS EXCEEDS 6000X6000"
    );
    assert_eq!(error.code(), "image_dimensions");
}

#[test]
fn jpeg_bomb_is_refused_from_the_header() {
    let mut jpeg = jpeg_bytes(&photo(64, 80), 90);
    let (sof, _) = *jpeg_markers(&jpeg)
        .iter()
        .find(|(_, marker)| *marker == 0xC0)
        .unwrap();
    // marker, length (2), precision (1), height (2), width (2)
    jpeg[sof + 4..sof + 6].copy_from_slice(&65_000u16.to_be_bytes());
    jpeg[sof + 6..sof + 8].copy_from_slice(&65_000u16.to_be_bytes());
    let started = Instant::now();
    let error = reject(&jpeg);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        error,
        ImageError::Dimensions {
            width: 65_000,
            height: 65_000,
            max_width: 6000,
            max_height: 6000
        }
    );
    assert_eq!(
        error.to_string(),
        "IMG 65000X65000 PIXELS EXCEEDS 6000X6000"
    );
}

#[test]
fn one_side_over_the_limit_is_enough() {
    let png = png_bytes(&photo(640, 80));
    let limits = Limits {
        max_width: 600,
        ..Limits::default()
    };
    assert_eq!(
        reject_with(&png, &limits),
        ImageError::Dimensions {
            width: 640,
            height: 80,
            max_width: 600,
            max_height: 6000
        }
    );
}

#[test]
fn png_with_lying_header() {
    // IHDR claims 640x800 but the pixel data is for 64x80.
    let png = png_bytes(&photo(64, 80));
    let mut lying = png_header(640, 800);
    lying.extend_from_slice(&png[common::PNG_AFTER_IHDR..]);
    assert_corrupt(&reject(&lying));
}

#[test]
fn png_with_bad_crc() {
    let mut png = png_bytes(&photo(64, 80));
    png[common::PNG_AFTER_IHDR - 1] ^= 0x55; // last byte of the IHDR CRC
    assert_corrupt(&reject(&png));
}

#[test]
fn decoded_size_over_the_allocation_limit() {
    let png = png_bytes(&photo(640, 800));
    let limits = Limits {
        max_alloc: 100_000,
        ..Limits::default()
    };
    assert_corrupt(&reject_with(&png, &limits));
}

#[test]
fn jpeg_without_scan_data() {
    // Headers only, then end of image.
    let jpeg = jpeg_bytes(&photo(64, 80), 90);
    let (sos, _) = *jpeg_markers(&jpeg).last().unwrap();
    let mut cut = jpeg[..sos - 1].to_vec();
    cut.extend_from_slice(&[0xFF, 0xD9]);
    assert_corrupt(&reject(&cut));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = normalize(&bytes, Frame::Free, None, &Limits::default());
        let _ = normalize(&bytes, Frame::Mugshot, None, &Limits::default());
    }

    #[test]
    fn arbitrary_bytes_behind_magic_never_panic(
        png in any::<bool>(),
        tail in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let mut bytes = if png {
            vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]
        } else {
            vec![0xFF, 0xD8, 0xFF]
        };
        bytes.extend_from_slice(&tail);
        let error = normalize(&bytes, Frame::Free, None, &Limits::default());
        prop_assert!(error.is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_images_never_panic(
        png in any::<bool>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let source = photo(48, 60);
        let mut bytes = if png { png_bytes(&source) } else { jpeg_bytes(&source, 80) };
        for (index, flip) in flips {
            let at = index.index(bytes.len());
            bytes[at] ^= flip;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        // Small limits keep a mutated header from asking for a huge (slow) image.
        let limits = Limits { max_width: 1000, max_height: 1000, ..Limits::default() };
        let _ = normalize(&bytes, Frame::Free, None, &limits);
    }
}
