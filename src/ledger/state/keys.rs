//! The state's keys: one key per fact a verdict needs.
//!
//! A key is `kind/part/part...`, each part escaped so that no part can contain `/` and the
//! mapping from parts to key is injective: bytes outside `A-Z a-z 0-9 - . _ ~ :` become `%XX`.
//! Because JMT orders leaves by the SHA-256 of the key, a proof can never show "no key starts
//! with this prefix"; so every fact a verifier asks about is exactly one key, never a range.

/// Every kind of key and how many parts it takes.
pub const KINDS: &[(&str, usize)] = &[
    ("meta", 1),
    ("account", 1),
    ("actor", 1),
    ("serial", 2),
    ("lot", 2),
    ("container", 1),
    ("shipment", 1),
    ("record", 2),
    ("consent", 2),
    ("status", 2),
    ("contract", 1),
    ("invoice", 2),
    ("chargeback", 2),
];

fn escape(part: &str, out: &mut String) {
    for b in part.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// The key of `kind` with `parts`, or `None` if the kind is unknown, the number of parts is
/// wrong or a part is empty.
pub fn state_key(kind: &str, parts: &[&str]) -> Option<String> {
    let &(_, arity) = KINDS.iter().find(|(k, _)| *k == kind)?;
    if parts.len() != arity || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    Some(key(kind, parts))
}

/// The key of a known kind (the typed helpers below always pass their kind's arity).
fn key(kind: &str, parts: &[&str]) -> String {
    let mut key = String::from(kind);
    for p in parts {
        key.push('/');
        escape(p, &mut key);
    }
    key
}

/// The genesis seed: so the tree is never empty (an empty tree cannot prove absence).
pub const GENESIS: &str = "meta/genesis";
/// The last committed block's height and time.
pub const BLOCK: &str = "meta/block";

/// A signer's account (its last sequence).
pub fn account(did: &str) -> String {
    key("account", &[did])
}
/// An actor's accreditation and its history.
pub fn actor(did: &str) -> String {
    key("actor", &[did])
}
/// A serialised pack.
pub fn serial(gtin: &str, serial: &str) -> String {
    key("serial", &[gtin, serial])
}
/// A lot (its expiry, owner and recall).
pub fn lot(gtin: &str, lot: &str) -> String {
    key("lot", &[gtin, lot])
}
/// A logistic unit.
pub fn container(sscc: &str) -> String {
    key("container", &[sscc])
}
/// A shipment, by the lower-case hex hash of the transaction that shipped it.
pub fn shipment(tx_hash_hex: &str) -> String {
    key("shipment", &[tx_hash_hex])
}
/// A record anchor.
pub fn record(patient: &str, record_id: &str) -> String {
    key("record", &[patient, record_id])
}
/// A patient's consent to one grantee.
pub fn consent(patient: &str, grantee: &str) -> String {
    key("consent", &[patient, grantee])
}
/// An issuer's status list (its latest version).
pub fn status_list(issuer: &str, list_id: &str) -> String {
    key("status", &[issuer, list_id])
}
/// A contract's terms and state.
pub fn contract(contract_id: &str) -> String {
    key("contract", &[contract_id])
}
/// The invoice of one shipment under one contract.
pub fn invoice(contract_id: &str, shipment_tx: &str) -> String {
    key("invoice", &[contract_id, shipment_tx])
}
/// The chargeback claim for one shipment under one contract.
pub fn chargeback(contract_id: &str, shipment_tx: &str) -> String {
    key("chargeback", &[contract_id, shipment_tx])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_injective_and_slash_free() {
        assert_eq!(
            serial("09506000134352", "A/B"),
            "serial/09506000134352/A%2FB"
        );
        assert_ne!(serial("1", "2/3"), serial("1/2", "3"));
        assert_eq!(serial("1", "%"), "serial/1/%25");
        assert_eq!(
            state_key("consent", &["did:key:z6Mk1", "did:key:z6Mk2"]).unwrap(),
            consent("did:key:z6Mk1", "did:key:z6Mk2")
        );
        assert_eq!(state_key("consent", &["a"]), None);
        assert_eq!(state_key("nope", &["a"]), None);
        assert_eq!(state_key("actor", &[""]), None);
    }
}
