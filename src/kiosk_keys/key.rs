use leptos::prelude::*;

/// One key: a button as large as a fingertip that types without taking the focus from the
/// field (a tap or a click leaves the caret where it is), while a keyboard or switch user
/// can still reach it and press it like any button.
#[component]
pub fn Key(
    /// What pressing it does.
    on_press: Callback<()>,
    /// Its face, which is also its name.
    children: Children,
    /// A wider key (space, enter...).
    #[prop(optional)]
    wide: bool,
    /// A key that stays on or off (shift, the symbol rows).
    #[prop(optional, into)]
    pressed: Option<Signal<bool>>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="app-key"
            class:app-key--wide=wide
            aria-pressed=move || pressed.map(|p| if p.get() { "true" } else { "false" })
            on:pointerdown=|event| event.prevent_default()
            on:click=move |_| on_press.run(())
        >
            {children()}
        </button>
    }
}
