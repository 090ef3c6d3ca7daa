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
