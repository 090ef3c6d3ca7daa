//! QR code decoding for the medproof web app, compiled to its own small WebAssembly module.
//!
//! Chromium on Linux has no `BarcodeDetector`, so the app decodes camera frames and uploaded
//! photos itself. Decoding lives apart from the verifier so that pages which never scan do not
//! download it. The finder-pattern search and Reed-Solomon decoding are `rqrr`'s; this crate only
//! adapts RGBA canvas pixels to it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use wasm_bindgen::prelude::*;

/// Luma of an RGBA pixel (ITU-R BT.601 weights, integer arithmetic).
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((299 * r as u32 + 587 * g as u32 + 114 * b as u32) / 1000) as u8
}

/// Decode every QR code found in a grayscale image of `width` × `height` pixels (row-major).
///
/// Returns the text of each code that decodes; codes that are found but do not decode are
/// skipped. A buffer of the wrong size gives no codes, never a panic.
pub fn decode_gray(gray: &[u8], width: usize, height: usize) -> Vec<String> {
    if width == 0 || height == 0 || width.checked_mul(height) != Some(gray.len()) {
        return Vec::new();
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| gray[y * width + x]);
    img.detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_meta, text)| text))
        .collect()
}

/// Decode every QR code in RGBA pixels as a canvas's `getImageData()` gives them.
///
/// Returns an array of strings (empty when no code decodes or the buffer does not match
/// `width * height * 4`).
#[wasm_bindgen(js_name = decodeQrRgba)]
pub fn decode_qr_rgba(rgba: &[u8], width: u32, height: u32) -> Vec<String> {
    let (w, h) = (width as usize, height as usize);
    if w.checked_mul(h).and_then(|n| n.checked_mul(4)) != Some(rgba.len()) {
        return Vec::new();
    }
    let gray: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| luma(p[0], p[1], p[2]))
        .collect();
    decode_gray(&gray, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Render `text` as a QR code into RGBA pixels with a quiet zone, `scale` pixels per module.
    fn render(text: &str, scale: usize) -> (Vec<u8>, usize) {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
        let n = code.width();
        let size = (n + 8) * scale;
        let mut rgba = vec![255u8; size * size * 4];
        for y in 0..n {
            for x in 0..n {
                if code[(x, y)] == qrcode::Color::Dark {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let px = ((y + 4) * scale + dy) * size + (x + 4) * scale + dx;
                            rgba[px * 4..px * 4 + 3].fill(0);
                        }
                    }
                }
            }
        }
        (rgba, size)
    }

    #[test]
    fn decodes_a_gs1_digital_link() {
        let link = "https://id.example.org/01/09506000134352/10/LOT42/21/SER0001?17=271231";
        let (rgba, size) = render(link, 4);
        assert_eq!(
            decode_qr_rgba(&rgba, size as u32, size as u32),
            vec![link.to_string()]
        );
    }

    #[test]
    fn blank_and_malformed_images_give_nothing() {
        assert!(decode_qr_rgba(&vec![255; 64 * 64 * 4], 64, 64).is_empty());
        assert!(decode_qr_rgba(&[0; 10], 64, 64).is_empty());
        assert!(decode_qr_rgba(&[], 0, 0).is_empty());
        assert!(decode_qr_rgba(&[0; 16], u32::MAX, u32::MAX).is_empty());
    }
}
