//! The compact bundle form (`MP1:` + Base45 of zlib) and QR code images as PNG.

use miniz_oxide::deflate::compress_to_vec_zlib;

/// The Base45 alphabet (RFC 9285).
const BASE45: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// RFC 9285 Base45: each two bytes as three characters (low digit first), a last odd byte as
/// two.
pub fn base45(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 2);
    let mut push = |v: usize| out.push(char::from(BASE45[v % 45]));
    for pair in bytes.chunks(2) {
        match pair {
            [a, b] => {
                let n = usize::from(*a) * 256 + usize::from(*b);
                push(n);
                push(n / 45);
                push(n / 2025);
            }
            [a] => {
                let n = usize::from(*a);
                push(n);
                push(n / 45);
            }
            _ => {}
        }
    }
    out
}

/// The compact form of a bundle: `MP1:` + Base45(zlib(minified JSON)).
pub fn compact(bundle: &serde_json::Value) -> String {
    let json = bundle.to_string();
    format!("MP1:{}", base45(&compress_to_vec_zlib(json.as_bytes(), 10)))
}

/// The most alphanumeric characters one QR code holds (version 40, level L).
pub const QR_ALPHANUMERIC_CAPACITY: usize = 4_296;
/// The most bytes one QR code holds in byte mode (version 40, level L).
pub const QR_BYTE_CAPACITY: usize = 2_953;

/// A QR code of `text` as a PNG (black on white, 4-module quiet zone, `scale` pixels a module);
/// `None` if it does not fit one code.
pub fn qr_png(text: &str, scale: usize) -> Option<Vec<u8>> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).ok()?;
    let width = code.width();
    let modules = code.to_colors();
    let quiet = 4;
    let side = (width + 2 * quiet) * scale;
    let mut raw = Vec::with_capacity(side * (side + 1));
    for y in 0..side {
        raw.push(0u8); // filter type: none
        for x in 0..side {
            let (mx, my) = (
                (x / scale).wrapping_sub(quiet),
                (y / scale).wrapping_sub(quiet),
            );
            let dark = mx < width
                && my < width
                && modules.get(my * width + mx) == Some(&qrcode::Color::Dark);
            raw.push(if dark { 0 } else { 255 });
        }
    }
    Some(png_gray(side as u32, side as u32, &raw))
}

/// A minimal 8-bit greyscale PNG from filtered scanlines.
fn png_gray(width: u32, height: u32, scanlines: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &compress_to_vec_zlib(scanlines, 9));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 (ISO-HDLC, as PNG uses), bit by bit: images are few and small.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base45_rfc9285_examples() {
        assert_eq!(base45(b"AB"), "BB8");
        assert_eq!(base45(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(base45(b"base-45"), "UJCLQE7W581");
        assert_eq!(base45(b"ietf!"), "QED8WEX0");
    }
}
