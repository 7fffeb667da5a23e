use crate::common;

use common::{decode, jpeg_bytes, png_bytes};
use image::DynamicImage;
use image::imageops::{self, FilterType};
use leads_imaging::{
    Frame, Limits, PerceptualHash, SAME_IMAGE_DISTANCE, normalize, synthetic_portrait,
};

fn stored_hash(bytes: &[u8]) -> PerceptualHash {
    normalize(bytes, Frame::Mugshot, None, &Limits::default())
        .unwrap()
        .phash
}

#[test]
fn same_picture_re_encoded_or_rescaled_matches() {
    let original = synthetic_portrait(3).unwrap();
    let reference = stored_hash(&original);
    let pixels = decode(&original);

    let low_quality = stored_hash(&jpeg_bytes(&pixels, 40));
    assert!(
        reference.distance(low_quality) <= SAME_IMAGE_DISTANCE,
        "{}",
        reference.distance(low_quality)
    );

    let smaller = imageops::resize(&pixels, 300, 375, FilterType::Triangle);
    let rescaled = stored_hash(&jpeg_bytes(&smaller, 75));
    assert!(
        reference.distance(rescaled) <= SAME_IMAGE_DISTANCE,
        "{}",
        reference.distance(rescaled)
    );

    // Hashing the stored JPEG again gives (nearly) the stored hash.
    let out = normalize(&original, Frame::Mugshot, None, &Limits::default()).unwrap();
    let again = PerceptualHash::of(&DynamicImage::ImageRgb8(decode(&out.jpeg)));
    assert!(
        out.phash.distance(again) <= SAME_IMAGE_DISTANCE,
        "{}",
        out.phash.distance(again)
    );
    assert!(out.phash.same_image(again));
}

#[test]
fn different_pictures_do_not_match() {
    let a = stored_hash(&synthetic_portrait(3).unwrap());
    let b = stored_hash(&synthetic_portrait(4).unwrap());
    assert!(a.distance(b) > SAME_IMAGE_DISTANCE, "{}", a.distance(b));

    let mut inverted = decode(&synthetic_portrait(3).unwrap());
    imageops::invert(&mut inverted);
    let c = stored_hash(&png_bytes(&inverted));
    assert!(a.distance(c) > 3 * SAME_IMAGE_DISTANCE, "{}", a.distance(c));
}

#[test]
fn hex_round_trip() {
    let hash = stored_hash(&synthetic_portrait(11).unwrap());
    let hex = hash.to_hex();
    assert_eq!(hex.len(), 16);
    assert!(
        hex.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    assert_eq!(PerceptualHash::from_hex(&hex), Some(hash));
    assert_eq!(PerceptualHash::from_hex(&hex).unwrap().bits(), hash.bits());
    assert_eq!(PerceptualHash::from_bits(hash.bits()), hash);
    assert_eq!(hash.distance(hash), 0);
    assert_eq!(PerceptualHash::from_hex("not hex at all!!"), None);
    assert_eq!(PerceptualHash::from_hex(&format!("{hex}0")), None);
}
