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

/// A file's digest, as the web app computes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Digest {
    /// SHA-256 of the file, hex.
    pub sha256_hex: String,
    /// Its size in bytes.
    pub size: Option<u64>,
    /// RFC 9162 root over the SHA-256 of each 1 MiB chunk, hex (optional).
    #[serde(default)]
    pub chunk_root: Option<String>,
}

/// The anchored record whose hash is the digest's: the bundle's subject names it
/// (`{patient, recordId}`), else the proven `record/…` entry with that hash.
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
            if rec.sha256.eq_ignore_ascii_case(&digest.sha256_hex) {
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

/// Verify a file's `digest` (JSON `{sha256Hex, size, chunkRoot?}`) for `viewer` (did:key) with
/// `bundle` from `trust` at `now`.
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
    let mut c = match check(bundle, trust, now)? {
        Ok(c) => c,
        Err(report) => return Ok(report),
    };
    rejected_txs_as_error(&mut c);
    c.report.fact("sha256", &digest.sha256_hex);
    let b = &c.bundle;
    let (key, rec) = match find_record(b, &digest) {
        Ok(Some(found)) => found,
        Ok(None) => {
            c.report.error(
                "record.not_anchored",
                "no anchored record has this file's hash",
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
    if !rec.sha256.eq_ignore_ascii_case(&digest.sha256_hex) {
        c.report
            .error("record.mismatch", "the file's hash is not the anchored one");
    }
    if let Some(size) = digest.size {
        if size != rec.size {
            c.report.error(
                "record.size_mismatch",
                format!("the file has {size} bytes, the anchor says {}", rec.size),
            );
        }
    }
    if let (Some(a), Some(b2)) = (&digest.chunk_root, &rec.chunk_root) {
        if !a.eq_ignore_ascii_case(b2) {
            c.report.error(
                "record.chunk_root_mismatch",
                "the chunk Merkle root is not the anchored one",
            );
        }
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
