//! Helpers for crafting test images and inspecting the stored JPEGs.
#![allow(
    dead_code,
    unreachable_pub,
    reason = "test helpers; each test file uses a subset"
)]

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, Rgb, RgbImage};

/// A photo-like test image: smooth gradients plus a few blocks, so scaling and hashing have
/// something to work with.
pub fn photo(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let r = (x * 255 / width.max(1)) as u8;
        let g = (y * 255 / height.max(1)) as u8;
        let b = if (x / 64 + y / 64) % 2 == 0 { 60 } else { 190 };
        Rgb([r, g, b])
    })
}

pub fn png_bytes(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

pub fn jpeg_bytes(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        .unwrap();
    out
}

/// Decodes any JPEG/PNG to RGB8.
pub fn decode(bytes: &[u8]) -> RgbImage {
    image::load_from_memory(bytes).unwrap().into_rgb8()
}

/// A JPEG marker segment: `FF marker`, big-endian length (including itself), payload.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let length = u16::try_from(payload.len() + 2).unwrap();
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// Inserts `segment` right after the SOI marker of `jpeg`.
pub fn insert_after_soi(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A minimal little-endian TIFF structure with one IFD entry: Orientation (0x0112, SHORT),
/// followed by `trailer` bytes (for smuggling marker strings into the metadata).
pub fn tiff_orientation(orientation: u16, trailer: &[u8]) -> Vec<u8> {
    let mut tiff = vec![b'I', b'I', 42, 0, 8, 0, 0, 0];
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // tag: Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // type: SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes()); // count
    tiff.extend_from_slice(&orientation.to_le_bytes()); // value, padded to 4 bytes
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    tiff.extend_from_slice(trailer);
    tiff
}

/// An APP1 EXIF segment holding [`tiff_orientation`].
pub fn exif_segment(orientation: u16, trailer: &[u8]) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff_orientation(orientation, trailer));
    segment(0xE1, &payload)
}

/// A PNG chunk with a correct CRC.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out
}

/// The byte offset just after the IHDR chunk (signature 8 + length 4 + type 4 + data 13 + CRC 4).
pub const PNG_AFTER_IHDR: usize = 33;

/// Inserts `chunk` right after the IHDR chunk of `png`.
pub fn insert_after_ihdr(png: &[u8], chunk: &[u8]) -> Vec<u8> {
    assert_eq!(&png[12..16], b"IHDR");
    let mut out = png[..PNG_AFTER_IHDR].to_vec();
    out.extend_from_slice(chunk);
    out.extend_from_slice(&png[PNG_AFTER_IHDR..]);
    out
}

/// A PNG signature and an IHDR chunk (8-bit RGB) with a valid CRC, claiming `width` x `height`.
pub fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    out.extend_from_slice(&png_chunk(b"IHDR", &ihdr));
    out
}

/// The JPEG marker segments from SOI up to and including SOS: (offset of the marker byte, marker).
pub fn jpeg_markers(jpeg: &[u8]) -> Vec<(usize, u8)> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "not a JPEG");
    let mut markers = vec![(1, 0xD8)];
    let mut at = 2;
    loop {
        assert_eq!(jpeg[at], 0xFF, "marker expected at {at}");
        let marker = jpeg[at + 1];
        markers.push((at + 1, marker));
        if marker == 0xDA {
            return markers;
        }
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        at += 2 + length;
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Asserts that `pixel` is within `tolerance` of `expected` in every channel.
pub fn assert_close(pixel: Rgb<u8>, expected: [u8; 3], tolerance: u8, what: &str) {
    for (got, want) in pixel.0.iter().zip(expected) {
        assert!(
            got.abs_diff(want) <= tolerance,
            "{what}: got {:?}, expected {expected:?} ± {tolerance}",
            pixel.0
        );
    }
}
