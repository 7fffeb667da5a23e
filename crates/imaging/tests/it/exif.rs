use crate::common;

use common::{
    assert_close, contains, decode, exif_segment, insert_after_ihdr, insert_after_soi, jpeg_bytes,
    jpeg_markers, png_bytes, png_chunk, segment, tiff_orientation,
};
use image::{Rgb, RgbImage};
use leads_imaging::{Crop, Frame, Limits, Normalized, normalize};

const RED: [u8; 3] = [220, 30, 30];
const BLUE: [u8; 3] = [30, 30, 220];

/// A 200x100 image as stored in the file: left half red, right half blue.
fn red_left_blue_right() -> RgbImage {
    RgbImage::from_fn(200, 100, |x, _| if x < 100 { Rgb(RED) } else { Rgb(BLUE) })
}

fn normalize_free(bytes: &[u8]) -> Normalized {
    normalize(bytes, Frame::Free, None, &Limits::default()).unwrap()
}

fn jpeg_with_orientation(orientation: u16) -> Vec<u8> {
    insert_after_soi(
        &jpeg_bytes(&red_left_blue_right(), 95),
        &exif_segment(orientation, b""),
    )
}

#[test]
fn orientation_6_rotates_clockwise() {
    // EXIF orientation 6: the 0th row is the visual right-hand side and the 0th column the
    // visual top, i.e. the stored image is shown rotated 90 degrees clockwise. The stored
    // left (red) half therefore ends up on top.
    let out = normalize_free(&jpeg_with_orientation(6));
    assert!(out.orientation_applied);
    assert_eq!((out.source_width, out.source_height), (100, 200));
    assert_eq!((out.width, out.height), (100, 200));
    let stored = decode(&out.jpeg);
    assert_eq!(stored.dimensions(), (100, 200));
    assert_close(*stored.get_pixel(50, 40), RED, 30, "top");
    assert_close(*stored.get_pixel(50, 160), BLUE, 30, "bottom");
}

#[test]
fn orientation_8_rotates_counter_clockwise() {
    // Orientation 8: the 0th row is the visual left-hand side, the 0th column the bottom.
    let out = normalize_free(&jpeg_with_orientation(8));
    assert!(out.orientation_applied);
    let stored = decode(&out.jpeg);
    assert_eq!(stored.dimensions(), (100, 200));
    assert_close(*stored.get_pixel(50, 40), BLUE, 30, "top");
    assert_close(*stored.get_pixel(50, 160), RED, 30, "bottom");
}

#[test]
fn orientation_3_rotates_half_a_turn() {
    let out = normalize_free(&jpeg_with_orientation(3));
    assert!(out.orientation_applied);
    let stored = decode(&out.jpeg);
    assert_eq!(stored.dimensions(), (200, 100));
    assert_close(*stored.get_pixel(40, 50), BLUE, 30, "left");
    assert_close(*stored.get_pixel(160, 50), RED, 30, "right");
}

#[test]
fn orientation_1_and_no_exif_leave_the_image_alone() {
    for bytes in [
        jpeg_with_orientation(1),
        jpeg_bytes(&red_left_blue_right(), 95),
    ] {
        let out = normalize_free(&bytes);
        assert!(!out.orientation_applied);
        let stored = decode(&out.jpeg);
        assert_eq!(stored.dimensions(), (200, 100));
        assert_close(*stored.get_pixel(40, 50), RED, 30, "left");
    }
}

#[test]
fn png_exif_chunk_orientation_is_applied() {
    let png = insert_after_ihdr(
        &png_bytes(&red_left_blue_right()),
        &png_chunk(b"eXIf", &tiff_orientation(6, b"")),
    );
    let out = normalize_free(&png);
    assert!(out.orientation_applied);
    let stored = decode(&out.jpeg);
    assert_eq!(stored.dimensions(), (100, 200));
    assert_close(*stored.get_pixel(50, 40), RED, 30, "top");
}

#[test]
fn crop_refers_to_the_oriented_image() {
    // Stored 500x300 with orientation 6: the operator sees 300x500.
    let source = RgbImage::from_fn(500, 300, |x, _| if x < 250 { Rgb(RED) } else { Rgb(BLUE) });
    let bytes = insert_after_soi(&jpeg_bytes(&source, 95), &exif_segment(6, b""));
    let crop = Crop::new(0, 100, 240, 300).unwrap(); // would not fit the stored 500x300 layout
    let out = normalize(&bytes, Frame::Mugshot, Some(crop), &Limits::default()).unwrap();
    assert_eq!((out.source_width, out.source_height), (300, 500));
    let stored = decode(&out.jpeg);
    assert_close(
        *stored.get_pixel(240, 100),
        RED,
        30,
        "top of crop (visual rows 100..250)",
    );
    assert_close(
        *stored.get_pixel(240, 500),
        BLUE,
        30,
        "bottom of crop (visual rows 250..400)",
    );
}

/// Asserts the JPEG has no APPn other than APP0 and no COM segment before its scan, and that
/// none of the planted strings survive anywhere in it.
fn assert_clean(jpeg: &[u8]) {
    let markers = jpeg_markers(jpeg);
    for &(_, marker) in &markers {
        assert!(
            !(0xE1..=0xEF).contains(&marker),
            "APP{} segment present",
            marker - 0xE0
        );
        assert_ne!(marker, 0xFE, "COM segment present");
    }
    assert!(
        markers.iter().any(|&(_, marker)| marker == 0xE0),
        "JFIF APP0 expected"
    );
    for needle in [&b"Exif"[..], b"SECRETGPS", b"SECRETNOTE"] {
        assert!(
            !contains(jpeg, needle),
            "{} survived",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn jpeg_metadata_is_stripped() {
    let base = jpeg_bytes(&common::photo(640, 800), 90);
    let with_comment = insert_after_soi(&base, &segment(0xFE, b"SECRETNOTE taken at home"));
    let with_xmp = insert_after_soi(&with_comment, &segment(0xEB, b"SECRETGPS app11"));
    let bytes = insert_after_soi(&with_xmp, &exif_segment(1, b"SECRETGPS 38.8977N 77.0365W"));
    // The planted data really is in the input.
    assert!(contains(&bytes, b"SECRETGPS") && contains(&bytes, b"Exif"));
    let out = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_clean(&out.jpeg);
    assert_clean(&out.thumbnail);
}

#[test]
fn png_text_is_stripped() {
    let base = png_bytes(&common::photo(640, 800));
    let with_text = insert_after_ihdr(&base, &png_chunk(b"tEXt", b"Comment\0SECRETGPS 38.8977N"));
    let bytes = insert_after_ihdr(
        &with_text,
        &png_chunk(b"eXIf", &tiff_orientation(1, b"SECRETNOTE")),
    );
    assert!(contains(&bytes, b"SECRETGPS"));
    let out = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_eq!(out.source_format, leads_imaging::SourceFormat::Png);
    assert_clean(&out.jpeg);
    assert_clean(&out.thumbnail);
}
