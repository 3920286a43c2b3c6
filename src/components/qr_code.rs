use leptos::prelude::*;
use qrcode::{EcLevel, QrCode as Code, render::svg};

/// A QR code drawn as SVG, black on white with its quiet zone, so a phone reads it from a
/// screen or from paper. Its name says what it holds for people who cannot see it.
#[component]
pub fn QrCode(
    /// The text the code holds.
    #[prop(into)]
    text: String,
    /// What the code is, for screen readers (e.g. "QR code of your ID card").
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="app-qr" role="img" aria-label=move || label.get() inner_html=qr_svg(&text)></div>
    }
}

/// The SVG markup of `text` as a QR code (error correction M, as on the chip ID card); empty
/// if the text is too long for any QR version.
pub fn qr_svg(text: &str) -> String {
    let Ok(code) = Code::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let svg = code
        .render::<svg::Color>()
        .module_dimensions(8, 8)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // The XML prolog means nothing inside HTML.
    match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn draws_an_svg_without_the_xml_prolog() {
        let svg = qr_svg("001085012345|012345678|Nguyễn Văn An|14031985|Nam|Hà Nội|20022025");
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("<path fill=\"#000\""));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn longer_text_needs_a_bigger_code() {
        let short = qr_svg("001085012345");
        let long = qr_svg(&"Số 12, phố Trần Duy Hưng, Hà Nội|".repeat(8));
        assert!(long.len() > short.len());
    }
}
