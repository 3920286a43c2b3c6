use leptos::{html::H1, prelude::*};

use crate::i18n::*;

/// Whether a page heading has been shown yet. On the first page of a visit the browser starts
/// at the top, where the skip link is, and focus stays there; on every later page the new
/// heading takes focus, so a screen reader announces where the citizen has arrived.
#[derive(Debug, Clone, Copy)]
pub struct HeadingFocus(StoredValue<bool>);

impl HeadingFocus {
    /// `false` for the first heading of the visit, `true` for every later one.
    fn should_focus(self) -> bool {
        let seen_before = self.0.get_value();
        self.0.set_value(true);
        seen_before
    }
}

/// Provides the [`HeadingFocus`] that page headings share, unless one was given from above
/// ([`provide_heading_shown`]).
pub fn provide_heading_focus() {
    if use_context::<HeadingFocus>().is_none() {
        provide_context(HeadingFocus(StoredValue::new(false)));
    }
}

/// Says that the visit has shown a heading already: the app taking over from a public page
/// (`public_app.rs`) moves the citizen to another page, whose heading takes focus.
#[cfg(not(feature = "ssr"))]
pub fn provide_heading_shown() {
    provide_context(HeadingFocus(StoredValue::new(true)));
}

/// The page's one `<h1>`. It names the page in the document title, and takes focus when the
/// citizen arrives from another page of the portal.
#[component]
pub fn PageHeading(
    /// The page's title in the current language.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<H1>::new();
    let focus = use_context::<HeadingFocus>();

    Effect::new(move |_| {
        let portal_name = t_string!(i18n, shell.portal_name);
        document().set_title(&document_title(&title.get(), portal_name));
    });
    Effect::new(move |focused: Option<bool>| {
        if focused == Some(true) {
            return true;
        }
        let Some(heading) = heading.get() else {
            return false;
        };
        if focus.is_some_and(HeadingFocus::should_focus) {
            let _ = heading.focus();
        }
        true
    });

    view! {
        <h1 class="app-page-heading" tabindex="-1" node_ref=heading>
            {title}
        </h1>
    }
}

/// The document title of a page: the page's title, then the portal's name, so tabs, history
/// and screen readers name the page first.
pub fn document_title(page_title: &str, portal_name: &str) -> String {
    if page_title.is_empty() || page_title == portal_name {
        portal_name.to_owned()
    } else {
        format!("{page_title} – {portal_name}")
    }
}

#[cfg(test)]
mod tests {
    use super::document_title;

    #[test]
    fn the_page_comes_first_then_the_portal() {
        assert_eq!(
            document_title("Không tìm thấy trang", "Cổng dữ liệu dân cư"),
            "Không tìm thấy trang – Cổng dữ liệu dân cư"
        );
    }

    #[test]
    fn the_portal_alone_is_not_repeated() {
        assert_eq!(
            document_title("", "Population Data Portal"),
            "Population Data Portal"
        );
        assert_eq!(
            document_title("Population Data Portal", "Population Data Portal"),
            "Population Data Portal"
        );
    }
}
