//! The demo documents' files: a small, valid one-page PDF naming the document, made on
//! request, so previews and downloads have a real file without shipping 10,000 of them.

use portal_api::fold_vietnamese;

/// A one-page PDF with these lines of text. The standard PDF fonts have no Vietnamese
/// letters, so the text is written without diacritics (the page says so in its footer).
pub fn one_page(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT /F1 14 Tf 56 780 Td 18 TL\n");
    for line in lines {
        content.push_str(&format!("({}) '\n", escape(&without_diacritics(line))));
    }
    content.push_str(
        "ET\nBT /F1 9 Tf 56 40 Td (Ban demo cua Cong du lieu dan cu - van ban khong dau) Tj ET\n",
    );

    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.extend_from_slice(table.as_bytes());
    pdf
}

/// The text with Vietnamese diacritics removed and its case kept: "Giấy" → "Giay".
fn without_diacritics(text: &str) -> String {
    text.chars()
        .map(|c| {
            let base = fold_vietnamese(c.encode_utf8(&mut [0; 4]));
            if c.is_uppercase() {
                base.to_uppercase()
            } else {
                base
            }
        })
        .collect()
}

/// Escapes the characters PDF strings reserve, and drops anything outside ASCII.
fn escape(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii)
        .flat_map(|c| match c {
            '(' | ')' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn makes_a_pdf_whose_cross_reference_points_at_its_objects() {
        let pdf = one_page(&["Giấy khai sinh (bản sao)".to_owned()]);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        assert!(find(&pdf, br"(Giay khai sinh \(ban sao\)) '").is_some());
        let start = find(&pdf, b"startxref\n").unwrap() + 10;
        let end = start + pdf[start..].iter().position(|b| *b == b'\n').unwrap();
        let xref: usize = std::str::from_utf8(&pdf[start..end])
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[xref..].starts_with(b"xref"));
        let first_object = find(&pdf, b"1 0 obj").unwrap();
        assert!(find(&pdf, format!("{first_object:010} 00000 n").as_bytes()).is_some());
    }
}
