//! The marks the server writes on every page's `<html>` as it reads the built app: the paper
//! this deployment prints on and, on a kiosk, the kiosk's own mark, by which the style sheet
//! lays the page out in the kiosk's larger type. `boot.js` reads the same settings from
//! `config.json`, but only once the page has painted its first content, so that nothing
//! competes with that paint on a slow phone: written here, a kiosk's first paint is already
//! its final layout.

use portal_api::ClientConfig;

/// The attributes written on `<html>`, each with its leading space.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMarks(String);

impl PageMarks {
    /// The marks of the deployment `config.json` describes.
    pub fn of(config: &ClientConfig) -> Self {
        let mut marks = format!(r#" data-print-paper="{}""#, config.print_paper.as_str());
        if config.kiosk {
            marks.push_str(" data-kiosk");
        }
        Self(marks)
    }

    /// `page` with the marks on its `<html>` element; `None` when there is nothing to change.
    pub fn apply(&self, page: &str) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let at = page.find("<html")? + "<html".len();
        page[at..]
            .starts_with([' ', '>'])
            .then(|| format!("{}{}{}", &page[..at], self.0, &page[at..]))
    }
}

#[cfg(test)]
mod tests {
    use portal_api::PrintPaper;

    use super::*;

    #[test]
    fn a_kiosk_page_is_marked_for_the_kiosk_and_its_paper() {
        let mut config = ClientConfig::kiosk();
        config.print_paper = PrintPaper::Receipt80mm;
        assert_eq!(
            PageMarks::of(&config)
                .apply("<!doctype html>\n<html lang=\"vi\"><head>")
                .as_deref(),
            Some(
                "<!doctype html>\n<html data-print-paper=\"receipt-80mm\" data-kiosk lang=\"vi\"><head>"
            )
        );
    }

    #[test]
    fn a_page_elsewhere_gets_only_its_paper() {
        let marked = PageMarks::of(&ClientConfig::default())
            .apply("<html>")
            .unwrap();
        assert_eq!(marked, r#"<html data-print-paper="a4">"#);
    }

    #[test]
    fn what_is_not_a_page_is_left_alone() {
        let marks = PageMarks::of(&ClientConfig::default());
        assert_eq!(marks.apply("<htmlx>"), None);
        assert_eq!(marks.apply("body { color: black }"), None);
        assert_eq!(PageMarks::default().apply("<html>"), None);
    }
}
