use crate::common;

use common::{assert_close, decode, photo, png_bytes};
use image::{Rgb, RgbImage};
use leads_imaging::{Crop, Frame, ImageError, Limits, default_crop, normalize};

const GREY: [u8; 3] = [128, 128, 128];
const GREEN: [u8; 3] = [20, 200, 40];

/// 800x1000 grey with a green 40x50 square at (580, 700).
fn target() -> Vec<u8> {
    let image = RgbImage::from_fn(800, 1000, |x, y| {
        if (580..620).contains(&x) && (700..750).contains(&y) {
            Rgb(GREEN)
        } else {
            Rgb(GREY)
        }
    });
    png_bytes(&image)
}

fn crop(x: u32, y: u32, width: u32, height: u32) -> Crop {
    Crop::new(x, y, width, height).unwrap()
}

#[test]
fn mugshot_crop_around_the_square() {
    // Crop centre: (600, 725), inside the square.
    let out = normalize(
        &target(),
        Frame::Mugshot,
        Some(crop(500, 600, 200, 250)),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!((out.width, out.height), (480, 600));
    assert_eq!((out.source_width, out.source_height), (800, 1000));
    let stored = decode(&out.jpeg);
    assert_close(*stored.get_pixel(240, 300), GREEN, 25, "centre");
    assert_close(*stored.get_pixel(10, 10), GREY, 10, "corner");
    // The square spans x 80..120 of the 200-wide crop, scaled by 2.4: 192..288.
    assert_close(*stored.get_pixel(170, 300), GREY, 10, "left of the square");
    assert_close(
        *stored.get_pixel(200, 300),
        GREEN,
        25,
        "inside the left edge",
    );
}

#[test]
fn mugshot_crop_elsewhere_misses_the_square() {
    let out = normalize(
        &target(),
        Frame::Mugshot,
        Some(crop(0, 0, 400, 500)),
        &Limits::default(),
    )
    .unwrap();
    let stored = decode(&out.jpeg);
    assert_close(*stored.get_pixel(240, 300), GREY, 10, "centre");
}

#[test]
fn free_crop_keeps_its_shape() {
    let out = normalize(
        &target(),
        Frame::Free,
        Some(crop(560, 680, 80, 90)),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!((out.width, out.height), (80, 90));
    let stored = decode(&out.jpeg);
    assert_close(*stored.get_pixel(40, 45), GREEN, 25, "centre");
    assert_close(*stored.get_pixel(5, 5), GREY, 15, "corner");
}

#[test]
fn crop_outside_the_image() {
    let png = png_bytes(&photo(640, 480));
    let error = normalize(
        &png,
        Frame::Free,
        Some(crop(10, 10, 900, 900)),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        ImageError::CropOutside {
            crop: crop(10, 10, 900, 900),
            width: 640,
            height: 480
        }
    );
    assert_eq!(
        error.to_string(),
        "CRP/10,10,900,900 OUTSIDE THE 640X480 IMAGE"
    );
    assert_eq!(error.code(), "crop_outside");

    // Touching the edge is fine; one pixel beyond is not; huge offsets do not overflow.
    assert!(
        normalize(
            &png,
            Frame::Free,
            Some(crop(540, 380, 100, 100)),
            &Limits::default()
        )
        .is_ok()
    );
    for bad in [
        crop(541, 380, 100, 100),
        crop(540, 381, 100, 100),
        crop(u32::MAX, 0, u32::MAX, 1),
    ] {
        let error = normalize(&png, Frame::Free, Some(bad), &Limits::default()).unwrap_err();
        assert!(
            matches!(error, ImageError::CropOutside { .. }),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn mugshot_crop_must_be_four_by_five() {
    let png = png_bytes(&photo(640, 480));
    let error = normalize(
        &png,
        Frame::Mugshot,
        Some(crop(0, 0, 400, 400)),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        ImageError::CropAspect {
            crop: crop(0, 0, 400, 400)
        }
    );
    assert_eq!(
        error.to_string(),
        "CRP/0,0,400,400 MUST BE 4:5 (WIDTH:HEIGHT)"
    );
    assert_eq!(error.code(), "crop_aspect");

    // Within 2 %: accepted and stored at exactly 480x600.
    let out = normalize(
        &png,
        Frame::Mugshot,
        Some(crop(0, 0, 306, 375)),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!((out.width, out.height), (480, 600));
    // Free frames take any shape.
    assert!(
        normalize(
            &png,
            Frame::Free,
            Some(crop(0, 0, 400, 400)),
            &Limits::default()
        )
        .is_ok()
    );
}

#[test]
fn crop_too_small() {
    let png = png_bytes(&photo(640, 480));
    let error = normalize(
        &png,
        Frame::Mugshot,
        Some(crop(0, 0, 40, 50)),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        ImageError::CropTooSmall {
            crop: crop(0, 0, 40, 50),
            min_width: 120,
            min_height: 150
        }
    );
    assert_eq!(error.to_string(), "CRP/0,0,40,50 SMALLER THAN 120X150");
    assert_eq!(error.code(), "crop_too_small");

    assert!(
        normalize(
            &png,
            Frame::Mugshot,
            Some(crop(0, 0, 120, 150)),
            &Limits::default()
        )
        .is_ok()
    );
    let error = normalize(
        &png,
        Frame::Free,
        Some(crop(0, 0, 15, 40)),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "CRP/0,0,15,40 SMALLER THAN 16X16");
    assert!(
        normalize(
            &png,
            Frame::Free,
            Some(crop(0, 0, 16, 16)),
            &Limits::default()
        )
        .is_ok()
    );
}

#[test]
fn image_too_small_for_a_mugshot_by_default() {
    let png = png_bytes(&photo(100, 125));
    let error = normalize(&png, Frame::Mugshot, None, &Limits::default()).unwrap_err();
    assert!(
        matches!(error, ImageError::CropTooSmall { .. }),
        "{error:?}"
    );
}

#[test]
fn parse_accepts_decimal_quadruples() {
    assert_eq!(Crop::parse("0,0,400,500").unwrap(), crop(0, 0, 400, 500));
    assert_eq!(
        Crop::parse(" 10, 20 ,400 , 500 ").unwrap(),
        crop(10, 20, 400, 500)
    );
    let parsed = Crop::parse("7,8,9,10").unwrap();
    assert_eq!(
        (parsed.x(), parsed.y(), parsed.width(), parsed.height()),
        (7, 8, 9, 10)
    );
    assert_eq!(parsed.to_string(), "7,8,9,10");
    assert_eq!(Crop::parse(&parsed.to_string()).unwrap(), parsed);
}

#[test]
fn parse_rejects_everything_else() {
    for text in [
        "1,2,3",
        "a,b,c,d",
        "0,0,0,5",
        "0,0,5,0",
        "1,2,3,4,5",
        "-1,0,4,5",
        "+1,0,4,5",
        "",
        ",,,",
        "1.5,0,4,5",
        "4294967296,0,4,5",
        "0x10,0,4,5",
        "1;2;3;4",
    ] {
        let error = Crop::parse(text).unwrap_err();
        assert!(
            matches!(error, ImageError::CropSyntax(_)),
            "{text:?}: {error:?}"
        );
        assert_eq!(error.code(), "crop_malformed");
        assert!(error.to_string().starts_with("CRP/"), "{error}");
    }
    assert_eq!(
        Crop::parse("abc").unwrap_err().to_string(),
        "CRP/ABC MUST BE X,Y,WIDTH,HEIGHT"
    );
    assert!(Crop::new(0, 0, 0, 1).is_err());
    // Long garbage is shortened in the message.
    let long = "9".repeat(500);
    assert!(Crop::parse(&long).unwrap_err().to_string().len() < 100);
}

#[test]
fn default_crop_is_centred() {
    assert_eq!(
        default_crop(Frame::Mugshot, 1000, 1000),
        crop(100, 0, 800, 1000)
    );
    assert_eq!(
        default_crop(Frame::Mugshot, 1000, 2000),
        crop(0, 375, 1000, 1250)
    );
    assert_eq!(default_crop(Frame::Mugshot, 640, 800), crop(0, 0, 640, 800));
    assert_eq!(default_crop(Frame::Free, 1000, 300), crop(0, 0, 1000, 300));
}
