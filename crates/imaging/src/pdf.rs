//! The bones of a PDF 1.4 file: numbered objects, then the cross-reference table and trailer
//! (the flyer and text documents are written with it).

use std::fmt::Write as _;

/// A PDF being written, object by object.
#[derive(Debug)]
pub(crate) struct PdfFile {
    bytes: Vec<u8>,
    offsets: Vec<usize>,
}

impl PdfFile {
    pub(crate) fn new() -> PdfFile {
        PdfFile {
            bytes: b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec(),
            offsets: Vec::new(),
        }
    }

    /// Appends the next object (numbered from 1); object 1 is the catalog.
    pub(crate) fn object(&mut self, body: &[u8]) {
        self.offsets.push(self.bytes.len());
        let number = self.offsets.len();
        self.bytes
            .extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        self.bytes.extend_from_slice(body);
        self.bytes.extend_from_slice(b"\nendobj\n");
    }

    /// Appends a content stream object.
    pub(crate) fn stream(&mut self, content: &str) {
        let mut body = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        body.extend_from_slice(content.as_bytes());
        body.extend_from_slice(b"\nendstream");
        self.object(&body);
    }

    /// The file: its objects, the cross-reference table and the trailer.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        let xref = self.bytes.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for offset in &self.offsets {
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1
        );
        self.bytes.extend_from_slice(table.as_bytes());
        self.bytes
    }
}
