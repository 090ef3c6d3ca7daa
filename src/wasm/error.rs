//! Turning typed core errors into JavaScript `Error`s with a `code` property.

use wasm_bindgen::prelude::*;

use crate::error::Coded;

/// A JavaScript `Error` whose `message` is `err`'s message and whose `code` is its stable code.
pub fn to_js_error<E: Coded + core::fmt::Display>(err: E) -> JsValue {
    coded_error(err.code(), &err.to_string())
}

/// A JavaScript `Error` with the given code and message.
pub(crate) fn coded_error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("MedproofError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}
