//! The JavaScript API: thin `#[wasm_bindgen]` adapters over the pure core.
//!
//! This is the only module that names wasm-bindgen or js-sys. Every export returns
//! `Result<_, JsValue>` whose error is a JavaScript `Error` with a stable `code` property, so a
//! bad input never panics (a panic would poison the module for the rest of the page).

mod crypto;
mod error;
mod ledger;
mod light;
mod verifiers;
mod verify;

pub use crypto::*;
pub use error::to_js_error;
pub use ledger::*;
pub use light::*;
pub use verifiers::*;
pub use verify::*;
