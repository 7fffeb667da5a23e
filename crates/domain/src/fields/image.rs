//! Image fields: the image number (IMN, rule I2) and the crop frame (CRP, rule I4).

use std::fmt;

use super::ids::{BASE36, Lrn};
use super::shape::{all_digits, identifier};
use crate::error::{Edit, FieldError};

/// How an image number was formed (rule I2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImnScheme {
    /// An image on a record shared with NCIC: `I` and nine digits, like an NCIC number.
    Ncic,
    /// An image on a LEADS-only record (VOAY/Murderer): the LEADS record number, the image type
    /// and a base-36 sequence, e.g. `X17A4394M0`.
    Leads,
}

/// Image number (IMN).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Imn(String);

const IMN_SHAPE: &str = "MUST BE I AND 9 DIGITS, OR A LEADS NUMBER, IMAGE TYPE AND 1 CHARACTER";

impl Imn {
    /// Parses an image number of either scheme.
    pub fn parse(raw: &str) -> Result<Imn, FieldError> {
        let value = identifier("IMN", raw, 10, 10)?;
        let imn = Imn(value);
        if imn.scheme().is_some() {
            Ok(imn)
        } else {
            Err(FieldError::new("IMN", raw, Edit::Format(IMN_SHAPE)))
        }
    }

    /// The number of the `serial`-th image on records shared with NCIC.
    pub fn ncic(serial: u64) -> Option<Imn> {
        (serial <= 999_999_999).then(|| Imn(format!("I{serial:09}")))
    }

    /// The number of the `sequence`-th image of type `image_type` (`M`, `S`, `I`) on a LEADS-only
    /// record; at most 36 per type and record.
    pub fn leads(lrn: &Lrn, image_type: &str, sequence: u32) -> Option<Imn> {
        let kind = image_type.as_bytes();
        let seq = *BASE36.get(usize::try_from(sequence).ok()?)?;
        matches!(kind, b"M" | b"S" | b"I")
            .then(|| Imn(format!("{lrn}{image_type}{}", char::from(seq))))
    }

    /// Which scheme formed the number.
    pub fn scheme(&self) -> Option<ImnScheme> {
        let (first, rest) = self.0.split_at_checked(1)?;
        if first == "I" && all_digits(rest) {
            return Some(ImnScheme::Ncic);
        }
        let (lrn, suffix) = self.0.split_at_checked(8)?;
        let suffix = suffix.as_bytes();
        let type_ok = matches!(suffix.first(), Some(b'M' | b'S' | b'I'));
        let seq_ok = suffix.get(1).is_some_and(|c| BASE36.contains(c));
        (Lrn::parse(lrn).is_ok() && type_ok && seq_ok).then_some(ImnScheme::Leads)
    }

    /// For a LEADS-scheme number, the record it belongs to.
    pub fn record_lrn(&self) -> Option<Lrn> {
        match self.scheme()? {
            ImnScheme::Leads => Lrn::parse(self.0.get(..8)?).ok(),
            ImnScheme::Ncic => None,
        }
    }

    /// The number text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Imn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The operator's crop frame (CRP, ours): `X,Y,WIDTH,HEIGHT` in pixels of the upright image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CropBox {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
}

impl CropBox {
    /// Parses `X,Y,WIDTH,HEIGHT`; width and height at least 1.
    pub fn parse(raw: &str) -> Result<CropBox, FieldError> {
        let bad = || FieldError::new("CRP", raw, Edit::Format("MUST BE X,Y,WIDTH,HEIGHT"));
        let parts: Vec<u32> = raw
            .split(',')
            .map(|p| p.trim().parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        match parts.as_slice() {
            [x, y, width, height]
                if *width > 0 && *height > 0 && *width <= 100_000 && *height <= 100_000 =>
            {
                Ok(CropBox {
                    x: *x,
                    y: *y,
                    width: *width,
                    height: *height,
                })
            }
            _ => Err(bad()),
        }
    }

    pub fn x(&self) -> u32 {
        self.x
    }

    pub fn y(&self) -> u32 {
        self.y
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }
}

impl fmt::Display for CropBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{},{}", self.x, self.y, self.width, self.height)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "test code")]
mod tests {
    use super::*;

    #[test]
    fn i2_both_image_number_schemes_parse_and_are_told_apart() {
        let ncic = Imn::parse("i000000042").unwrap();
        assert_eq!(ncic.scheme(), Some(ImnScheme::Ncic));
        assert_eq!(ncic.record_lrn(), None);
        let leads = Imn::parse("X17A4394M0").unwrap();
        assert_eq!(leads.scheme(), Some(ImnScheme::Leads));
        assert_eq!(leads.record_lrn().unwrap().as_str(), "X17A4394");
        for bad in ["X17A4394Q0", "I00000004X", "X1AA4394M0", "W12345678"] {
            assert!(Imn::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn i2_image_numbers_are_formed_per_scheme() {
        let lrn = Lrn::parse("X17A4394").unwrap();
        assert_eq!(Imn::leads(&lrn, "M", 0).unwrap().as_str(), "X17A4394M0");
        assert_eq!(Imn::leads(&lrn, "I", 35).unwrap().as_str(), "X17A4394IZ");
        assert_eq!(Imn::leads(&lrn, "M", 36), None);
        assert_eq!(Imn::leads(&lrn, "Q", 1), None);
        assert_eq!(Imn::ncic(42).unwrap().as_str(), "I000000042");
        assert_eq!(Imn::ncic(1_000_000_000), None);
    }

    #[test]
    fn crop_boxes_parse() {
        assert_eq!(
            CropBox::parse("0, 10,400,500").unwrap().to_string(),
            "0,10,400,500"
        );
        for bad in ["1,2,3", "A,B,C,D", "0,0,0,5", "0,0,5,-1", "0,0,200000,5"] {
            assert!(CropBox::parse(bad).is_err(), "{bad}");
        }
    }
}
