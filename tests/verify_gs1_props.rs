//! Property tests of the GS1 parser: no input panics, and AIs survive every round trip (canonical
//! Digital Link, bracketed and scanner element strings).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use medproof::verify::date::CalendarDate;
use medproof::verify::gs1::{self, check_digit, format, Element, ElementForm};
use proptest::prelude::*;

const CSET82: &str = "[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]";

fn today() -> CalendarDate {
    CalendarDate::new(2026, 6, 15).unwrap()
}

fn key(body_len: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, body_len).prop_map(|digits| {
        let body: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        check_digit::append(&body).unwrap()
    })
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{CSET82}{{1,{max}}}")).unwrap()
}

fn date() -> impl Strategy<Value = String> {
    (0u8..100, 1u8..13, 0u8..32)
        .prop_map(|(y, m, d)| format!("{y:02}{m:02}{d:02}"))
        .prop_filter("a real date", |v| {
            format::yymmdd(v.as_bytes(), 2026, true).is_some()
        })
}

/// A valid set of AIs for a trade item: GTIN with any of its qualifiers and some attributes.
fn trade_item() -> impl Strategy<Value = Vec<Element>> {
    (
        key(13),
        proptest::option::of(text(20)),
        proptest::option::of(text(20)),
        proptest::option::of(text(20)),
        proptest::option::of(date()),
        proptest::option::of(proptest::string::string_regex("[0-9]{6}").unwrap()),
        proptest::option::of(text(90)),
    )
        .prop_map(|(gtin, cpv, lot, serial, expiry, weight, internal)| {
            let mut v = vec![Element::new("01", &gtin)];
            for (ai, value) in [
                ("22", cpv),
                ("10", lot),
                ("21", serial),
                ("17", expiry),
                ("3103", weight),
                ("99", internal),
            ] {
                if let Some(value) = value {
                    v.push(Element::new(ai, &value));
                }
            }
            v
        })
}

/// A valid set of AIs for a logistic unit: SSCC, content, count, lot.
fn logistic_unit() -> impl Strategy<Value = Vec<Element>> {
    (
        key(17),
        key(13),
        1u32..99_999_999,
        proptest::option::of(text(20)),
    )
        .prop_map(|(sscc, content, count, lot)| {
            let mut v = vec![
                Element::new("00", &sscc),
                Element::new("02", &content),
                Element::new("37", &count.to_string()),
            ];
            if let Some(lot) = lot {
                v.push(Element::new("10", &lot));
            }
            v
        })
}

fn as_map(elements: &[Element]) -> BTreeMap<String, String> {
    elements
        .iter()
        .map(|e| (e.ai.clone(), e.value.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let _ = gs1::parse(&s, today());
    }

    #[test]
    fn gs1_shaped_strings_never_panic(
        head in prop::sample::select(vec!["https://a/", "HTTP://b:1/x/", "(01)", "]d2", "]Q3", "01", "(", "https://id.gs1.org/"]),
        body in "[0-9A-Za-z%/?&=#()+_\\-\u{1d}\\\\.:é]{0,80}",
    ) {
        let _ = gs1::parse(&format!("{head}{body}"), today());
    }

    #[test]
    fn compressed_looking_paths_never_panic(body in "[A-Za-z0-9_-]{1,120}") {
        let _ = gs1::parse(&format!("https://id.gs1.org/{body}"), today());
        let _ = gs1::parse(&format!("https://id.gs1.org/01/09506000134352/{body}"), today());
    }

    #[test]
    fn ais_round_trip(elements in prop_oneof![trade_item(), logistic_unit()], stem in prop::sample::select(vec![None, Some("https://brand.example/p/"), Some("http://x")])) {
        let want = as_map(&elements);
        let link = gs1::build_digital_link(&elements, stem, 2026).unwrap();
        let parsed = gs1::parse(&link, today()).unwrap();
        prop_assert_eq!(as_map(&parsed.elements), want.clone(), "{}", link);
        prop_assert_eq!(gs1::canonical_link(&parsed, 2026).unwrap(), link.clone(), "canonical is a fixed point");
        for form in [ElementForm::Bracketed, ElementForm::Unbracketed] {
            let es = gs1::build_element_string(&elements, form, 2026).unwrap();
            let back = gs1::parse(&es, today()).unwrap();
            prop_assert_eq!(as_map(&back.elements), want.clone(), "{:?}", es);
            prop_assert_eq!(back.elements.len(), elements.len());
        }
        if let Some(exp) = want.get("17") {
            let d = format::yymmdd(exp.as_bytes(), 2026, true).unwrap();
            prop_assert_eq!(parsed.expiry, Some(d));
        }
    }
}
