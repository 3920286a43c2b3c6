use leptos::prelude::*;
use portal_api::PersonalId;

use crate::i18n::*;
use crate::text::tr;

/// Another person's ID number, masked (`001•••••••45`) until the citizen asks to see it, so a
/// glance over a shoulder, at a kiosk or on a printout, does not read it.
#[component]
pub fn MaskedId(
    /// The number.
    id: PersonalId,
    /// Whose it is, for the button's name ("Show the ID number of Trần Thị Bình").
    #[prop(into)]
    owner: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    let masked = id.masked();
    let full = id.as_str().to_owned();
    view! {
        <span class="app-masked-id">
            <span class="app-masked-id__number">
                {move || if shown.get() { full.clone() } else { masked.clone() }}
            </span>
            " "
            <button
                type="button"
                class="app-link-button app-masked-id__toggle"
                on:click=move |_| shown.update(|shown| *shown = !*shown)
            >
                {move || {
                    if shown.get() {
                        tr(i18n, |l| td_string!(l, record.hide_id))()
                    } else {
                        tr(i18n, |l| td_string!(l, record.show_id))()
                    }
                }}
                <span class="app-visually-hidden">
                    " " {t!(i18n, record.show_id_of, name = move || owner.clone())}
                </span>
            </button>
        </span>
    }
}
