//! The camera, open: its live picture, read for a QR about four times a second until one is
//! found or the verifier stops it. The camera is on exactly while this view is in the page.

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
    time::Duration,
};

use leptos::{
    html::{Button, Video},
    prelude::*,
    task::spawn_local,
};
use send_wrapper::SendWrapper;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlVideoElement, MediaStream};

use super::camera::{close_camera, open_camera};
use super::frame_scanner::FrameScanner;
use super::qr_image::preload_reader;
use crate::hooks::use_focus_on_show;
use crate::i18n::*;
use crate::text::tr;

/// How often a frame is read: a code held still is found within a moment, and the phone's
/// processor is left mostly to the video.
const SCAN_EVERY: Duration = Duration::from_millis(250);

/// The live camera view with its stop button, which takes focus when it appears.
#[component]
pub fn CameraView(
    /// Called with the text of the QR found; the camera is already off.
    on_code: Callback<String>,
    /// Called when the camera cannot be opened: no permission, or no camera.
    on_denied: Callback<()>,
    /// Called when the verifier presses stop.
    on_stop: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let video = NodeRef::<Video>::new();
    let stop_button = NodeRef::<Button>::new();
    use_focus_on_show(stop_button);
    let live = RwSignal::new(false);
    let camera = Rc::new(RefCell::new(Camera::default()));
    // Leaving the page, stopping, or a code found: the light goes off in every case.
    on_cleanup({
        let camera = SendWrapper::new(Rc::clone(&camera));
        move || camera.borrow_mut().close()
    });
    // The reader's code arrives while the browser asks for the camera, not after.
    spawn_local(preload_reader());
    spawn_local(async move {
        let opened = open_camera().await;
        if camera.borrow().closed {
            // The verifier stopped or left while the browser was asking.
            if let Ok(stream) = opened {
                close_camera(&stream);
            }
            return;
        }
        let Ok(stream) = opened else {
            on_denied.run(());
            return;
        };
        // Not `stream.clone()`: web-sys binds JS `MediaStream.clone()` under that name, which
        // makes a second stream with tracks of its own, and stopping those leaves the camera on.
        camera.borrow_mut().stream = Some(Clone::clone(&stream));
        let (Some(element), Some(scanner)) = (video.get_untracked(), FrameScanner::new()) else {
            on_denied.run(());
            return;
        };
        show(&element, &stream);
        live.set(true);
        let scan = Rc::new(Scan {
            scanner,
            video: element.clone(),
            busy: Cell::new(false),
            camera: Rc::clone(&camera),
            on_code,
        });
        if let Ok(timer) = set_interval_with_handle(move || scan_frame(&scan), SCAN_EVERY) {
            camera.borrow_mut().timer = Some(timer);
        }
        // `autoplay` starts it too; awaited so that a refusal to play is not an uncaught error.
        if let Ok(playing) = element.play() {
            let _ = JsFuture::from(playing).await;
        }
    });

    let starting = tr(i18n, |l| td_string!(l, verify.camera_starting));
    view! {
        <div class="app-camera">
            <p class="app-body app-status-line" role="status">
                {move || if live.get() { "" } else { starting() }}
            </p>
            <video
                node_ref=video
                class="app-camera__view"
                aria-label=tr(i18n, |l| td_string!(l, verify.camera_view_label))
                aria-describedby="camera-hint"
                autoplay=true
                muted=true
                playsinline=true
            ></video>
            <p class="app-field__hint" id="camera-hint">{tr(i18n, |l| td_string!(l, verify.camera_hint))}</p>
            <button
                type="button"
                class="app-button app-button--secondary"
                node_ref=stop_button
                on:click=move |_| on_stop.run(())
            >
                {tr(i18n, |l| td_string!(l, verify.camera_stop))}
            </button>
        </div>
    }
}

/// The camera while the view is up: its stream and the timer that reads its frames.
#[derive(Default)]
struct Camera {
    stream: Option<MediaStream>,
    timer: Option<IntervalHandle>,
    /// Set once the view is gone: a stream the browser hands over later is closed at once.
    closed: bool,
}

impl Camera {
    fn close(&mut self) {
        self.closed = true;
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        if let Some(stream) = self.stream.take() {
            close_camera(&stream);
        }
    }
}

/// What reading the frames of one open camera needs.
struct Scan {
    scanner: FrameScanner,
    video: HtmlVideoElement,
    /// A frame is being read: the next tick is skipped rather than queued.
    busy: Cell<bool>,
    camera: Rc<RefCell<Camera>>,
    on_code: Callback<String>,
}

/// Reads the current frame; on a code, closes the camera and hands the code on.
fn scan_frame(scan: &Rc<Scan>) {
    if scan.busy.replace(true) {
        return;
    }
    let scan = Rc::clone(scan);
    spawn_local(async move {
        let found = scan.scanner.scan(&scan.video).await;
        scan.busy.set(false);
        if let Some(text) = found
            && !scan.camera.borrow().closed
        {
            scan.camera.borrow_mut().close();
            scan.on_code.run(text);
        }
    });
}

/// Shows the stream in the video element, muted (the attribute alone does not mute an element
/// made by script, and an unmuted video may not start by itself).
fn show(video: &HtmlVideoElement, stream: &MediaStream) {
    video.set_muted(true);
    video.set_src_object(Some(stream));
}
