//! GS1 Digital Link URIs and element strings against the independent vectors of
//! tests/vectors/gs1 (every case: AIs, values and dates, or the error category), plus the
//! compressed Digital Link examples of Solidsoft-Reply/Gs1DigitalLinkLib
//! (`Tests/Features/DecompressGs1DigitalLink.feature`, Apache-2.0).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use medproof::verify::date::CalendarDate;
use medproof::verify::gs1::{self, ElementForm, Source};
use medproof::Coded;

#[path = "support/gs1_case.rs"]
mod gs1_case;
use gs1_case::Case;

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/gs1/digital-link.json");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn reference(year: Option<i32>) -> CalendarDate {
    CalendarDate::new(year.unwrap_or(2026), 6, 15).unwrap()
}

/// Where the AI is marked in the input (`/01/`, `?17=`, `&10=`, `(21)`), to check output order.
fn marker_position(input: &str, ai: &str) -> Option<usize> {
    [
        format!("/{ai}/"),
        format!("?{ai}="),
        format!("&{ai}="),
        format!("({ai})"),
    ]
    .iter()
    .filter_map(|m| input.find(m.as_str()))
    .min()
}

#[test]
fn every_vector_case() {
    let (mut valid, mut invalid, mut dates_checked) = (0, 0, 0);
    for case in cases() {
        let result = gs1::parse(&case.input, reference(case.reference_year));
        if case.valid {
            let data =
                result.unwrap_or_else(|e| panic!("{}: rejected: {e} ({})", case.id, e.code()));
            let expect = case.expect.as_ref().unwrap();
            let got: BTreeMap<String, String> = data
                .elements
                .iter()
                .map(|e| (e.ai.clone(), e.value.clone()))
                .collect();
            assert_eq!(&got, expect, "{}", case.id);
            assert_eq!(
                data.elements.len(),
                expect.len(),
                "{}: no AI twice",
                case.id
            );
            assert_eq!(data.gtin.as_ref(), expect.get("01"), "{}", case.id);
            assert_eq!(data.lot.as_ref(), expect.get("10"), "{}", case.id);
            assert_eq!(data.serial.as_ref(), expect.get("21"), "{}", case.id);
            assert_eq!(data.cpv.as_ref(), expect.get("22"), "{}", case.id);
            for (ai, iso) in case.dates.iter().flatten() {
                assert_eq!(
                    data.dates[ai].to_string(),
                    *iso,
                    "{}: date of ({ai})",
                    case.id
                );
                dates_checked += 1;
            }
            if let Some(iso) = case.dates.as_ref().and_then(|d| d.get("17")) {
                assert_eq!(data.expiry.unwrap().to_string(), *iso, "{}", case.id);
            }
            // Every YYMMDD AI present has its date listed (the README's promise), and no other.
            let listed = case.dates.as_ref().map_or(0, |d| d.len());
            assert_eq!(data.dates.len(), listed, "{}", case.id);
            let expected_source = match (case.kind.as_str(), case.id.starts_with("compressed-")) {
                ("uri", false) => Source::DigitalLink,
                ("uri", true) => Source::CompressedDigitalLink,
                _ => Source::ElementString,
            };
            assert_eq!(data.source, expected_source, "{}", case.id);
            if data.source != Source::CompressedDigitalLink {
                let positions: Vec<usize> = data
                    .elements
                    .iter()
                    .filter_map(|e| marker_position(&case.input, &e.ai))
                    .collect();
                assert!(
                    positions.windows(2).all(|w| w[0] < w[1]),
                    "{}: order",
                    case.id
                );
            }
            valid += 1;
        } else {
            let category = case.error.as_deref().unwrap();
            let err = match result {
                Ok(d) => panic!(
                    "{}: accepted, expected {category}: {:?}",
                    case.id, d.elements
                ),
                Err(e) => e,
            };
            assert_eq!(err.code(), format!("gs1.{category}"), "{}: {err}", case.id);
            assert_eq!(err.category(), category);
            invalid += 1;
        }
    }
    println!("gs1 vectors: {valid} valid, {invalid} invalid, {dates_checked} dates checked");
    assert_eq!((valid, invalid), (30, 28));
}

/// Every valid case survives a round trip through the canonical Digital Link and both element
/// string forms: the same AIs and values come back.
#[test]
fn valid_cases_round_trip_through_every_form() {
    let mut checked = 0;
    for case in cases().into_iter().filter(|c| c.valid) {
        let today = reference(case.reference_year);
        let year = today.year();
        let data = gs1::parse(&case.input, today).unwrap();
        let expect: BTreeMap<String, String> = case.expect.unwrap();
        let back = |s: &str| -> BTreeMap<String, String> {
            let d = gs1::parse(s, today).unwrap_or_else(|e| panic!("{}: {s}: {e}", case.id));
            d.elements.into_iter().map(|e| (e.ai, e.value)).collect()
        };
        let link = gs1::build_digital_link(&data.elements, None, year).unwrap();
        assert_eq!(back(&link), expect, "{}: {link}", case.id);
        let link = gs1::canonical_link(&data, year).unwrap();
        assert_eq!(back(&link), expect, "{}: {link}", case.id);
        for form in [ElementForm::Bracketed, ElementForm::Unbracketed] {
            let es = gs1::build_element_string(&data.elements, form, year).unwrap();
            assert_eq!(back(&es), expect, "{}: {es:?}", case.id);
            if form == ElementForm::Unbracketed {
                assert_eq!(back(&format!("]d2{es}")), expect, "{}", case.id);
            }
        }
        checked += 1;
    }
    println!("round trips: {checked} cases x 4 forms");
    assert_eq!(checked, 30);
}

/// Compressed URIs and the uncompressed URIs they stand for (Solidsoft-Reply/Gs1DigitalLinkLib).
const COMPRESSED: &[(&str, &str)] = &[
    (
        "https://id.gs1.org/AN2yxDhfaiaw",
        "https://id.gs1.org/00/998440410914660971",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmg",
        "https://id.gs1.org/01/05412345000013",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmiCNV4JG",
        "https://id.gs1.org/01/05412345000013/10/ABC123",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6c",
        "https://id.gs1.org/01/05412345000013/10/ABC123/21/72292641703",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6cibQCWN9Pee9tT-PQ",
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49/10/ABC123/21/72292641703",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmiCNV4JGRNoBLG-nvPe2p_Ho",
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49/10/ABC123",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmkax7ipGrOHDPC5YNI8hMz",
        "https://id.gs1.org/01/05412345000013/235/8TFV883a904GH%263",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmkIXDU-iun",
        "https://id.gs1.org/01/05412345000013/21/72292641703",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmkIXDU-iunIm0AljfT3nvbU_j0",
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49/21/72292641703",
    ),
    (
        "https://id.gs1.org/AQnYUc1gmkTaASxvp7z3tqfx6",
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49",
    ),
    (
        "https://id.gs1.org/JTLIetaiHYA",
        "https://id.gs1.org/253/3060077601309",
    ),
    (
        "https://id.gs1.org/JVUqG5hJ5wA",
        "https://id.gs1.org/255/5678409730535",
    ),
    (
        "https://id.gs1.org/QBl2DVoxZM2jVm3ZOWEFoxTR5HDgzZg",
        "https://id.gs1.org/401/0541234537290A41%26GHpp33",
    ),
    (
        "https://id.gs1.org/QCJZyW9mC6Z4",
        "https://id.gs1.org/402/21173492661712079",
    ),
    (
        "https://id.gs1.org/QUSaVjC_dA",
        "https://id.gs1.org/414/5060917510004",
    ),
    (
        "https://id.gs1.org/JUa0T-eifdtOO9UFEmlYwv3Q",
        "https://id.gs1.org/414/5060917510004/254/RP56J920471",
    ),
    (
        "https://id.gs1.org/QUSaVjC_dHBAVlCrg",
        "https://id.gs1.org/414/5060917510004/7040/5KFX",
    ),
    (
        "https://id.gs1.org/QXSaVjC_dA",
        "https://id.gs1.org/417/5060917510004",
    ),
    (
        "https://id.gs1.org/QXSaVjC_dHBAVlCrg",
        "https://id.gs1.org/417/5060917510004/7040/5KFX",
    ),
    (
        "https://id.gs1.org/cEB2CqjAAkuwatGLJm0as27JywgtGKaPI4cGbM",
        "https://id.gs1.org/8004/0541234537290A41%26GHpp33/7040/7BVR",
    ),
    (
        "https://id.gs1.org/EEarwSMhC4an0V05E2gEsb6e897an8ewAMGAkftmjYEy",
        "https://id.gs1.org/8006/054123450000130201/22/AJY3095721P49/10/ABC123/21/72292641703",
    ),
    (
        "https://id.gs1.org/EEarwSMhC4an0V08ADBgJH7Zo2BMg",
        "https://id.gs1.org/8006/054123450000130201/10/ABC123/21/72292641703",
    ),
    (
        "https://id.gs1.org/EEarwSOABgwEj9s0bAmQ",
        "https://id.gs1.org/8006/054123450000130201/10/ABC123",
    ),
    (
        "https://id.gs1.org/gAMJCAXukTMA",
        "https://id.gs1.org/8003/04965031954585",
    ),
    (
        "https://id.gs1.org/gASXYNWjFkzaNWbdk5YQWjFNHkcODNm",
        "https://id.gs1.org/8004/0541234537290A41%26GHpp33",
    ),
    (
        "https://id.gs1.org/gAYMBI_bNGwJk",
        "https://id.gs1.org/8006/054123450000130201",
    ),
    (
        "https://id.gs1.org/gBCVYNWjFkzaNWbdk5YQWjFHHkM2cAI0xdvpGo",
        "https://id.gs1.org/8010/0541234537290A41%23GH33/8011/6639047221",
    ),
    (
        "https://id.gs1.org/gBN05060917511473062B98T",
        "https://id.gs1.org/8013/5060917511473062B98T",
    ),
    (
        "https://id.gs1.org/gBe1ajAd9ATDmAGXPRfk",
        "https://id.gs1.org/8017/817019610850151481/8019/4003812",
    ),
    (
        "https://id.gs1.org/gBhbV6rzBENPmAGXPRfk",
        "https://id.gs1.org/8018/411369833821910265/8019/4003812",
    ),
    (
        "https://id.gs1.org/01/05412345000013/EEarwSMhC4an0V04",
        "https://id.gs1.org/01/05412345000013/10/ABC123/21/72292641703",
    ),
    (
        "https://id.gs1.org/01/5412345000013/IQuGp9FdORNoBLG-nvPe2p_Ho",
        "https://id.gs1.org/01/05412345000013/22/AJY3095721P49/21/72292641703",
    ),
    (
        "https://id.gs1.org/414/5060917510004/cEBWUKu",
        "https://id.gs1.org/414/5060917510004/7040/5KFX",
    ),
    (
        "https://id.gs1.org/8010/0541234537290A41%23GH33/gBGmLt9I1",
        "https://id.gs1.org/8010/0541234537290A41%23GH33/8011/6639047221",
    ),
];

#[test]
fn compressed_links_decode_to_their_uncompressed_form() {
    let today = reference(None);
    let mut checked = 0;
    for (compressed, plain) in COMPRESSED {
        let (a, b) = (gs1::parse(compressed, today), gs1::parse(plain, today));
        if plain.contains("/8006/054123450000130201") {
            // These examples give (8006) piece 02 of a total of 01, which the GS1 piece-of-total
            // rule rejects: the compressed and plain forms must be rejected alike.
            assert_eq!(a.unwrap_err(), b.unwrap_err(), "{compressed}");
            continue;
        }
        let a = a.unwrap_or_else(|e| panic!("{compressed}: {e}"));
        let b = b.unwrap();
        assert_eq!(a.source, Source::CompressedDigitalLink);
        assert_eq!(a.elements, b.elements, "{compressed}");
        assert_eq!(a.uri_stem.as_deref(), Some("https://id.gs1.org"));
        assert_eq!(
            gs1::canonical_link(&a, 2026).unwrap(),
            *plain,
            "{compressed}"
        );
        checked += 1;
    }
    println!(
        "compressed links: {checked} decoded, {} rejected alike",
        COMPRESSED.len() - checked
    );
    assert!(checked >= 25);
}

#[test]
fn scanner_forms_and_extensions() {
    let today = reference(None);
    let link = gs1::parse(
        "HTTPS://Example.COM/x/01/09506000134352/10/ABC?linkType=gs1:pip&17=270100&&bare#frag",
        today,
    )
    .unwrap();
    assert_eq!(link.uri_stem.as_deref(), Some("https://Example.COM/x"));
    assert_eq!(
        link.extensions,
        vec![("linkType".to_owned(), "gs1:pip".to_owned())]
    );
    assert_eq!(link.expiry.unwrap().to_string(), "2027-01-31");
    let scanned = gs1::parse("]Q3010950600013435217270100\u{1d}10ABC\r\n", today).unwrap();
    let ais: Vec<&str> = scanned.elements.iter().map(|e| e.ai.as_str()).collect();
    assert_eq!(ais, ["01", "17", "10"]);
    for e in &scanned.elements {
        assert_eq!(link.get(&e.ai), Some(e.value.as_str()));
    }
    let plus = gs1::parse("https://id.gs1.org/01/09506000134352/10/A+B", today).unwrap();
    assert_eq!(plus.lot.as_deref(), Some("A+B"), "'+' is literal in a path");
    for (input, code) in [
        ("]X9010950600013435210ABC", "gs1.syntax"),
        ("(01)09506000134352(10", "gs1.syntax"),
        ("(01)09506000134352(10)A\u{1d}B", "gs1.bad_value"),
        (
            "https://id.gs1.org/01/09506000134352?17=270101&17=270102",
            "gs1.duplicate",
        ),
        (
            "https://id.gs1.org/01/09506000134352?21=12",
            "gs1.qualifier",
        ),
        (
            "https://id.gs1.org/01/09506000134352?254=12",
            "gs1.qualifier",
        ),
        (
            "https://id.gs1.org/01/09506000134352/22/A/235/B",
            "gs1.order",
        ),
        (
            "https://id.gs1.org/01/09506000134352?10=A+B",
            "gs1.qualifier",
        ),
        (
            "https://id.gs1.org/01/09506000134352?99=A+B",
            "gs1.bad_value",
        ),
        (
            "https://id.gs1.org/01/09506000134352?7003=2701000000",
            "gs1.bad_value",
        ),
        ("(01)09506000134352(17)270101(17)270102", "gs1.duplicate"),
        (
            "https://id.gs1.org/AQnYUc1gmiCNV4JGLo3DYAAAAA",
            "gs1.syntax",
        ),
        ("mailto:x", "gs1.syntax"),
        ("", "gs1.syntax"),
    ] {
        let err = gs1::parse(input, today).unwrap_err();
        assert_eq!(err.code(), code, "{input:?}: {err}");
    }
    // The same AI twice with the same value is one element.
    let twice = gs1::parse("(01)09506000134352(17)270101(17)270101", today).unwrap();
    assert_eq!(twice.elements.len(), 2);
}
