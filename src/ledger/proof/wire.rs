//! The ICS23 proof messages the JMT spec uses, and a small protobuf decoder for them.
//!
//! Field numbers follow `cosmos/ics23/v1/proofs.proto`: `CommitmentProof {exist = 1, nonexist =
//! 2, batch = 3, compressed = 4}` (a oneof), `ExistenceProof {key = 1, value = 2, leaf = 3, path =
//! 4}`, `NonExistenceProof {key = 1, left = 2, right = 3}`, `LeafOp {hash = 1, prehash_key = 2,
//! prehash_value = 3, length = 4, prefix = 5}`, `InnerOp {hash = 1, prefix = 2, suffix = 3}`.
//! Decoding follows protobuf's rules as prost applies them: unknown fields are skipped, a
//! repeated scalar field keeps its last value, a repeated message field is merged, `path`
//! appends. Batch and compressed proofs are recognised only to be refused.

/// A decoded `CommitmentProof`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CommitmentProof {
    /// No variant set.
    #[default]
    Empty,
    /// A proof that a key holds a value.
    Exist(ExistenceProof),
    /// A proof that a key is absent.
    Nonexist(NonExistenceProof),
    /// A batch or compressed proof (field 3 or 4), which the ledger does not accept.
    Unsupported,
}

/// `ExistenceProof`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExistenceProof {
    /// The key.
    pub key: Vec<u8>,
    /// The value.
    pub value: Vec<u8>,
    /// The leaf op (absent if `None`).
    pub leaf: Option<LeafOp>,
    /// Inner ops from the leaf up.
    pub path: Vec<InnerOp>,
}

/// `NonExistenceProof`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NonExistenceProof {
    /// The absent key.
    pub key: Vec<u8>,
    /// The neighbour just before it (in key-hash order).
    pub left: Option<ExistenceProof>,
    /// The neighbour just after it.
    pub right: Option<ExistenceProof>,
}

/// `LeafOp`; enums as their protobuf numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeafOp {
    /// `HashOp` of the leaf.
    pub hash: i32,
    /// `HashOp` applied to the key.
    pub prehash_key: i32,
    /// `HashOp` applied to the value.
    pub prehash_value: i32,
    /// `LengthOp`.
    pub length: i32,
    /// Prefix.
    pub prefix: Vec<u8>,
}

/// `InnerOp`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InnerOp {
    /// `HashOp`.
    pub hash: i32,
    /// Bytes before the child hash.
    pub prefix: Vec<u8>,
    /// Bytes after the child hash.
    pub suffix: Vec<u8>,
}

/// `HashOp::SHA256`.
pub const SHA256: i32 = 1;
/// `LengthOp::NO_PREFIX`.
pub const NO_PREFIX: i32 = 0;

/// Why bytes are not a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError(pub &'static str);

/// One field: its number and its value.
enum Field<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Other,
}

/// Reads fields off a buffer.
struct Reader<'a> {
    buf: &'a [u8],
}

/// How deeply groups (a legacy wire form, only ever skipped) may nest, as in prost.
const MAX_GROUP_DEPTH: usize = 100;

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64, WireError> {
        let mut value = 0u64;
        for i in 0..10 {
            let (&byte, rest) = self
                .buf
                .split_first()
                .ok_or(WireError("truncated varint"))?;
            self.buf = rest;
            if i == 9 && byte > 1 {
                return Err(WireError("varint overflows 64 bits"));
            }
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(WireError("varint too long"))
    }

    fn take(&mut self, n: u64) -> Result<&'a [u8], WireError> {
        let n = usize::try_from(n).map_err(|_| WireError("length too large"))?;
        let (head, rest) = self
            .buf
            .split_at_checked(n)
            .ok_or(WireError("length past the end"))?;
        self.buf = rest;
        Ok(head)
    }

    /// A field's key: its number and wire type.
    fn key(&mut self) -> Result<(u32, u64), WireError> {
        let key = self.varint()?;
        let number = u32::try_from(key >> 3).map_err(|_| WireError("field number too large"))?;
        if number == 0 {
            return Err(WireError("field number 0"));
        }
        Ok((number, key & 7))
    }

    /// Skip a group's fields up to its end marker.
    fn skip_group(&mut self, number: u32, depth: usize) -> Result<(), WireError> {
        if depth > MAX_GROUP_DEPTH {
            return Err(WireError("groups nested too deeply"));
        }
        loop {
            let (n, wire) = self.key()?;
            match wire {
                4 if n == number => return Ok(()),
                4 => return Err(WireError("mismatched end of group")),
                3 => self.skip_group(n, depth + 1)?,
                _ => {
                    self.value(wire)?;
                }
            }
        }
    }

    /// The value of a field of wire type `wire` (not a group).
    fn value(&mut self, wire: u64) -> Result<Field<'a>, WireError> {
        Ok(match wire {
            0 => Field::Varint(self.varint()?),
            1 => {
                self.take(8)?;
                Field::Other
            }
            2 => {
                let len = self.varint()?;
                Field::Bytes(self.take(len)?)
            }
            5 => {
                self.take(4)?;
                Field::Other
            }
            _ => return Err(WireError("unsupported wire type")),
        })
    }

    /// The next field, or `None` at the end.
    fn next(&mut self) -> Result<Option<(u32, Field<'a>)>, WireError> {
        if self.buf.is_empty() {
            return Ok(None);
        }
        let (number, wire) = self.key()?;
        let field = if wire == 3 {
            self.skip_group(number, 1)?;
            Field::Other
        } else {
            self.value(wire)?
        };
        Ok(Some((number, field)))
    }
}

/// Parse `buf` field by field, handing each known one to `on`; wrong wire types for a known
/// field are errors, unknown fields are skipped.
fn fields<'a>(
    buf: &'a [u8],
    mut on: impl FnMut(u32, Field<'a>) -> Result<(), WireError>,
) -> Result<(), WireError> {
    let mut r = Reader { buf };
    while let Some((number, field)) = r.next()? {
        on(number, field)?;
    }
    Ok(())
}

fn bytes(field: Field<'_>) -> Result<Vec<u8>, WireError> {
    match field {
        Field::Bytes(b) => Ok(b.to_vec()),
        _ => Err(WireError("expected a length-delimited field")),
    }
}

fn enum_value(field: Field<'_>) -> Result<i32, WireError> {
    match field {
        // Protobuf truncates an int32 read from a 64-bit varint.
        Field::Varint(v) => Ok(v as i32),
        _ => Err(WireError("expected a varint field")),
    }
}

fn message(field: Field<'_>) -> Result<&[u8], WireError> {
    match field {
        Field::Bytes(b) => Ok(b),
        _ => Err(WireError("expected an embedded message")),
    }
}

impl LeafOp {
    fn merge(&mut self, buf: &[u8]) -> Result<(), WireError> {
        fields(buf, |n, f| {
            match n {
                1 => self.hash = enum_value(f)?,
                2 => self.prehash_key = enum_value(f)?,
                3 => self.prehash_value = enum_value(f)?,
                4 => self.length = enum_value(f)?,
                5 => self.prefix = bytes(f)?,
                _ => {}
            }
            Ok(())
        })
    }
}

impl InnerOp {
    fn merge(&mut self, buf: &[u8]) -> Result<(), WireError> {
        fields(buf, |n, f| {
            match n {
                1 => self.hash = enum_value(f)?,
                2 => self.prefix = bytes(f)?,
                3 => self.suffix = bytes(f)?,
                _ => {}
            }
            Ok(())
        })
    }
}

impl ExistenceProof {
    fn merge(&mut self, buf: &[u8]) -> Result<(), WireError> {
        fields(buf, |n, f| {
            match n {
                1 => self.key = bytes(f)?,
                2 => self.value = bytes(f)?,
                3 => self
                    .leaf
                    .get_or_insert_with(LeafOp::default)
                    .merge(message(f)?)?,
                4 => {
                    let mut op = InnerOp::default();
                    op.merge(message(f)?)?;
                    self.path.push(op);
                }
                _ => {}
            }
            Ok(())
        })
    }
}

impl NonExistenceProof {
    fn merge(&mut self, buf: &[u8]) -> Result<(), WireError> {
        fields(buf, |n, f| {
            match n {
                1 => self.key = bytes(f)?,
                2 => self
                    .left
                    .get_or_insert_with(ExistenceProof::default)
                    .merge(message(f)?)?,
                3 => self
                    .right
                    .get_or_insert_with(ExistenceProof::default)
                    .merge(message(f)?)?,
                _ => {}
            }
            Ok(())
        })
    }
}

impl CommitmentProof {
    /// Decode a `CommitmentProof`.
    pub fn decode(buf: &[u8]) -> Result<CommitmentProof, WireError> {
        let mut proof = CommitmentProof::Empty;
        fields(buf, |n, f| {
            match n {
                1 => {
                    let body = message(f)?;
                    if !matches!(proof, CommitmentProof::Exist(_)) {
                        proof = CommitmentProof::Exist(ExistenceProof::default());
                    }
                    if let CommitmentProof::Exist(ex) = &mut proof {
                        ex.merge(body)?;
                    }
                }
                2 => {
                    let body = message(f)?;
                    if !matches!(proof, CommitmentProof::Nonexist(_)) {
                        proof = CommitmentProof::Nonexist(NonExistenceProof::default());
                    }
                    if let CommitmentProof::Nonexist(non) = &mut proof {
                        non.merge(body)?;
                    }
                }
                3 | 4 => {
                    message(f)?;
                    proof = CommitmentProof::Unsupported;
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(proof)
    }
}
