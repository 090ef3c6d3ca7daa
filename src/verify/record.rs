//! Is this the patient's anchored record, and may this viewer see it? A file's digest against
//! its proven anchor, the provider's accreditation, and the patient's consent to the viewer.

use serde::Deserialize;
use serde_json::Value;

use super::common::{accredited_at, check, fail, rejected_txs_as_error, secs};
use super::consent::consent_standing;
use super::date::Instant;
use super::report::{Report, Verdict};
use super::VerifyError;
use crate::ledger::state::keys;
use crate::ledger::state::values::{Actor, Record};
use crate::ledger::tx::records::Scope;
use crate::ledger::tx::registry::Role;

/// A file's digest, as the web app computes it: its whole SHA-256, its chunked root, or both.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Digest {
    /// SHA-256 of the file, hex.
    #[serde(default)]
    pub sha256_hex: Option<String>,
    /// Its size in bytes.
    pub size: Option<u64>,
    /// RFC 9162 root over the SHA-256 of each 1 MiB chunk, hex
    /// ([`crate::crypto::chunk_root::chunk_root`]).
    #[serde(default)]
    pub chunk_root: Option<String>,
}

impl Digest {
    /// Whether `rec` was anchored with this digest's SHA-256, or with its chunk root.
    fn names(&self, rec: &Record) -> bool {
        let same = |a: &Option<String>, b: Option<&String>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        };
        same(&self.sha256_hex, Some(&rec.sha256)) || same(&self.chunk_root, rec.chunk_root.as_ref())
    }
}

/// The anchored record whose hash is the digest's: the bundle's subject names it
/// (`{patient, recordId}`), else the proven `record/…` entry with that hash or chunk root.
fn find_record(
    b: &super::bundle::VerifiedBundle,
    digest: &Digest,
) -> Result<Option<(String, Record)>, super::bundle::BundleError> {
    let subject = &b.bundle.subject;
    if let (Some(p), Some(r)) = (
        subject.get("patient").and_then(Value::as_str),
        subject.get("recordId").and_then(Value::as_str),
    ) {
        let key = keys::record(p, r);
        return Ok(b.value::<Record>(&key)?.map(|rec| (key, rec)));
    }
    let mut any = None;
    for key in b.state.keys().filter(|k| k.starts_with("record/")) {
        if let Some(rec) = b.value::<Record>(key)? {
            if digest.names(&rec) {
                return Ok(Some((key.clone(), rec)));
            }
            any = Some(key.clone());
        }
    }
    match any {
        // Some record is proven, none with this hash: not the anchored document.
        Some(_) => Ok(None),
        None => Err(super::bundle::BundleError::MissingState(
            "record/{patient}/{recordId}".into(),
        )),
    }
}

/// Verify a file's `digest` (JSON `{sha256Hex?, size?, chunkRoot?}`, at least one of the two
/// hashes) for `viewer` (did:key) with `bundle` from `trust` at `now`. The file matches its anchor
/// by either hash; when the digest has both, both must match (an anchor without a chunk root is
/// matched by the SHA-256 alone).
pub fn verify_record(
    digest: &str,
    bundle: &str,
    viewer: &str,
    trust: &str,
    now: Instant,
) -> Result<Report, VerifyError> {
    let digest: Digest = crate::json::from_text(digest.as_bytes()).map_err(|e| {
        VerifyError::Bundle(super::bundle::BundleError::Malformed(format!(
            "digest: {e}"
        )))
    })?;
    if digest.sha256_hex.is_none() && digest.chunk_root.is_none() {
        return Err(VerifyError::Bundle(super::bundle::BundleError::Malformed(
            "digest: give sha256Hex, chunkRoot or both".into(),
        )));
    }
    let mut c = match check(bundle, trust, now)? {
        Ok(c) => c,
        Err(report) => return Ok(report),
    };
    rejected_txs_as_error(&mut c);
    if let Some(sha) = &digest.sha256_hex {
        c.report.fact("sha256", sha);
    }
    if let Some(root) = &digest.chunk_root {
        c.report.fact("chunkRoot", root);
    }
    let b = &c.bundle;
    let (key, rec) = match find_record(b, &digest) {
        Ok(Some(found)) => found,
        Ok(None) => {
            c.report.error(
                "record.not_anchored",
                "no anchored record has this file's hash (or chunk root)",
            );
            return Ok(c.report);
        }
        Err(e) => return Ok(fail(c.report, &e)),
    };
    c.report
        .fact("patient", &rec.patient)
        .fact("recordId", &rec.record_id)
        .fact("category", &rec.category)
        .fact("provider", &rec.provider)
        .fact("anchoredAt", &rec.at)
        .fact("anchorTx", &rec.tx)
        .evidence("recordKey", &key);
    if let Some(sha) = &digest.sha256_hex {
        if !rec.sha256.eq_ignore_ascii_case(sha) {
            c.report
                .error("record.mismatch", "the file's hash is not the anchored one");
        }
    }
    if let Some(size) = digest.size {
        if size != rec.size {
            c.report.error(
                "record.size_mismatch",
                format!("the file has {size} bytes, the anchor says {}", rec.size),
            );
        }
    }
    match (&digest.chunk_root, &rec.chunk_root) {
        (Some(mine), Some(anchored)) if !mine.eq_ignore_ascii_case(anchored) => {
            c.report.error(
                "record.chunk_root_mismatch",
                "the chunk Merkle root is not the anchored one",
            );
        }
        (Some(_), None) if digest.sha256_hex.is_none() => {
            c.report.error(
                "record.no_chunk_root",
                "the anchor has no chunk root to compare with: the file's whole SHA-256 is needed",
            );
        }
        _ => {}
    }
    // The provider who anchored it.
    match b.value::<Actor>(&keys::actor(&rec.provider)) {
        Err(e) => return Ok(fail(c.report, &e)),
        Ok(None) => {
            c.report.error(
                "record.provider_not_accredited",
                format!("{} was never accredited", rec.provider),
            );
        }
        Ok(Some(a)) => {
            c.report.fact("providerName", &a.accreditation.legal_name);
            let at = secs(&rec.at).unwrap_or(i64::MAX);
            if let Err(e) = accredited_at(&a, &[Role::RecordProvider], at) {
                c.report.error("record.provider_not_accredited", e.why);
            }
        }
    }
    // Consent: the patient sees their own record; anyone else needs a standing consent.
    if viewer == rec.patient {
        c.report
            .info("consent.own_record", "the viewer is the patient");
    } else {
        let wanted = Scope {
            record_ids: vec![rec.record_id.clone()],
            categories: vec![rec.category.clone()],
        };
        if let Err(e) = consent_standing(&mut c.report, b, &rec.patient, viewer, now, &wanted, true)
        {
            return Ok(fail(c.report, &e));
        }
    }
    if c.report.verdict() != Verdict::NotVerified {
        c.report.info(
            "record.match",
            "the file is the record an accredited provider anchored",
        );
    }
    Ok(c.report)
}
