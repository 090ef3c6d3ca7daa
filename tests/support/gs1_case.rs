//! One case of tests/vectors/gs1/digital-link.json (format in tests/vectors/gs1/README.md),
//! shared by the native and the browser tests.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A GS1 vector case: an input and either its AIs and dates, or its error category.
#[derive(Deserialize)]
#[allow(dead_code)] // each test reads the fields it needs
pub struct Case {
    pub id: String,
    pub input: String,
    pub kind: String,
    pub valid: bool,
    pub expect: Option<BTreeMap<String, String>>,
    pub dates: Option<BTreeMap<String, String>>,
    pub reference_year: Option<i32>,
    pub error: Option<String>,
}
