//! W3C Bitstring Status Lists: the specification's example list, lists we build, bit order, the
//! limits, status entries, and a property test over random lists.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use flate2::write::GzEncoder;
use flate2::Compression;
use medproof::verify::status_list::{self, StatusList, MAX_BYTES, MIN_BITS};
use medproof::Coded;
use proptest::prelude::*;
use serde_json::json;

/// The `encodedList` of W3C Bitstring Status List v1.0, Examples 3 and 5: no entry set.
const SPEC_EXAMPLE: &str = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

fn gzip_multibase(bytes: &[u8]) -> String {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    format!("u{}", URL_SAFE_NO_PAD.encode(gz.finish().unwrap()))
}

#[test]
fn the_specification_example_is_an_empty_16_kb_list() {
    let list = StatusList::decode(SPEC_EXAMPLE).unwrap();
    assert_eq!(list.len_bits(), MIN_BITS);
    assert!(list.as_bytes().iter().all(|&b| b == 0));
    // Example 4's credential has statusListIndex 94567: not revoked.
    assert!(!list.is_set(94567).unwrap());
    assert_eq!(status_list::read_status(SPEC_EXAMPLE, 131_071, 1), Ok(0));
}

#[test]
fn bits_are_read_most_significant_first() {
    let mut bytes = vec![0u8; MIN_BITS / 8];
    bytes[0] = 0b1000_0001;
    bytes[1] = 0b0100_0000;
    bytes[MIN_BITS / 8 - 1] = 0b0000_0001;
    let list = StatusList::decode(&gzip_multibase(&bytes)).unwrap();
    let set: Vec<u64> = (0..MIN_BITS as u64)
        .filter(|&i| list.is_set(i).unwrap())
        .collect();
    assert_eq!(set, [0, 7, 9, MIN_BITS as u64 - 1]);
    // Two-bit entries: entry 0 is bits 0-1 ("10"), entry 3 is bits 6-7 ("01"), entry 4 is "01".
    assert_eq!(list.get(0, 2), Ok(0b10));
    assert_eq!(list.get(3, 2), Ok(0b01));
    assert_eq!(list.get(4, 2), Ok(0b01));
    assert_eq!(list.get(0, 8), Ok(0b1000_0001));
}

#[test]
fn built_lists_round_trip_and_stay_small() {
    let mut list = StatusList::new(MIN_BITS).unwrap();
    for i in [0u64, 1, 94567, 131_071] {
        list.set(i, 1, 1).unwrap();
    }
    list.set(1, 1, 0).unwrap();
    let encoded = list.encode();
    assert!(
        encoded.starts_with("uH4sI"),
        "multibase u + GZIP magic: {encoded}"
    );
    assert!(
        encoded.len() < 300,
        "a sparse list compresses to a few hundred bytes"
    );
    let back = StatusList::decode(&encoded).unwrap();
    assert_eq!(back, list);
    // An independent GZIP implementation reads our encoding back to the same bytes.
    let gz = URL_SAFE_NO_PAD.decode(&encoded[1..]).unwrap();
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain, list.as_bytes());
    assert!(back.is_set(94567).unwrap() && !back.is_set(1).unwrap());
    let mut wide = StatusList::new(MIN_BITS * 2).unwrap();
    wide.set(5, 4, 0b1011).unwrap();
    assert_eq!(
        StatusList::decode(&wide.encode()).unwrap().get(5, 4),
        Ok(0b1011)
    );
    assert_eq!(wide.as_bytes()[2], 0b0000_1011);
    assert_eq!(
        StatusList::new(10).unwrap().len_bits(),
        MIN_BITS,
        "never below the minimum"
    );
}

#[test]
fn every_error_has_its_code() {
    let small = gzip_multibase(&[0u8; 100]);
    let zeros = vec![0u8; MAX_BYTES + 1];
    let huge = gzip_multibase(&zeros);
    let cases = [
        (
            status_list::read_status("H4sIAAAA", 0, 1),
            "status_list.bad_encoding",
        ),
        (
            status_list::read_status("u!!!", 0, 1),
            "status_list.bad_encoding",
        ),
        (
            status_list::read_status(
                "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA=",
                0,
                1,
            ),
            "status_list.bad_encoding",
        ),
        (
            status_list::read_status(
                &format!("u{}", URL_SAFE_NO_PAD.encode(b"not gzip at all")),
                0,
                1,
            ),
            "status_list.bad_compression",
        ),
        (
            status_list::read_status(&SPEC_EXAMPLE[..40], 0, 1),
            "status_list.bad_compression",
        ),
        (
            status_list::read_status(&small, 0, 1),
            "status_list.too_small",
        ),
        (
            status_list::read_status(&huge, 0, 1),
            "status_list.too_large",
        ),
        (
            status_list::read_status(SPEC_EXAMPLE, 131_072, 1),
            "status_list.index_out_of_range",
        ),
        (
            status_list::read_status(SPEC_EXAMPLE, 65_536, 2),
            "status_list.index_out_of_range",
        ),
        (
            status_list::read_status(SPEC_EXAMPLE, u64::MAX, 1),
            "status_list.index_out_of_range",
        ),
        (
            status_list::read_status(SPEC_EXAMPLE, 0, 0),
            "status_list.bad_status_size",
        ),
        (
            status_list::read_status(SPEC_EXAMPLE, 0, 33),
            "status_list.bad_status_size",
        ),
    ];
    for (i, (result, code)) in cases.iter().enumerate() {
        assert_eq!(result.as_ref().unwrap_err().code(), *code, "case {i}");
    }
    for bad in ["", "-1", "1.5", "0x10", "99999999999999999999", " 1"] {
        assert_eq!(
            status_list::parse_index(bad).unwrap_err().code(),
            "status_list.bad_index",
            "{bad:?}"
        );
    }
    assert_eq!(status_list::parse_index("94567"), Ok(94567));
    println!("{} decode errors and 6 index errors checked", cases.len());
}

#[test]
fn status_entries_are_looked_up_in_their_list() {
    let mut list = StatusList::new(MIN_BITS).unwrap();
    list.set(94567, 1, 1).unwrap();
    let list_vc = json!({
        "id": "https://example.com/status/3",
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {"id": "https://example.com/status/3#list", "type": "BitstringStatusList",
            "statusPurpose": ["revocation", "suspension"], "encodedList": list.encode()}
    });
    let entry = |index: &str, purpose: &str, list: &str| {
        json!({"id": "https://example.com/status/3#94567", "type": "BitstringStatusListEntry",
            "statusPurpose": purpose, "statusListIndex": index, "statusListCredential": list})
    };
    let url = "https://example.com/status/3";
    let revoked = status_list::check_entry(&entry("94567", "revocation", url), &list_vc).unwrap();
    assert!(revoked.is_set() && revoked.index == 94567 && revoked.purpose == "revocation");
    let fine = status_list::check_entry(&entry("94566", "suspension", url), &list_vc).unwrap();
    assert!(!fine.is_set());
    let code = |e: serde_json::Value| status_list::check_entry(&e, &list_vc).unwrap_err().code();
    assert_eq!(
        code(entry("94567", "message", url)),
        "status_list.purpose_mismatch"
    );
    assert_eq!(
        code(entry("94567", "revocation", "https://example.com/status/4")),
        "status_list.list_mismatch"
    );
    assert_eq!(code(entry("x", "revocation", url)), "status_list.bad_index");
    assert_eq!(
        code(json!({"statusPurpose": "revocation"})),
        "status_list.malformed"
    );
    let mut sized = entry("94567", "revocation", url);
    sized["statusSize"] = json!(0);
    assert_eq!(code(sized), "status_list.bad_status_size");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_lists_round_trip(indices in prop::collection::btree_set(0u64..MIN_BITS as u64 * 2, 0..60)) {
        let mut list = StatusList::new(MIN_BITS * 2).unwrap();
        for &i in &indices {
            list.set(i, 1, 1).unwrap();
        }
        let back = StatusList::decode(&list.encode()).unwrap();
        for i in (0..MIN_BITS as u64 * 2).step_by(97).chain(indices.iter().copied()) {
            prop_assert_eq!(back.is_set(i).unwrap(), indices.contains(&i));
        }
        let ones: u32 = back.as_bytes().iter().map(|b| b.count_ones()).sum();
        prop_assert_eq!(ones as usize, indices.len());
    }

    #[test]
    fn arbitrary_encoded_lists_never_panic(s in "u[A-Za-z0-9_-]{0,200}") {
        let _ = StatusList::decode(&s);
    }
}
