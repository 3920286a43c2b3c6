//! Waiting in async code: the browser's `setTimeout` as a future, so a task can pause between
//! two requests without a timer crate.

use wasm_bindgen_futures::JsFuture;

/// Resolves after `ms` milliseconds (at once if the browser refuses the timer).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}
