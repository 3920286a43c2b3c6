//! Reading a QR from a picture, all on the device: the browser paints the picture (a photo,
//! or a frame of the camera) onto a canvas, and `rqrr` finds the code in its greyscale
//! pixels. The picture is never sent anywhere. `rqrr` is in a chunk of its own, fetched when
//! a photo is chosen or the camera opens: most visitors arrive from a QR with the code in the
//! address and never need it.

use leptos::wasm_split::wasm_split;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

use crate::lazy_routes::ChunkNotLoaded;

/// Larger photos are scaled down to this many pixels on their longer side: a phone photo of
/// 4000 px makes the search slow, and a QR filling part of it still has modules of a few px.
const MAX_SIDE: f64 = 1600.0;
/// Smaller images (a screenshot of the QR alone) are scaled up to this, without smoothing:
/// the finder patterns of a QR with modules of 4 px or less are too small for `rqrr`.
const MIN_SIDE: f64 = 1000.0;

/// The text of the first QR code found in `file`; `None` if the browser cannot read the
/// image or no code is found; `Err` if the reader's chunk could not be fetched.
pub async fn read_qr(file: &File) -> Result<Option<String>, ChunkNotLoaded> {
    let Some(bitmap) = bitmap_of(file).await else {
        return Ok(None);
    };
    let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let longest = width.max(height);
    let scale = if longest > MAX_SIDE {
        MAX_SIDE / longest
    } else {
        (MIN_SIDE / longest).max(1.0).floor()
    };
    let (width, height) = ((width * scale).round(), (height * scale).round());
    let text = match QrCanvas::new() {
        Some(canvas) => {
            canvas
                .read(width, height, |context| {
                    context.draw_image_with_image_bitmap_and_dw_and_dh(
                        &bitmap, 0.0, 0.0, width, height,
                    )
                })
                .await
        }
        None => Ok(None),
    };
    bitmap.close();
    text
}

/// The browser's decoding of the photo; `None` if it is not an image it can read.
async fn bitmap_of(file: &File) -> Option<ImageBitmap> {
    let promise = leptos::prelude::window()
        .create_image_bitmap_with_blob(file)
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// A canvas to paint a picture on and look for a QR in: one for a photo, one kept for all the
/// frames of a camera.
pub struct QrCanvas {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl QrCanvas {
    /// A canvas outside the page; `None` only if the browser has no 2D canvas.
    pub fn new() -> Option<Self> {
        let canvas: HtmlCanvasElement = leptos::prelude::document()
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        // Every frame is read back: the browser keeps such a canvas in memory, not on the GPU.
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE).ok()?;
        let context = canvas
            .get_context_with_context_options("2d", &options)
            .ok()??
            .dyn_into()
            .ok()?;
        Some(Self { canvas, context })
    }

    /// The text of the first QR code in what `paint` draws on a canvas of `width` × `height`
    /// px; `None` if painting fails or no code is found; `Err` if the reader's chunk could not
    /// be fetched.
    pub async fn read(
        &self,
        width: f64,
        height: f64,
        paint: impl FnOnce(&CanvasRenderingContext2d) -> Result<(), JsValue>,
    ) -> Result<Option<String>, ChunkNotLoaded> {
        let Some(picture) = self.paint(width, height, paint) else {
            return Ok(None);
        };
        find_qr(&picture).await
    }

    /// The pixels of what `paint` draws; `None` if painting fails.
    fn paint(
        &self,
        width: f64,
        height: f64,
        paint: impl FnOnce(&CanvasRenderingContext2d) -> Result<(), JsValue>,
    ) -> Option<Picture> {
        // Resizing clears the canvas and its settings, so smoothing is turned off after it.
        self.canvas.set_width(width as u32);
        self.canvas.set_height(height as u32);
        self.context.set_image_smoothing_enabled(false);
        paint(&self.context).ok()?;
        let rgba = self
            .context
            .get_image_data(0.0, 0.0, width, height)
            .ok()?
            .data();
        Some(Picture {
            width: width as usize,
            height: height as usize,
            rgba: rgba.0,
        })
    }
}

/// An RGBA picture, handed to the reader's chunk behind one pointer.
struct Picture {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

/// Fetches the reader's chunk ahead of need, as the camera opens, so the first frames are read
/// at once. A failure is left to the reading, which tries again.
pub async fn preload_reader() {
    let _ = preload_qr_reader().await;
}

/// `rqrr`'s reading, split into the `qr_reader` chunk.
#[wasm_split(qr_reader, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_qr_reader))]
fn find_qr(picture: &Picture) -> Result<Option<String>, ChunkNotLoaded> {
    Ok(decode_rgba(picture.width, picture.height, &picture.rgba))
}

/// The text of the first QR code in an RGBA image, `width` × `height`.
pub fn decode_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<String> {
    if rgba.len() < width * height * 4 {
        return None;
    }
    // Rec. 601 luma: the weights every greyscale conversion of a photo uses.
    let grey: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| {
            ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000) as u8
        })
        .collect();
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

#[cfg(test)]
mod tests {
    use super::decode_rgba;

    /// An RGBA image of `text` as a QR, 4 px a module, with its quiet zone.
    fn qr_image(text: &str) -> (usize, usize, Vec<u8>) {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
        let modules = code.width();
        let colors = code.to_colors();
        let (scale, quiet) = (4, 4);
        let side = (modules + 2 * quiet) * scale;
        let mut rgba = vec![255_u8; side * side * 4];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (
                    (x / scale).wrapping_sub(quiet),
                    (y / scale).wrapping_sub(quiet),
                );
                if mx < modules && my < modules && colors[my * modules + mx] == qrcode::Color::Dark
                {
                    let at = (y * side + x) * 4;
                    rgba[at..at + 3].fill(0);
                }
            }
        }
        (side, side, rgba)
    }

    #[test]
    fn finds_the_code_in_an_image() {
        let text = "https://portal.example/verify#eyJ2IjoxfQ.AAAA";
        let (width, height, rgba) = qr_image(text);
        assert_eq!(decode_rgba(width, height, &rgba).as_deref(), Some(text));
    }

    #[test]
    fn a_blank_image_has_no_code() {
        assert_eq!(decode_rgba(40, 40, &vec![255; 40 * 40 * 4]), None);
        assert_eq!(decode_rgba(40, 40, &[]), None);
    }
}
