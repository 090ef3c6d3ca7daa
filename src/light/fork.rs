//! Fork detection: a primary's light block cross-checked against witnesses' blocks.
//!
//! If a witness returns a different header for the same height and that header **also**
//! verifies from the trusted state, the chain (or one of the providers' views of it) has forked:
//! validators holding enough trusted power signed two blocks at one height. That is reported as
//! a [`Conflict`] carrying both signed headers (the evidence), and the report then refuses to
//! call the primary's block verified. Nothing picks a side. A witness whose differing block does
//! not verify is only a faulty witness.

use super::commit::SignedHeader;
use super::light_block::{LightBlock, TrustedState};
use super::options::Options;
use super::time::Time;
use super::verdict::{Reason, Verdict};
use super::verifier::verify_light_block;

/// Two different headers for one height, both verified from the same trusted state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The height of both headers.
    pub height: i64,
    /// The index of the witness that disagreed.
    pub witness: usize,
    /// The primary's signed header.
    pub primary: SignedHeader,
    /// The witness's signed header.
    pub witness_header: SignedHeader,
}

/// How one witness's block compares with the primary's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WitnessOutcome {
    /// Same header hash as the primary.
    Agrees,
    /// A different header that also verifies: a fork.
    Conflict(Box<Conflict>),
    /// A different header that does not verify: the witness is faulty.
    Faulty(Reason),
    /// A different header that cannot be judged from the trusted state in one step (too little
    /// trusted power signed it); bisect with this witness as provider to decide.
    Undecided,
    /// A block for another height than the primary's.
    WrongHeight(i64),
}

/// The outcome of checking a primary block against witnesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForkReport {
    /// The primary block's own verdict.
    pub primary: Verdict,
    /// One outcome per witness, in the order given.
    pub witnesses: Vec<WitnessOutcome>,
}

impl ForkReport {
    /// The conflicts found.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.witnesses.iter().filter_map(|w| match w {
            WitnessOutcome::Conflict(c) => Some(&**c),
            _ => None,
        })
    }

    /// Whether some witness proved a fork.
    pub fn is_fork(&self) -> bool {
        self.conflicts().next().is_some()
    }

    /// Whether the primary's block verified and no witness contradicted it.
    pub fn is_verified(&self) -> bool {
        self.primary == Verdict::Success && !self.is_fork()
    }
}

/// Verify `primary` from `trusted`, and compare it with each witness's block for the same height.
pub fn detect_fork(
    trusted: &TrustedState,
    primary: &LightBlock,
    witnesses: &[LightBlock],
    options: &Options,
    now: Time,
) -> ForkReport {
    let primary_verdict = verify_light_block(trusted, primary, options, now);
    let primary_hash = primary.header().hash();
    let witnesses = witnesses
        .iter()
        .enumerate()
        .map(|(index, w)| {
            if w.height() != primary.height() {
                return WitnessOutcome::WrongHeight(w.height());
            }
            if w.header().hash() == primary_hash {
                return WitnessOutcome::Agrees;
            }
            match verify_light_block(trusted, w, options, now) {
                Verdict::Success => WitnessOutcome::Conflict(Box::new(Conflict {
                    height: primary.height(),
                    witness: index,
                    primary: primary.signed_header.clone(),
                    witness_header: w.signed_header.clone(),
                })),
                Verdict::NotEnoughTrust { .. } => WitnessOutcome::Undecided,
                Verdict::Invalid(reason) => WitnessOutcome::Faulty(reason),
            }
        })
        .collect();
    ForkReport {
        primary: primary_verdict,
        witnesses,
    }
}
