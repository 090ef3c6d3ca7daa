//! Verifying from a trusted state up to a target height by bisection (skipping verification).
//!
//! [`Bisection`] is a state machine: [`Bisection::need`] names the height it wants next,
//! [`Bisection::supply`] hands it that height's light block. It never fetches anything itself,
//! so a synchronous Rust [`LightBlockProvider`] ([`verify_to`]) and an asynchronous JavaScript
//! provider (which awaits a Promise between the two calls) drive the same logic.
//!
//! The strategy is CometBFT's: try the target directly; on `NotEnoughTrust` try the height
//! halfway between the trusted height and the one that failed, keeping the failed block to retry
//! once trust has moved closer; on `Success` trust the block and try the next pending height. A
//! block already fetched is never fetched again, so a run fetches O(log n) blocks per validator
//! set change it must cross.

use super::error::LightError;
use super::light_block::{LightBlock, TrustedState};
use super::options::Options;
use super::time::Time;
use super::verdict::Verdict;
use super::verifier::verify_light_block;

/// Supplies light blocks by height (synchronously).
pub trait LightBlockProvider {
    /// The light block at `height`, with its next validator set.
    fn light_block(&mut self, height: i64) -> Result<LightBlock, LightError>;
}

/// What a [`Bisection`] wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The light block at this height.
    Height(i64),
    /// Nothing: the target is verified.
    Done,
}

/// The result of a completed run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The new trusted state (at the target height).
    pub trusted: TrustedState,
    /// The heights verified, in order (the last is the target).
    pub trace: Vec<i64>,
    /// The light blocks verified, in the order of `trace`.
    pub verified: Vec<LightBlock>,
    /// How many light blocks were fetched.
    pub fetched: usize,
}

/// A bisection run from a trusted state to a target height.
#[derive(Debug, Clone)]
pub struct Bisection {
    trusted: TrustedState,
    options: Options,
    now: Time,
    /// Heights still to verify, nearest last, each with its block once fetched.
    pending: Vec<(i64, Option<LightBlock>)>,
    trace: Vec<i64>,
    verified: Vec<LightBlock>,
    fetched: usize,
    failed: bool,
}

impl Bisection {
    /// Start a run from `trusted` to `target` (above the trusted height), judged at `now`.
    pub fn new(
        trusted: TrustedState,
        target: i64,
        options: Options,
        now: Time,
    ) -> Result<Self, LightError> {
        if target <= trusted.height() {
            return Err(LightError::TargetNotAboveTrusted {
                trusted: trusted.height(),
                target,
            });
        }
        Ok(Bisection {
            trusted,
            options,
            now,
            pending: vec![(target, None)],
            trace: Vec::new(),
            verified: Vec::new(),
            fetched: 0,
            failed: false,
        })
    }

    /// The height whose light block is needed next, or [`Need::Done`].
    pub fn need(&self) -> Need {
        match self.pending.last() {
            Some((h, _)) if !self.failed => Need::Height(*h),
            _ => Need::Done,
        }
    }

    /// Hand over the light block for the height [`Self::need`] named. Verifies as far as the
    /// blocks at hand allow. A block that does not verify ends the run with
    /// [`LightError::Invalid`]; no later call succeeds.
    pub fn supply(&mut self, block: LightBlock) -> Result<(), LightError> {
        if self.failed {
            return Err(LightError::BadState("this run already failed"));
        }
        let Some((height, slot)) = self.pending.last_mut() else {
            return Err(LightError::BadState("the run is complete"));
        };
        if block.height() != *height {
            return Err(LightError::WrongHeight {
                asked: *height,
                got: block.height(),
            });
        }
        *slot = Some(block);
        self.fetched += 1;
        let result = self.advance();
        self.failed = result.is_err();
        result
    }

    /// Verify pending blocks that are at hand, nearest first.
    fn advance(&mut self) -> Result<(), LightError> {
        while let Some((height, Some(block))) = self.pending.last() {
            let height = *height;
            match verify_light_block(&self.trusted, block, &self.options, self.now) {
                Verdict::Success => {
                    let Some((_, Some(block))) = self.pending.pop() else {
                        return Err(LightError::BadState("lost the pending block"));
                    };
                    self.trusted = TrustedState::from_light_block(block.clone())?;
                    self.trace.push(height);
                    self.verified.push(block);
                }
                Verdict::NotEnoughTrust { .. } => {
                    let low = self.trusted.height();
                    // Halfway, rounding down; adjacent heights never lack trust, so the pivot
                    // lies strictly between `low` and `height`.
                    let pivot = (i128::from(low) + i128::from(height)).div_euclid(2);
                    let pivot = i64::try_from(pivot).unwrap_or(low);
                    if pivot <= low || pivot >= height {
                        return Err(LightError::BadState(
                            "no height left between trusted and target",
                        ));
                    }
                    self.pending.push((pivot, None));
                }
                Verdict::Invalid(reason) => {
                    return Err(LightError::Invalid { height, reason });
                }
            }
        }
        Ok(())
    }

    /// The latest trusted state.
    pub fn trusted(&self) -> &TrustedState {
        &self.trusted
    }

    /// Heights verified so far.
    pub fn trace(&self) -> &[i64] {
        &self.trace
    }

    /// Light blocks verified so far, in the order of [`Self::trace`].
    pub fn verified(&self) -> &[LightBlock] {
        &self.verified
    }

    /// Light blocks fetched so far.
    pub fn fetched(&self) -> usize {
        self.fetched
    }

    /// The outcome, once [`Self::need`] says [`Need::Done`] and no step failed.
    pub fn finish(self) -> Result<Outcome, LightError> {
        if self.failed || !self.pending.is_empty() {
            return Err(LightError::BadState("the run is not complete"));
        }
        Ok(Outcome {
            trusted: self.trusted,
            trace: self.trace,
            verified: self.verified,
            fetched: self.fetched,
        })
    }
}

/// Verify from `trusted` to `target`, fetching light blocks from `provider`.
pub fn verify_to(
    trusted: TrustedState,
    target: i64,
    provider: &mut dyn LightBlockProvider,
    options: Options,
    now: Time,
) -> Result<Outcome, LightError> {
    let mut run = Bisection::new(trusted, target, options, now)?;
    while let Need::Height(h) = run.need() {
        let block = provider.light_block(h)?;
        run.supply(block)?;
    }
    run.finish()
}
