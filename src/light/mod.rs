//! A CometBFT light client: headers, commits, validator sets and their verification.
