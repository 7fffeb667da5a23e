//! Generated head-and-shoulders portraits for demonstrations and tests; no real faces.

use image::codecs::png::PngEncoder;
use image::{ImageEncoder, Rgb, RgbImage};

use crate::error::ImageError;
use crate::splitmix::SplitMix64;

/// Width of a synthetic portrait.
pub const PORTRAIT_WIDTH: u32 = 600;
/// Height of a synthetic portrait (4:5 with the width).
pub const PORTRAIT_HEIGHT: u32 = 750;

/// A generated, obviously synthetic head-and-shoulders portrait: PNG bytes, 600x750 (4:5).
///
/// Background colour and gradient, background blobs, clothing, skin tone, hair colour and
/// style, head size and position, eye, eyebrow, nose and mouth placement all vary with `seed`.
/// The same seed always gives identical bytes.
///
/// # Errors
/// [`ImageError::Encode`] if PNG encoding fails (not expected for an in-memory image).
pub fn synthetic_portrait(seed: u64) -> Result<Vec<u8>, ImageError> {
    let image = draw(seed);
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|error| ImageError::encode(error.to_string()))?;
    Ok(out)
}

const SKIN_TONES: [[u8; 3]; 6] = [
    [255, 224, 196],
    [241, 194, 155],
    [224, 172, 125],
    [198, 134, 86],
    [141, 85, 54],
    [96, 60, 40],
];
const HAIR_COLOURS: [[u8; 3]; 6] = [
    [20, 16, 14],
    [70, 45, 25],
    [140, 95, 50],
    [210, 180, 110],
    [170, 60, 30],
    [160, 160, 165],
];

fn shade(colour: [u8; 3], delta: i32) -> Rgb<u8> {
    Rgb(colour.map(|c| u8::try_from((i32::from(c) + delta).clamp(0, 255)).unwrap_or(0)))
}

/// Paints every pixel inside the ellipse centred at (`cx`, `cy`) with radii `rx`, `ry`.
fn ellipse(image: &mut RgbImage, cx: i64, cy: i64, rx: i64, ry: i64, colour: Rgb<u8>) {
    ellipse_where(image, (cx, cy, rx, ry), colour, |_, _| true);
}

/// Like [`ellipse`], limited to pixels for which `keep(x, y)` holds.
fn ellipse_where(
    image: &mut RgbImage,
    (cx, cy, rx, ry): (i64, i64, i64, i64),
    colour: Rgb<u8>,
    keep: impl Fn(i64, i64) -> bool,
) {
    let (rx, ry) = (rx.max(1), ry.max(1));
    let (rx2, ry2) = (rx * rx, ry * ry);
    paint(
        image,
        (cx - rx, cy - ry, cx + rx, cy + ry),
        colour,
        |x, y| {
            let (dx, dy) = (x - cx, y - cy);
            dx * dx * ry2 + dy * dy * rx2 <= rx2 * ry2 && keep(x, y)
        },
    );
}

/// Paints the rectangle from (`x0`, `y0`) to (`x1`, `y1`) inclusive.
fn rect(image: &mut RgbImage, x0: i64, y0: i64, x1: i64, y1: i64, colour: Rgb<u8>) {
    paint(image, (x0, y0, x1, y1), colour, |_, _| true);
}

/// Paints the pixels of a bounding box (clipped to the image) for which `inside` holds.
fn paint(
    image: &mut RgbImage,
    (x0, y0, x1, y1): (i64, i64, i64, i64),
    colour: Rgb<u8>,
    inside: impl Fn(i64, i64) -> bool,
) {
    let max_x = i64::from(image.width()) - 1;
    let max_y = i64::from(image.height()) - 1;
    for y in y0.max(0)..=y1.min(max_y) {
        for x in x0.max(0)..=x1.min(max_x) {
            if !inside(x, y) {
                continue;
            }
            let (Ok(px), Ok(py)) = (u32::try_from(x), u32::try_from(y)) else {
                continue;
            };
            if let Some(pixel) = image.get_pixel_mut_checked(px, py) {
                *pixel = colour;
            }
        }
    }
}

fn draw(seed: u64) -> RgbImage {
    let mut rng = SplitMix64::new(seed);
    let (w, h) = (i64::from(PORTRAIT_WIDTH), i64::from(PORTRAIT_HEIGHT));

    // Background: a base colour with a left-right gradient whose direction varies.
    let base = [rng.byte(70, 200), rng.byte(70, 200), rng.byte(70, 200)];
    let slope = rng.range(40, 90) * if rng.coin() { 1 } else { -1 };
    let vertical = rng.range(-30, 30);
    let mut image = RgbImage::from_fn(PORTRAIT_WIDTH, PORTRAIT_HEIGHT, |x, y| {
        let dx = (i64::from(x) * 2 - w) * slope / w / 2;
        let dy = (i64::from(y) * 2 - h) * vertical / h / 2;
        shade(base, i32::try_from(dx + dy).unwrap_or(0))
    });
    for _ in 0..rng.range(2, 4) {
        let (bx, by) = (rng.range(0, w), rng.range(0, h / 2));
        let radius = rng.range(50, 150);
        let delta = i32::try_from(rng.range(-60, 60)).unwrap_or(0);
        ellipse(&mut image, bx, by, radius, radius, shade(base, delta));
    }

    let skin = rng.pick(&SKIN_TONES, [224, 172, 125]);
    let hair = rng.pick(&HAIR_COLOURS, [20, 16, 14]);
    let clothes = [rng.byte(10, 230), rng.byte(10, 230), rng.byte(10, 230)];
    let hair_style = rng.range(0, 2);

    let head_x = w / 2 + rng.range(-50, 50);
    let head_y = 320 + rng.range(-40, 40);
    let head_rx = rng.range(110, 150);
    let head_ry = rng.range(150, 190);

    // Shoulders and neck.
    let shoulder_rx = rng.range(220, 290);
    ellipse(
        &mut image,
        w / 2 + (head_x - w / 2) / 2,
        h + 60,
        shoulder_rx,
        280,
        shade(clothes, 0),
    );
    let neck = head_rx * 2 / 5;
    rect(
        &mut image,
        head_x - neck,
        head_y + head_ry / 2,
        head_x + neck,
        head_y + head_ry + 70,
        shade(skin, -25),
    );

    // Long hair falls behind the head.
    if hair_style == 2 {
        ellipse(
            &mut image,
            head_x,
            head_y + 60,
            head_rx + 40,
            head_ry + 70,
            shade(hair, 0),
        );
    }
    // Ears, head.
    for side in [-1, 1] {
        ellipse(
            &mut image,
            head_x + side * head_rx,
            head_y + 10,
            22,
            38,
            shade(skin, -15),
        );
    }
    ellipse(&mut image, head_x, head_y, head_rx, head_ry, shade(skin, 0));

    // Hair cap: the part of a slightly larger ellipse above the hairline.
    if hair_style != 0 || rng.coin() {
        let hairline = head_y - head_ry / 3 + rng.range(-25, 15);
        ellipse_where(
            &mut image,
            (head_x, head_y - 8, head_rx + 12, head_ry + 10),
            shade(hair, 0),
            |_, y| y < hairline,
        );
    }

    // Eyes with pupils, eyebrows.
    let eye_y = head_y - 10 + rng.range(-15, 15);
    let eye_gap = head_rx * 2 / 5 + rng.range(-8, 8);
    let eye_r = rng.range(12, 18);
    let look = rng.range(-5, 5);
    for side in [-1, 1] {
        let eye_x = head_x + side * eye_gap;
        ellipse(
            &mut image,
            eye_x,
            eye_y,
            eye_r + 6,
            eye_r,
            Rgb([245, 245, 240]),
        );
        ellipse(
            &mut image,
            eye_x + look,
            eye_y,
            eye_r / 2,
            eye_r / 2,
            Rgb([30, 30, 40]),
        );
        let brow_y = eye_y - eye_r - rng.range(10, 20);
        rect(
            &mut image,
            eye_x - eye_r - 6,
            brow_y - 4,
            eye_x + eye_r + 6,
            brow_y + 4,
            shade(hair, -10),
        );
    }

    // Nose and mouth.
    let nose_y = eye_y + rng.range(45, 65);
    rect(
        &mut image,
        head_x - 6,
        eye_y + 15,
        head_x + 6,
        nose_y,
        shade(skin, -35),
    );
    let mouth_y = nose_y + rng.range(30, 50);
    let mouth_half = rng.range(25, 45);
    let mouth_thick = rng.range(4, 9);
    rect(
        &mut image,
        head_x - mouth_half,
        mouth_y - mouth_thick,
        head_x + mouth_half,
        mouth_y + mouth_thick,
        Rgb([150, 50, 60]),
    );
    image
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_clips_to_the_image() {
        let mut image = RgbImage::new(10, 10);
        ellipse(&mut image, -100, -100, 500, 500, Rgb([1, 2, 3]));
        rect(&mut image, 8, 8, 1000, 1000, Rgb([9, 9, 9]));
        assert_eq!(image.get_pixel_checked(0, 0), Some(&Rgb([1, 2, 3])));
        assert_eq!(image.get_pixel_checked(9, 9), Some(&Rgb([9, 9, 9])));
    }
}
