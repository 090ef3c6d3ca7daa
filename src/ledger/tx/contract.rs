//! Contracts between parties (prices, chargeback eligibility), and the invoices and chargeback
//! claims that reference shipments.

use serde::{Deserialize, Serialize};

use super::check;
use crate::crypto::jcs::canonicalize_serialize;
use crate::crypto::sha256;
use crate::ledger::epc::valid_gtin;
use crate::ledger::error::Reject;

/// Most products (lines) in terms, invoices and claims.
pub const MAX_LINES: usize = 200;

/// One product's terms.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    /// The product's GTIN-14.
    pub gtin: String,
    /// The contract price per pack, in minor units of the currency.
    pub unit_price_minor: u64,
    /// Whether a wholesaler that sells it to the buyer may claim a chargeback.
    pub chargeback_eligible: bool,
    /// The chargeback per pack, in minor units; required if and only if eligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chargeback_minor: Option<u64>,
}

/// The terms both parties sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Terms {
    /// The seller (a manufacturer).
    pub seller: String,
    /// The buyer (for example a hospital).
    pub buyer: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// The products.
    pub products: Vec<Product>,
    /// Start of validity (RFC 3339).
    pub valid_from: String,
    /// End of validity, exclusive (RFC 3339).
    pub valid_until: String,
}

impl Terms {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::did("seller", &self.seller)?;
        check::did("buyer", &self.buyer)?;
        if self.seller == self.buyer {
            return Err(Reject::BadBody("seller and buyer must differ".into()));
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|c| c.is_ascii_uppercase()) {
            return Err(Reject::BadBody("currency: an ISO 4217 code".into()));
        }
        let gtins: Vec<&str> = self.products.iter().map(|p| p.gtin.as_str()).collect();
        check::list("products", &gtins, MAX_LINES)?;
        for p in &self.products {
            gtin("products.gtin", &p.gtin)?;
            check::safe_int("unitPriceMinor", p.unit_price_minor)?;
            match (p.chargeback_eligible, p.chargeback_minor) {
                (true, Some(c)) => {
                    check::safe_int("chargebackMinor", c)?;
                }
                (false, None) => {}
                _ => {
                    return Err(Reject::BadBody(
                        "chargebackMinor: required if and only if chargebackEligible".into(),
                    ))
                }
            }
        }
        check::window(&self.valid_from, &self.valid_until)?;
        Ok(())
    }

    /// SHA-256 of the terms' canonical JSON, lower-case hex: what the accepting party signs.
    pub fn hash_hex(&self) -> Result<String, Reject> {
        let bytes = canonicalize_serialize(self).map_err(|e| Reject::BadBody(e.to_string()))?;
        Ok(crate::crypto::encoding::to_hex(&sha256(&bytes)))
    }

    /// The product with this GTIN.
    pub fn product(&self, gtin: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.gtin == gtin)
    }
}

fn gtin(field: &str, g: &str) -> Result<(), Reject> {
    if valid_gtin(g) {
        Ok(())
    } else {
        Err(Reject::BadBody(format!("{field}: not a GTIN-14")))
    }
}

/// `contract.propose`: one party proposes terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Propose {
    /// The contract's identifier.
    pub contract_id: String,
    /// The terms.
    pub terms: Terms,
}

impl Propose {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::ident("contractId", &self.contract_id)?;
        self.terms.validate()
    }
}

/// `contract.accept`: the other party countersigns the terms by their hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Accept {
    /// The contract's identifier.
    pub contract_id: String,
    /// [`Terms::hash_hex`] of the proposed terms.
    pub terms_hash: String,
}

impl Accept {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::ident("contractId", &self.contract_id)?;
        check::hex32("termsHash", &self.terms_hash).map(|_| ())
    }
}

/// An invoice line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvoiceLine {
    /// The product.
    pub gtin: String,
    /// Packs invoiced.
    pub quantity: u64,
    /// Price per pack (must be the contract price), minor units.
    pub unit_price_minor: u64,
}

/// `contract.invoice`: the seller invoices the buyer for one shipment under the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Invoice {
    /// The invoice's identifier.
    pub invoice_id: String,
    /// The contract.
    pub contract_id: String,
    /// The shipping transaction's hash, lower-case hex.
    pub shipment: String,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
}

impl Invoice {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::ident("invoiceId", &self.invoice_id)?;
        check::ident("contractId", &self.contract_id)?;
        check::hex32("shipment", &self.shipment)?;
        lines(self.lines.iter().map(|l| (l.gtin.as_str(), l.quantity)))?;
        for l in &self.lines {
            check::safe_int("unitPriceMinor", l.unit_price_minor)?;
        }
        Ok(())
    }
}

/// A chargeback line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimLine {
    /// The product.
    pub gtin: String,
    /// Packs claimed for.
    pub quantity: u64,
}

/// `contract.chargeback`: a wholesaler that shipped to the contract's buyer claims the
/// chargeback for one shipment from the seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Chargeback {
    /// The claim's identifier.
    pub claim_id: String,
    /// The contract.
    pub contract_id: String,
    /// The shipping transaction's hash, lower-case hex.
    pub shipment: String,
    /// The lines.
    pub lines: Vec<ClaimLine>,
}

impl Chargeback {
    /// Check every field's form.
    pub fn validate(&self) -> Result<(), Reject> {
        check::ident("claimId", &self.claim_id)?;
        check::ident("contractId", &self.contract_id)?;
        check::hex32("shipment", &self.shipment)?;
        lines(self.lines.iter().map(|l| (l.gtin.as_str(), l.quantity)))
    }
}

/// Lines: 1 to [`MAX_LINES`], distinct GTIN-14s, quantities from 1 to 2^53-1.
fn lines<'a>(lines: impl Iterator<Item = (&'a str, u64)>) -> Result<(), Reject> {
    let lines: Vec<(&str, u64)> = lines.collect();
    let gtins: Vec<&str> = lines.iter().map(|(g, _)| *g).collect();
    check::list("lines", &gtins, MAX_LINES)?;
    for (g, q) in lines {
        gtin("lines.gtin", g)?;
        if q == 0 {
            return Err(Reject::BadBody("lines.quantity: at least 1".into()));
        }
        check::safe_int("lines.quantity", q)?;
    }
    Ok(())
}
