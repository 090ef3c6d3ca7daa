//! Verification options: trust level, trusting period, clock drift.

use core::time::Duration;

use super::error::LightError;

/// A fraction of voting power, `numerator / denominator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustThreshold {
    numerator: u64,
    denominator: u64,
}

impl TrustThreshold {
    /// 1/3: the default trust level of CometBFT's light client.
    pub const ONE_THIRD: TrustThreshold = TrustThreshold {
        numerator: 1,
        denominator: 3,
    };
    /// 2/3: the share of a block's own validators that must sign it.
    pub const TWO_THIRDS: TrustThreshold = TrustThreshold {
        numerator: 2,
        denominator: 3,
    };

    /// A trust level: between 1/3 and 1 inclusive, as CometBFT's `ValidateTrustLevel` allows.
    pub fn new(numerator: u64, denominator: u64) -> Result<Self, LightError> {
        let ok = denominator != 0
            && u128::from(numerator) * 3 >= u128::from(denominator)
            && numerator <= denominator;
        if ok {
            Ok(TrustThreshold {
                numerator,
                denominator,
            })
        } else {
            Err(LightError::BadOptions(format!(
                "trust level {numerator}/{denominator} is not within [1/3, 1]"
            )))
        }
    }

    /// The numerator.
    pub fn numerator(&self) -> u64 {
        self.numerator
    }

    /// The denominator.
    pub fn denominator(&self) -> u64 {
        self.denominator
    }

    /// Whether `tallied` is **more than** this fraction of `total`
    /// (`tallied * denominator > total * numerator`, exactly, in 128 bits).
    pub fn is_exceeded_by(&self, tallied: u64, total: u64) -> bool {
        u128::from(tallied) * u128::from(self.denominator)
            > u128::from(total) * u128::from(self.numerator)
    }
}

impl core::fmt::Display for TrustThreshold {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// How a light block is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Share of the trusted next validators' power that must sign a non-adjacent header.
    pub trust_threshold: TrustThreshold,
    /// How long a trusted header stays trusted (less than the chain's unbonding period).
    pub trusting_period: Duration,
    /// How far in the future (by the verifier's clock) a header's time may be.
    pub max_clock_drift: Duration,
}

impl Options {
    /// CometBFT's defaults (trust level 1/3, clock drift 10 s) with the given trusting period.
    pub fn new(trusting_period: Duration) -> Self {
        Options {
            trust_threshold: TrustThreshold::ONE_THIRD,
            trusting_period,
            max_clock_drift: Duration::from_secs(10),
        }
    }
}
