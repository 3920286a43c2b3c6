use leptos::prelude::*;

use super::Text;
use crate::i18n::*;
use crate::text::tr;

/// The id of a field's `index`th choice: the first has the field's own id, which the error
/// summary links to; the others are numbered.
pub fn choice_id(name: &str, index: usize) -> String {
    if index == 0 {
        name.to_owned()
    } else {
        format!("{name}-{index}")
    }
}

/// Radio buttons that choose a number (minutes, hours) from fixed options, each with its
/// label. Put them in a fieldset whose legend asks the question.
#[component]
pub fn NumberRadios(
    /// The field's name.
    name: &'static str,
    /// The values offered, with their labels.
    options: &'static [(u32, Text)],
    /// The chosen value.
    value: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    options
        .iter()
        .enumerate()
        .map(|(index, &(option, label))| {
            let id = choice_id(name, index);
            view! {
                <div class="app-choice">
                    <input
                        class="app-choice__input"
                        type="radio"
                        id=id.clone()
                        name=name
                        prop:checked=move || value.get() == option
                        on:change=move |_| value.set(option)
                    />
                    <label class="app-choice__label" for=id>{tr(i18n, label)}</label>
                </div>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_choice_has_the_field_id_the_summary_links_to() {
        assert_eq!(choice_id("fields", 0), "fields");
        assert_eq!(choice_id("fields", 2), "fields-2");
    }
}
