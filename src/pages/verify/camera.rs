//! The device's camera, opened for scanning: the back camera of a phone where there is one.

use js_sys::Reflect;
use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaDevices, MediaStream, MediaStreamConstraints, MediaStreamTrack};

/// Whether this browser can open a camera in the page at all: `navigator.mediaDevices` is
/// missing outside a secure context (a page served over plain HTTP) and in old browsers.
pub fn camera_supported() -> bool {
    media_devices().is_some()
}

/// Asks for the camera that faces away from the user; the browser asks the user first.
/// Fails when permission is refused or the device has no camera.
pub async fn open_camera() -> Result<MediaStream, JsValue> {
    let devices = media_devices().ok_or(JsValue::UNDEFINED)?;
    let video = js_sys::Object::new();
    Reflect::set(&video, &"facingMode".into(), &"environment".into())?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&video);
    let stream = JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?;
    stream.dyn_into()
}

/// Turns the camera off: every track of the stream, or its light stays on.
pub fn close_camera(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

fn media_devices() -> Option<MediaDevices> {
    let navigator = window().navigator();
    let devices = Reflect::get(&navigator, &"mediaDevices".into()).ok()?;
    let has_get_user_media =
        Reflect::get(&devices, &"getUserMedia".into()).is_ok_and(|get| get.is_function());
    (!devices.is_undefined() && has_get_user_media).then(|| devices.unchecked_into())
}
