//! A one-page PDF for an image released to the public: heading, the picture, the lines the
//! releasing agency gives and a disclaimer, wrapped to the page. Written by hand (PDF 1.4, the
//! picture embedded as it is with `DCTDecode`), so no PDF library is needed.

use std::fmt::Write as _;

use crate::error::ImageError;
use crate::pdf::PdfFile;

/// What the flyer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlyerText<'a> {
    pub heading: &'a str,
    pub lines: &'a [String],
    /// Printed in full at the foot of the page.
    pub disclaimer: &'a str,
}

const PAGE_WIDTH: u32 = 612;
const PAGE_HEIGHT: u32 = 792;
const MARGIN: u32 = 54;
/// Characters per line of the disclaimer (Helvetica 9 pt across the text width).
const DISCLAIMER_COLUMNS: usize = 100;

/// Escapes text for a PDF string literal (ASCII; anything else becomes `?`).
pub(crate) fn pdf_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// Splits text into lines of at most `columns` characters at spaces.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The flyer PDF with `jpeg` (a baseline JPEG) as its picture.
///
/// # Errors
/// [`ImageError::Corrupt`] if the JPEG cannot be read.
pub fn flyer_pdf(jpeg: &[u8], text: &FlyerText<'_>) -> Result<Vec<u8>, ImageError> {
    let picture = image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg)
        .map_err(|e| ImageError::Corrupt(e.to_string()))?;
    let (width, height) = (picture.width(), picture.height());
    let colour = if picture.color().has_color() {
        "/DeviceRGB"
    } else {
        "/DeviceGray"
    };
    // The picture: at most 300 pt high and 240 pt wide, centred under the heading.
    let scale = f64::min(240.0 / f64::from(width), 300.0 / f64::from(height));
    let (shown_w, shown_h) = (f64::from(width) * scale, f64::from(height) * scale);
    let left = (f64::from(PAGE_WIDTH) - shown_w) / 2.0;
    let top = f64::from(PAGE_HEIGHT - MARGIN) - 40.0;
    let mut content = String::new();
    let _ = writeln!(
        content,
        "BT /F1 20 Tf {MARGIN} {} Td ({}) Tj ET",
        PAGE_HEIGHT - MARGIN - 20,
        pdf_string(text.heading)
    );
    let _ = writeln!(
        content,
        "q {shown_w:.2} 0 0 {shown_h:.2} {left:.2} {:.2} cm /Im1 Do Q",
        top - shown_h
    );
    let mut y = top - shown_h - 30.0;
    for line in text.lines {
        let _ = writeln!(
            content,
            "BT /F1 12 Tf {MARGIN} {y:.2} Td ({}) Tj ET",
            pdf_string(line)
        );
        y -= 16.0;
    }
    y = f64::from(MARGIN) + 60.0;
    for line in wrap(text.disclaimer, DISCLAIMER_COLUMNS) {
        let _ = writeln!(
            content,
            "BT /F1 9 Tf {MARGIN} {y:.2} Td ({}) Tj ET",
            pdf_string(&line)
        );
        y -= 11.0;
    }

    let mut pdf = PdfFile::new();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
             /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>"
        )
        .as_bytes(),
    );
    pdf.object(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    );
    let mut image_object = format!(
        "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colour} \
         /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image_object.extend_from_slice(jpeg);
    image_object.extend_from_slice(b"\nendstream");
    pdf.object(&image_object);
    pdf.stream(&content);
    Ok(pdf.finish())
}
