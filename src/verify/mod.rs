//! The verifiers people use: medicines, credentials, records with consent, contract claims.
