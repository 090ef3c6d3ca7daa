//! The healthcare ledger: transactions, the state machine and its provable state.
