use crate::common;

use common::{assert_close, decode, jpeg_bytes, photo, png_bytes};
use image::{ImageFormat, Rgb, RgbImage, RgbaImage};
use leads_imaging::{Frame, Limits, SourceFormat, normalize};

fn check_mugshot(bytes: &[u8], format: SourceFormat) {
    let out = normalize(bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_eq!((out.width, out.height), (480, 600));
    assert_eq!(out.source_format, format);
    assert_eq!((out.source_width, out.source_height), (640, 800));
    assert!(!out.orientation_applied);

    assert_eq!(image::guess_format(&out.jpeg).unwrap(), ImageFormat::Jpeg);
    assert_eq!(decode(&out.jpeg).dimensions(), (480, 600));
    assert_eq!(
        image::guess_format(&out.thumbnail).unwrap(),
        ImageFormat::Jpeg
    );
    assert_eq!(decode(&out.thumbnail).dimensions(), (96, 120));
    assert!(out.thumbnail.len() < out.jpeg.len());
}

#[test]
fn png_mugshot_round_trip() {
    check_mugshot(&png_bytes(&photo(640, 800)), SourceFormat::Png);
}

#[test]
fn jpeg_mugshot_round_trip() {
    check_mugshot(&jpeg_bytes(&photo(640, 800), 92), SourceFormat::Jpeg);
}

#[test]
fn source_format_names() {
    assert_eq!(SourceFormat::Jpeg.name(), "JPEG");
    assert_eq!(SourceFormat::Png.name(), "PNG");
    assert_eq!(SourceFormat::Png.to_string(), "PNG");
}

#[test]
fn stored_mugshot_keeps_the_picture() {
    // Top half red, bottom half blue; the stored image must show the same layout.
    let source = RgbImage::from_fn(640, 800, |_, y| {
        if y < 400 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let out = normalize(
        &png_bytes(&source),
        Frame::Mugshot,
        None,
        &Limits::default(),
    )
    .unwrap();
    let stored = decode(&out.jpeg);
    assert_close(*stored.get_pixel(240, 100), [220, 20, 20], 20, "top");
    assert_close(*stored.get_pixel(240, 500), [20, 20, 220], 20, "bottom");
    let thumb = decode(&out.thumbnail);
    assert_close(*thumb.get_pixel(48, 20), [220, 20, 20], 25, "thumbnail top");
}

#[test]
fn free_frame_scales_down_preserving_aspect() {
    let out = normalize(
        &png_bytes(&photo(1200, 600)),
        Frame::Free,
        None,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!((out.width, out.height), (600, 300));
    assert_eq!(decode(&out.jpeg).dimensions(), (600, 300));
    assert_eq!(decode(&out.thumbnail).dimensions(), (120, 60));

    let out = normalize(
        &png_bytes(&photo(300, 900)),
        Frame::Free,
        None,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!((out.width, out.height), (200, 600));
    assert_eq!(decode(&out.thumbnail).dimensions(), (40, 120));
}

#[test]
fn free_frame_never_upscales() {
    let out = normalize(
        &png_bytes(&photo(200, 100)),
        Frame::Free,
        None,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!((out.width, out.height), (200, 100));
    assert_eq!(decode(&out.jpeg).dimensions(), (200, 100));
    assert_eq!(decode(&out.thumbnail).dimensions(), (120, 60));

    let out = normalize(
        &png_bytes(&photo(50, 40)),
        Frame::Free,
        None,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(decode(&out.jpeg).dimensions(), (50, 40));
    assert_eq!(decode(&out.thumbnail).dimensions(), (50, 40));
}

#[test]
fn transparency_is_flattened_onto_white() {
    // A signature: black ink on a fully transparent (and black underneath) background.
    let source = RgbaImage::from_fn(300, 100, |x, _| {
        if (140..160).contains(&x) {
            image::Rgba([0, 0, 0, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Vec::new();
    source
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    let out = normalize(&bytes, Frame::Free, None, &Limits::default()).unwrap();
    let stored = decode(&out.jpeg);
    assert_close(
        *stored.get_pixel(20, 50),
        [255, 255, 255],
        6,
        "transparent background",
    );
    assert_close(*stored.get_pixel(150, 50), [0, 0, 0], 10, "ink");
}

#[test]
fn grayscale_and_sixteen_bit_png_are_accepted() {
    let gray = image::GrayImage::from_fn(160, 200, |x, _| image::Luma([(x % 256) as u8]));
    let mut bytes = Vec::new();
    gray.write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    let out = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_eq!((out.width, out.height), (480, 600));

    let deep = image::ImageBuffer::<image::Rgb<u16>, Vec<u16>>::from_pixel(
        160,
        200,
        image::Rgb([65535, 0, 0]),
    );
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb16(deep)
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    let out = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_close(
        *decode(&out.jpeg).get_pixel(240, 300),
        [255, 0, 0],
        12,
        "16-bit red",
    );
}

#[test]
fn normalization_is_deterministic() {
    let bytes = jpeg_bytes(&photo(640, 800), 85);
    let a = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    let b = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_eq!(a, b);
    let debug = format!("{a:?}");
    assert!(debug.contains("jpeg_bytes"), "{debug}");
}
