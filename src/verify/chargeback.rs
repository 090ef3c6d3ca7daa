//! Is this chargeback claim owed? The claim against the contract both parties signed and the
//! shipment the ledger recorded (proven state), and whether it was already claimed.

use serde::Deserialize;

use super::common::{check, fail, rejected_txs_as_error, secs};
use super::date::Instant;
use super::report::{Report, Verdict};
use super::VerifyError;
use crate::ledger::state::keys;
use crate::ledger::state::values::{ChargebackRecord, Contract, ContractStatus, Shipment};

/// One line of a claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimLine {
    /// The product.
    pub gtin: String,
    /// Units claimed for.
    pub quantity: u64,
    /// The chargeback per unit the claimant asks (minor units), if stated.
    #[serde(default)]
    pub chargeback_minor: Option<u64>,
    /// The unit price the claimant says applied, if stated.
    #[serde(default)]
    pub unit_price_minor: Option<u64>,
}

/// A chargeback claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// The claim's id, if it has one.
    #[serde(default)]
    pub claim_id: Option<String>,
    /// The contract it is made under.
    pub contract_id: String,
    /// The shipping transaction's hash.
    pub shipment: String,
    /// Who claims (did:key).
    pub claimant: String,
    /// What is claimed.
    pub lines: Vec<ClaimLine>,
    /// The total asked, if stated.
    #[serde(default)]
    pub total_minor: Option<u64>,
    /// Its currency, if stated.
    #[serde(default)]
    pub currency: Option<String>,
}

/// Verify `claim` (JSON) with `bundle` from `trust` at `now`.
pub fn verify_chargeback(
    claim: &str,
    bundle: &str,
    trust: &str,
    now: Instant,
) -> Result<Report, VerifyError> {
    let claim: Claim = crate::json::from_text(claim.as_bytes()).map_err(|e| {
        VerifyError::Bundle(super::bundle::BundleError::Malformed(format!("claim: {e}")))
    })?;
    let mut c = match check(bundle, trust, now)? {
        Ok(c) => c,
        Err(report) => return Ok(report),
    };
    rejected_txs_as_error(&mut c);
    c.report
        .fact("contractId", &claim.contract_id)
        .fact("shipment", &claim.shipment)
        .fact("claimant", &claim.claimant);
    let b = &c.bundle;
    let contract = match b.value::<Contract>(&keys::contract(&claim.contract_id)) {
        Ok(x) => x,
        Err(e) => return Ok(fail(c.report, &e)),
    };
    let Some(contract) = contract.filter(|k| k.status == ContractStatus::Accepted) else {
        c.report.error(
            "chargeback.no_contract",
            format!("no contract {} signed by both parties", claim.contract_id),
        );
        return Ok(c.report);
    };
    let terms = &contract.terms;
    c.report
        .fact("seller", &terms.seller)
        .fact("buyer", &terms.buyer)
        .fact("currency", &terms.currency);
    let shipment = match b.value::<Shipment>(&keys::shipment(&claim.shipment.to_ascii_lowercase()))
    {
        Ok(x) => x,
        Err(e) => return Ok(fail(c.report, &e)),
    };
    let Some(shipment) = shipment else {
        c.report.error(
            "chargeback.not_shipped",
            format!("the ledger recorded no shipment {}", claim.shipment),
        );
        return Ok(c.report);
    };
    c.report
        .fact("shippedAt", &shipment.at)
        .fact("shippedItems", &shipment.items);
    // A shipment to someone else is not a shipment under this contract.
    if shipment.to != terms.buyer {
        c.report.error(
            "chargeback.not_shipped",
            format!(
                "shipment {} went to {}, not to the contract's buyer",
                claim.shipment, shipment.to
            ),
        );
    }
    if shipment.from != claim.claimant {
        c.report.error(
            "chargeback.not_a_party",
            "the shipment was not from the claimant",
        );
    }
    let at = secs(&shipment.at).unwrap_or(i64::MIN);
    let (from, until) = (
        secs(&terms.valid_from).unwrap_or(i64::MAX),
        secs(&terms.valid_until).unwrap_or(i64::MIN),
    );
    if at < from || at >= until {
        c.report.error(
            "chargeback.outside_dates",
            format!(
                "shipped at {}, the contract runs from {} until {}",
                shipment.at, terms.valid_from, terms.valid_until
            ),
        );
    }
    if claim
        .currency
        .as_ref()
        .is_some_and(|cur| cur != &terms.currency)
    {
        c.report.error(
            "chargeback.price_mismatch",
            format!("the contract is in {}", terms.currency),
        );
    }
    let mut total: u64 = 0;
    for line in &claim.lines {
        let Some(product) = terms.products.iter().find(|p| p.gtin == line.gtin) else {
            c.report.error(
                "chargeback.not_eligible",
                format!("{} is not in the contract", line.gtin),
            );
            continue;
        };
        let Some(per_unit) = product
            .chargeback_minor
            .filter(|_| product.chargeback_eligible)
        else {
            c.report.error(
                "chargeback.not_eligible",
                format!("{} is not eligible for chargebacks", line.gtin),
            );
            continue;
        };
        if line.chargeback_minor.is_some_and(|x| x != per_unit)
            || line
                .unit_price_minor
                .is_some_and(|x| x != product.unit_price_minor)
        {
            c.report.error(
                "chargeback.price_mismatch",
                format!(
                    "{}: the contract says unit price {} and chargeback {per_unit}",
                    line.gtin, product.unit_price_minor
                ),
            );
        }
        let shipped = shipment.items.get(&line.gtin).copied().unwrap_or(0);
        if line.quantity > shipped {
            c.report.error(
                "chargeback.quantity_exceeds_shipment",
                format!(
                    "{} units of {} claimed, {shipped} shipped",
                    line.quantity, line.gtin
                ),
            );
        }
        total = total.saturating_add(line.quantity.saturating_mul(per_unit));
    }
    c.report.fact("owedMinor", total);
    if claim.total_minor.is_some_and(|t| t != total) {
        c.report.error(
            "chargeback.price_mismatch",
            format!("the claim's total is not the {total} the contract gives"),
        );
    }
    let cb_key = keys::chargeback(&claim.contract_id, &claim.shipment.to_ascii_lowercase());
    match b.value::<ChargebackRecord>(&cb_key) {
        Err(e) => return Ok(fail(c.report, &e)),
        Ok(None) => {}
        Ok(Some(rec)) => {
            let same = claim.claim_id.as_deref() == Some(rec.claim_id.as_str())
                && rec.claimant == claim.claimant;
            if same {
                c.report.info(
                    "chargeback.recorded",
                    format!("the claim is recorded on the ledger (tx {})", rec.tx),
                );
            } else {
                c.report.error(
                    "chargeback.duplicate_claim",
                    format!(
                        "claim {} for this shipment was already recorded at {}",
                        rec.claim_id, rec.at
                    ),
                );
            }
        }
    }
    if c.report.verdict() != Verdict::NotVerified {
        c.report.info(
            "chargeback.valid",
            format!("owed: {total} {}", terms.currency),
        );
    }
    Ok(c.report)
}
