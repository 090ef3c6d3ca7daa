#![cfg(not(target_arch = "wasm32"))]
//! src/crypto/jcs.rs against `serde_jcs` (the implementation it replaced) on generated JSON:
//! the canonical bytes must agree exactly, for values and for serde structs.

use medproof::crypto::jcs;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |x| Number::from_f64(x).map(Value::Number)),
        (-1e6f64..1e6).prop_filter_map("finite", |x| Number::from_f64(x).map(Value::Number)),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e21,
            1e-7,
            1e-6,
            1e20,
            5e-324,
            f64::MAX,
            0.1
        ])
        .prop_filter_map("finite", |x| Number::from_f64(x).map(Value::Number)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,6}",
        any::<String>(),
        prop::collection::vec(
            prop::sample::select(vec![
                '\u{0}',
                '\u{1f}',
                '\u{7f}',
                '"',
                '\\',
                '/',
                '\u{e000}',
                '\u{1f600}',
                '\u{2028}',
                'é',
                '\n',
                '\t',
                '\u{8}',
                '\u{c}',
                '\r',
                'a',
                'Z'
            ]),
            0..8
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn values_canonicalize_as_serde_jcs_does(value in json()) {
        prop_assert_eq!(jcs::canonicalize(&value).unwrap(), serde_jcs::to_vec(&value).unwrap());
    }

    #[test]
    fn text_canonicalizes_as_serde_jcs_does(value in json()) {
        let text = serde_json::to_string_pretty(&value).unwrap();
        let reparsed: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(
            jcs::canonicalize_str(&text).unwrap(),
            serde_jcs::to_vec(&reparsed).unwrap()
        );
    }
}

#[derive(serde::Serialize)]
struct Tx {
    z: u64,
    a: String,
    #[serde(rename = "\u{e000}")]
    pua: Vec<i32>,
    emoji: Option<f64>,
}

#[test]
fn structs_canonicalize_as_serde_jcs_does() {
    let mut checked = 0;
    for (i, z) in [0u64, 1, 1 << 53, (1 << 53) + 1, u64::MAX]
        .into_iter()
        .enumerate()
    {
        let tx = Tx {
            z,
            a: format!("x\u{1}{i}\"\\"),
            pua: vec![-1, i as i32],
            emoji: if i % 2 == 0 {
                Some(i as f64 / 3.0)
            } else {
                None
            },
        };
        assert_eq!(
            jcs::canonicalize_serialize(&tx).unwrap(),
            serde_jcs::to_vec(&tx).unwrap()
        );
        checked += 1;
    }
    println!("{checked} structs agree with serde_jcs");
}

/// The significant digits of a printed number: no sign, point, exponent or edge zeros.
fn significant_digits(text: &str) -> String {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_matches('0').to_owned()
}

/// A number's JCS text against Rust's own shortest round-trip printing, which shares no code with
/// ryu-js (serde_jcs, above, uses ryu-js too and, compiled together, the same compact tables):
/// it reads back exactly, with as few digits. (The digits themselves may differ in the last
/// place on a tie: ECMAScript then takes the even one, Rust the upper one.)
fn check_number(x: f64) -> Result<(), TestCaseError> {
    let text = String::from_utf8(jcs::canonicalize(&Value::from(x)).unwrap()).unwrap();
    prop_assert_eq!(text.parse::<f64>().unwrap(), x, "{} reads back", text);
    prop_assert_eq!(
        significant_digits(&text).len(),
        significant_digits(&format!("{x:e}")).len(),
        "{} has the shortest digits",
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20000))]

    #[test]
    fn numbers_print_the_shortest_digits_that_read_back(
        x in any::<f64>().prop_filter("finite", |x| x.is_finite())
    ) {
        check_number(x)?;
    }
}

#[test]
fn edge_numbers_print_the_shortest_digits_that_read_back() {
    let edges = [
        0.0,
        -0.0,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        1e21,
        1e-7,
        123456789012345680000.0,
        0.1 + 0.2,
        9007199254740993.0,
        1.0 / 3.0,
    ];
    for x in edges {
        check_number(x).unwrap();
    }
    println!("{} edge numbers print shortest and read back", edges.len());
}
