//! Looking for a QR in the camera's current frame: with the browser's own `BarcodeDetector`
//! where it has one (Android's Chrome: fast, in native code), else with the same `rqrr`
//! reading as a photo.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlVideoElement;

use super::qr_image::QrCanvas;

/// Frames larger than this on their longer side are scaled down before `rqrr` reads them: a
/// QR held up to the camera fills much of the frame, and a smaller image keeps up with the video.
const FRAME_MAX_SIDE: f64 = 960.0;
/// `HTMLMediaElement.HAVE_CURRENT_DATA`: a frame is there to read.
const HAVE_CURRENT_DATA: u16 = 2;

/// Reads QR codes from the frames of one camera view.
pub struct FrameScanner {
    /// The browser's detector, dropped for good if it ever fails.
    detector: RefCell<Option<BarcodeDetector>>,
    canvas: QrCanvas,
}

impl FrameScanner {
    /// `None` only if the browser has no 2D canvas.
    pub fn new() -> Option<Self> {
        Some(Self {
            detector: RefCell::new(BarcodeDetector::new()),
            canvas: QrCanvas::new()?,
        })
    }

    /// The text of a QR code in the frame `video` shows now, if there is one. A frame the
    /// reader's chunk could not be fetched for counts as one without a code: the next frame
    /// tries again, and the page says how to go on without the camera.
    pub async fn scan(&self, video: &HtmlVideoElement) -> Option<String> {
        if video.ready_state() < HAVE_CURRENT_DATA {
            return None;
        }
        let detector = self.detector.borrow().clone();
        if let Some(detector) = detector {
            match detector.detect(video).await {
                Ok(text) => return text,
                // Some platforms expose the class but cannot run it: rqrr from now on.
                Err(_) => {
                    self.detector.replace(None);
                }
            }
        }
        let (width, height) = (
            f64::from(video.video_width()),
            f64::from(video.video_height()),
        );
        let scale = (FRAME_MAX_SIDE / width.max(height)).min(1.0);
        let (width, height) = ((width * scale).round(), (height * scale).round());
        self.canvas
            .read(width, height, |context| {
                context.draw_image_with_html_video_element_and_dw_and_dh(
                    video, 0.0, 0.0, width, height,
                )
            })
            .await
            .ok()
            .flatten()
    }
}

/// The browser's `BarcodeDetector` for QR codes (the Shape Detection API), which web-sys
/// does not bind: called through `Reflect`.
#[derive(Clone)]
struct BarcodeDetector(Object);

impl BarcodeDetector {
    /// `None` where the browser has no `BarcodeDetector` or it does not read QR codes.
    fn new() -> Option<Self> {
        let class: Function = Reflect::get(&js_sys::global(), &"BarcodeDetector".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        let formats = Array::of1(&"qr_code".into());
        Reflect::set(&options, &"formats".into(), &formats).ok()?;
        let detector = Reflect::construct(&class, &Array::of1(&options)).ok()?;
        detector.dyn_into().ok().map(Self)
    }

    /// The text of the first QR code in the video's frame, if any.
    async fn detect(&self, video: &HtmlVideoElement) -> Result<Option<String>, JsValue> {
        let detect: Function = Reflect::get(&self.0, &"detect".into())?.dyn_into()?;
        let promise: Promise = detect.call1(&self.0, video)?.dyn_into()?;
        let found: Array = JsFuture::from(promise).await?.dyn_into()?;
        let first = found.get(0);
        if first.is_undefined() {
            return Ok(None);
        }
        Ok(Reflect::get(&first, &"rawValue".into())?.as_string())
    }
}
