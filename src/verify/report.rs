//! The verdict every verifier returns.
//!
//! A [`Report`] says what was concluded (`verdict`), why (`reasons`, each with a stable code from
//! `docs/reason-codes.md`), what the verified data says (`facts`: the GTIN, the expiry date, the
//! credential's subject...), what the conclusion rests on (`evidence`: hashes, keys, heights), and
//! the instant it was judged at (`asOf`). It serializes to the JSON the web app and the npm
//! package show:
//!
//! ```json
//! {"verdict": "not_verified",
//!  "reasons": [{"code": "credential.expired", "severity": "error", "message": "..."}],
//!  "facts": {...}, "evidence": {...}, "asOf": "2026-03-01T12:00:00Z"}
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Coded;

/// The overall conclusion, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every check passed.
    Verified,
    /// Every required check passed, but something deserves the reader's attention.
    Warning,
    /// At least one check failed: do not rely on the data.
    NotVerified,
}

/// How much a reason weighs on the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informative: does not change the verdict.
    Info,
    /// Lowers the verdict to [`Verdict::Warning`].
    Warning,
    /// Lowers the verdict to [`Verdict::NotVerified`].
    Error,
}

impl Severity {
    /// The best verdict a report holding a reason of this severity can have.
    pub fn ceiling(self) -> Verdict {
        match self {
            Severity::Info => Verdict::Verified,
            Severity::Warning => Verdict::Warning,
            Severity::Error => Verdict::NotVerified,
        }
    }
}

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The stable code, `area.reason` (listed in `docs/reason-codes.md`).
    pub code: String,
    /// How much it weighs.
    pub severity: Severity,
    /// A sentence for people; may change between releases.
    pub message: String,
}

impl Reason {
    /// A reason with the given code, severity and message.
    pub fn new(code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Reason {
            code: code.into(),
            severity,
            message: message.into(),
        }
    }

    /// The reason an error gives: its code and message.
    pub fn from_error<E: Coded + core::fmt::Display>(err: &E, severity: Severity) -> Self {
        Reason::new(err.code(), severity, err.to_string())
    }
}

/// A verdict with its reasons, facts and evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    verdict: Verdict,
    reasons: Vec<Reason>,
    facts: Map<String, Value>,
    evidence: Map<String, Value>,
    as_of: String,
}

impl Report {
    /// An empty report judged at `as_of` (RFC 3339): verified until a reason says otherwise.
    pub fn new(as_of: impl Into<String>) -> Self {
        Report {
            verdict: Verdict::Verified,
            reasons: Vec::new(),
            facts: Map::new(),
            evidence: Map::new(),
            as_of: as_of.into(),
        }
    }

    /// Add a reason; the verdict becomes the worse of the current one and the reason's ceiling.
    pub fn push(&mut self, reason: Reason) -> &mut Self {
        self.verdict = self.verdict.max(reason.severity.ceiling());
        self.reasons.push(reason);
        self
    }

    /// Add a failed check.
    pub fn error(&mut self, code: &str, message: impl Into<String>) -> &mut Self {
        self.push(Reason::new(code, Severity::Error, message))
    }

    /// Add a warning.
    pub fn warning(&mut self, code: &str, message: impl Into<String>) -> &mut Self {
        self.push(Reason::new(code, Severity::Warning, message))
    }

    /// Add an informative note.
    pub fn info(&mut self, code: &str, message: impl Into<String>) -> &mut Self {
        self.push(Reason::new(code, Severity::Info, message))
    }

    /// Record a fact about the verified data (replacing an earlier one with the same key).
    pub fn fact(&mut self, key: &str, value: impl Serialize) -> &mut Self {
        self.facts.insert(key.to_owned(), to_value(value));
        self
    }

    /// Record a piece of evidence the verdict rests on.
    pub fn evidence(&mut self, key: &str, value: impl Serialize) -> &mut Self {
        self.evidence.insert(key.to_owned(), to_value(value));
        self
    }

    /// Fold another report in: its reasons, facts and evidence (theirs win on equal keys).
    pub fn merge(&mut self, other: Report) -> &mut Self {
        for r in other.reasons {
            self.push(r);
        }
        self.facts.extend(other.facts);
        self.evidence.extend(other.evidence);
        self
    }

    /// The verdict.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The reasons, in the order they were found.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// Whether some reason has this code.
    pub fn has(&self, code: &str) -> bool {
        self.reasons.iter().any(|r| r.code == code)
    }

    /// The facts.
    pub fn facts(&self) -> &Map<String, Value> {
        &self.facts
    }

    /// The evidence.
    pub fn evidence_map(&self) -> &Map<String, Value> {
        &self.evidence
    }

    /// The instant the report was judged at.
    pub fn as_of(&self) -> &str {
        &self.as_of
    }

    /// The report as a JSON value.
    pub fn to_json(&self) -> Value {
        to_value(self)
    }
}

/// Serializing our own plain data types cannot fail; keep `null` rather than panic if it ever did.
fn to_value(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_is_the_worst_severity_and_serializes_in_snake_case() {
        let mut r = Report::new("2026-01-01T00:00:00Z");
        assert_eq!(r.verdict(), Verdict::Verified);
        r.info("credential.status_not_checked", "fine");
        assert_eq!(r.verdict(), Verdict::Verified);
        r.warning("credential.created_in_future", "clock skew?");
        assert_eq!(r.verdict(), Verdict::Warning);
        r.error("credential.expired", "expired")
            .warning("x.y", "later warning");
        assert_eq!(r.verdict(), Verdict::NotVerified);
        r.fact("gtin", "09506000134352").evidence("docHash", "ab");
        let v = r.to_json();
        assert_eq!(v["verdict"], "not_verified");
        assert_eq!(v["asOf"], "2026-01-01T00:00:00Z");
        assert_eq!(v["reasons"][2]["code"], "credential.expired");
        assert_eq!(v["reasons"][2]["severity"], "error");
        assert_eq!(v["facts"]["gtin"], "09506000134352");
        assert_eq!(v["evidence"]["docHash"], "ab");
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["asOf", "evidence", "facts", "reasons", "verdict"]);
    }
}
