use image::ImageFormat;
use leads_imaging::{
    Frame, Limits, SAME_IMAGE_DISTANCE, SourceFormat, default_crop, normalize, synthetic_portrait,
};

#[test]
fn same_seed_same_bytes() {
    assert_eq!(
        synthetic_portrait(42).unwrap(),
        synthetic_portrait(42).unwrap()
    );
    assert_ne!(
        synthetic_portrait(42).unwrap(),
        synthetic_portrait(43).unwrap()
    );
}

#[test]
fn portrait_is_a_600x750_png() {
    let bytes = synthetic_portrait(1).unwrap();
    assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::Png);
    let image = image::load_from_memory_with_format(&bytes, ImageFormat::Png).unwrap();
    assert_eq!((image.width(), image.height()), (600, 750));
}

#[test]
fn portrait_normalizes_as_a_mugshot() {
    let bytes = synthetic_portrait(2).unwrap();
    assert_eq!(
        default_crop(Frame::Mugshot, 600, 750),
        leads_imaging::Crop::new(0, 0, 600, 750).unwrap()
    );
    let out = normalize(&bytes, Frame::Mugshot, None, &Limits::default()).unwrap();
    assert_eq!((out.width, out.height), (480, 600));
    assert_eq!(out.source_format, SourceFormat::Png);
    assert_eq!((out.source_width, out.source_height), (600, 750));
}

#[test]
fn seeds_give_clearly_different_hashes() {
    let hashes: Vec<_> = (0..20)
        .map(|seed| {
            normalize(
                &synthetic_portrait(seed).unwrap(),
                Frame::Mugshot,
                None,
                &Limits::default(),
            )
            .unwrap()
            .phash
        })
        .collect();
    let mut pairs = 0;
    let mut apart = 0;
    for (i, a) in hashes.iter().enumerate() {
        for b in &hashes[i + 1..] {
            pairs += 1;
            if a.distance(*b) > SAME_IMAGE_DISTANCE {
                apart += 1;
            }
        }
    }
    assert_eq!(pairs, 190);
    assert!(
        apart * 100 >= pairs * 90,
        "only {apart} of {pairs} pairs are apart"
    );
}
