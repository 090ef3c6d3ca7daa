//! Criterion benchmarks of the cryptographic core (native).
//!
//! The browser counterpart is `www/bench.html`, run by `make bench`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use medproof::crypto::ed25519::{verify, verify_batch, PublicKey, Rule, Signature, SigningKey};
use medproof::crypto::merkle;
use medproof::crypto::sha256;

fn signed_messages(n: usize) -> Vec<(PublicKey, Vec<u8>, Signature)> {
    (0..n)
        .map(|i| {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            let key = SigningKey::from_seed(&seed);
            // About the size of a CometBFT canonical vote.
            let msg = vec![i as u8; 110];
            let sig = key.sign(&msg);
            (key.public_key(), msg, sig)
        })
        .collect()
}

fn ed25519(c: &mut Criterion) {
    let items = signed_messages(150);
    let borrowed: Vec<(PublicKey, &[u8], Signature)> = items
        .iter()
        .map(|(k, m, s)| (*k, m.as_slice(), *s))
        .collect();
    let mut g = c.benchmark_group("ed25519_150");
    g.throughput(Throughput::Elements(150));
    for rule in [Rule::Zip215, Rule::Strict] {
        g.bench_function(format!("{}_single", rule.name()), |b| {
            b.iter(|| {
                for (k, m, s) in &borrowed {
                    verify(rule, k, m, s).unwrap();
                }
            })
        });
        g.bench_function(format!("{}_batch", rule.name()), |b| {
            b.iter(|| verify_batch(rule, &borrowed).unwrap())
        });
    }
    g.finish();
}

fn hashing(c: &mut Criterion) {
    let data = vec![0xa5u8; 8 << 20];
    let mut g = c.benchmark_group("sha256");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("8MiB", |b| b.iter(|| sha256(&data)));
    g.finish();

    let leaves: Vec<[u8; 32]> = (0..4096u32).map(|i| sha256(&i.to_le_bytes())).collect();
    let root = merkle::root_from_leaf_hashes(&leaves);
    let proof = merkle::inclusion_proof(&leaves, 1234).unwrap();
    c.bench_function("merkle_verify_inclusion_4096", |b| {
        b.iter_batched(
            || proof.clone(),
            |p| merkle::verify_inclusion(1234, 4096, &leaves[1234], &p, &root).unwrap(),
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, ed25519, hashing);
criterion_main!(benches);
