//! A printable text document as PDF: a title, then lines wrapped to the page, over as many
//! pages as they need, each page numbered (written notices and reports). Written by hand like
//! the flyer (PDF 1.4, Helvetica), so no PDF library is needed.

use std::fmt::Write as _;

use crate::flyer::{pdf_string, wrap};
use crate::pdf::PdfFile;

const PAGE_WIDTH: u32 = 612;
const PAGE_HEIGHT: u32 = 792;
const MARGIN: u32 = 54;
/// Characters per line of 10 pt Helvetica across the text width.
const COLUMNS: usize = 95;
const LINE_HEIGHT: f64 = 13.0;
/// Lines of text per page under the title.
const LINES_PER_PAGE: usize = 50;

/// The document as a PDF.
pub fn text_pdf(title: &str, lines: &[String]) -> Vec<u8> {
    let mut wrapped: Vec<String> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            wrapped.push(String::new());
        } else {
            // Indentation kept on the first line of a wrapped paragraph.
            let indent = line.len() - line.trim_start().len();
            for (i, part) in wrap(line, COLUMNS - indent).into_iter().enumerate() {
                let pad = if i == 0 { indent } else { indent + 3 };
                wrapped.push(format!("{}{part}", " ".repeat(pad)));
            }
        }
    }
    let pages: Vec<&[String]> = if wrapped.is_empty() {
        vec![&[]]
    } else {
        wrapped.chunks(LINES_PER_PAGE).collect()
    };
    let count = pages.len();

    let mut pdf = PdfFile::new();
    // 1 catalog, 2 pages, 3 font, then a page and its content per page.
    let kids: Vec<String> = (0..count).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {count} >>",
            kids.join(" ")
        )
        .as_bytes(),
    );
    pdf.object(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    );
    for (n, page) in pages.iter().enumerate() {
        let mut content = String::new();
        let top = PAGE_HEIGHT - MARGIN;
        let _ = writeln!(
            content,
            "BT /F1 14 Tf {MARGIN} {} Td ({}) Tj ET",
            top - 14,
            pdf_string(title)
        );
        let mut y = f64::from(top) - 40.0;
        for line in *page {
            let _ = writeln!(
                content,
                "BT /F1 10 Tf {MARGIN} {y:.2} Td ({}) Tj ET",
                pdf_string(line)
            );
            y -= LINE_HEIGHT;
        }
        let _ = writeln!(
            content,
            "BT /F1 8 Tf {MARGIN} {} Td ({}) Tj ET",
            MARGIN - 20,
            pdf_string(&format!("{title} - PAGE {} OF {count}", n + 1))
        );
        pdf.object(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * n
            )
            .as_bytes(),
        );
        pdf.stream(&content);
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_document_runs_over_numbered_pages_with_every_line() {
        let lines: Vec<String> = (1..=120)
            .map(|n| format!("LINE {n} (OF THE REPORT)"))
            .collect();
        let pdf = text_pdf("LEADS AUDIT REPORT - IL0160000", &lines);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.contains("/Count 3"), "120 lines take three pages");
        assert!(text.contains("PAGE 3 OF 3"));
        assert!(
            text.contains("(LINE 120 \\(OF THE REPORT\\))"),
            "escaped and kept"
        );
        assert!(text.trim_end().ends_with("%%EOF"));
    }
}
