// Type-checked, not run (tests/npm/run.sh: `tsc --strict --noEmit`): every export of `medproof`
// and `medproof/authoring` called with arguments of the types a user would pass, and the results
// used as their declared types. The `@ts-expect-error` lines prove the verifiers' parameters are
// typed (they would be unused directives if a parameter were `any`).
import * as mp from "medproof";
import * as authoring from "medproof/authoring";
import type { Bundle, ChargebackClaim, ConsentQuery, RecordDigest, Report, SignedTx, Trust } from "medproof";

declare const trust: Trust;
declare const bundle: Bundle;
declare const bytes: Uint8Array;
const now = "2025-03-08T00:00:00Z";

// The five verifiers: typed inputs, a typed Report out.
const reports: Report[] = [
  mp.verifyMedicine("https://id.gs1.org/01/09506000134352/21/GEN001", bundle, trust, now),
  mp.verifyMedicine("(01)09506000134352(21)GEN001", JSON.stringify(bundle), JSON.stringify(trust)),
  mp.verifyCredential({ "@context": ["https://www.w3.org/ns/credentials/v2"] }, bundle, trust, now),
  mp.verifyRecord({ sha256Hex: mp.sha256Hex(bytes), size: bytes.length } satisfies RecordDigest, bundle, "did:key:z6Mk", trust, now),
  mp.verifyRecord({ chunkRoot: mp.chunkRootHex(bytes), size: bytes.length } satisfies RecordDigest, bundle, "did:key:z6Mk", trust, now),
  mp.verifyConsent({ grantee: "did:key:z6Mk", scope: { categories: ["lab"] } } satisfies ConsentQuery, bundle, trust, now),
  mp.verifyChargeback(
    { contractId: "C1", shipment: "S1", claimant: "did:key:z6Mk", lines: [{ gtin: "09506000134352", quantity: 2 }] } satisfies ChargebackClaim,
    bundle, trust, now,
  ),
];
for (const r of reports) {
  const verdict: "verified" | "warning" | "not_verified" = r.verdict;
  const codes: string[] = r.reasons.map((reason) => reason.code);
  const asOf: string = r.asOf;
  void [verdict, codes, asOf];
}
// @ts-expect-error a number is not a scan
mp.verifyMedicine(42, bundle, trust, now);
// @ts-expect-error a bundle is a Bundle or its text
mp.verifyConsent({ grantee: "did:key:z6Mk" }, 7, trust, now);
// @ts-expect-error a digest needs sha256Hex or chunkRoot
mp.verifyRecord({ size: 3 }, bundle, "did:key:z6Mk", trust, now);

// A chunk root from chunk digests computed elsewhere (Web Workers).
const builder = new mp.ChunkRootBuilder();
builder.push(mp.sha256(bytes));
const chunksPushed: number = builder.chunks;
const rootHex: string = builder.finalizeHex();
void [chunksPushed, rootHex];
// @ts-expect-error a claim needs its lines
mp.verifyChargeback({ contractId: "C1", shipment: "S1", claimant: "x" }, bundle, trust, now);
// @ts-expect-error a Report's verdict is one of three
const wrongVerdict: Report["verdict"] = "maybe";
void wrongVerdict;

// Errors carry a stable code.
try {
  mp.fromHex("zz");
} catch (e) {
  const code: unknown = e instanceof Error ? (e as Error & { code?: string }).code : undefined;
  void code;
}

// Keys and consent.
const key: mp.KeyPair = mp.KeyPair.fromSeed(new Uint8Array(32));
const fresh: mp.KeyPair = mp.KeyPair.generate();
const did: string = key.did;
const pub: Uint8Array = key.publicKey;
const sig: Uint8Array = key.sign(bytes);
const seed: Uint8Array = fresh.exportSeed();
fresh.free();
const grant: SignedTx = mp.signConsentGrant(key, {
  grantee: did, scope: { recordIds: ["R1"] }, purpose: "treatment", expires: "2026-03-01T00:00:00Z", sequence: 1, chainId: "medproof-demo-1",
});
const revocation: SignedTx = mp.signConsentRevocation(key, { grantee: did, sequence: 2, chainId: "medproof-demo-1" });
const txs: string[] = [grant.txBase64, grant.hash, revocation.json];
const grantTx: SignedTx = mp.consentGrantTx(key, "medproof-demo-1", 1, did, JSON.stringify({ categories: ["lab"] }), "treatment", "2026-03-01T00:00:00Z");
const revokeTx: SignedTx = mp.consentRevokeTx(key, "medproof-demo-1", 2, did);
mp.decodeLedgerTx(mp.fromBase64(grant.txBase64));

// Crypto.
const digest: Uint8Array = mp.sha256(bytes);
const hasher = new mp.Sha256Hasher();
hasher.update(bytes);
const hashed: number = hasher.bytesHashed;
const final: Uint8Array = hasher.finalize();
const hex: string = mp.toHex(digest);
const b64: string = mp.toBase64(mp.fromHex(hex));
const ok: boolean[] = [
  mp.ed25519Verify("strict", pub, bytes, sig),
  mp.ed25519VerifyBatch("zip215", pub, [bytes], sig),
  mp.merkleVerifyInclusion(0, 1, mp.merkleLeafHash(bytes), [], mp.merkleRoot([bytes])),
  mp.merkleVerifyConsistency(1, 2, [digest], digest, final),
];

// Ledger proofs, light client, GS1, status lists, credentials.
const key2: string = mp.stateKey("serial", ["09506000134352", "GEN001"]);
mp.verifyStateProof("ab", key2, null, "{}");
mp.verifyLightBlock(trust.checkpoint.lightBlock, bundle.lightBlocks[0], {}, now);
mp.detectFork(trust.checkpoint.lightBlock, bundle.lightBlocks[0], [], {}, now);
const headerHash: string = mp.lightHeaderHash(bundle.lightBlocks[0]);
const proven: Uint8Array = mp.verifyTxProof(bundle.lightBlocks[0], {});
const client = new mp.LightClient(trust.checkpoint.lightBlock, { trustingPeriodSeconds: 1209600 });
const height: number = client.trustedHeight;
const heights: Float64Array = client.verifiedHeights();
const state: string = client.trustedStateJson();
const header: string | undefined = client.verifiedHeaderJson(height);
void client.verifyTo(12, { lightBlock: async (h: number) => bundle.lightBlocks[h] }, now);
client.verifyTxProof({});
mp.parseGs1("https://id.gs1.org/01/09506000134352/21/GEN001", "2025-03-08");
const bit: number = mp.readStatusListBit("uH4sI", "7", 1) + mp.readStatusListBit("uH4sI", 7);
// @ts-expect-error a status list index is a number or its decimal string
mp.readStatusListBit("uH4sI", { index: 7 });
mp.checkStatusEntry("{}", "{}");
mp.verifyCredentialProof("{}", now);

// The authoring module: the verifier's API and the signing functions.
const akey = authoring.KeyPair.fromSeed(seed);
const link: string = authoring.buildGs1DigitalLink(JSON.stringify({ "01": "09506000134352", "21": "GEN001" }), null, "2025-03-08");
const signingBytes: Uint8Array = authoring.ledgerSigningBytes("consent.grant", "{}", akey.did);
const vc: string = authoring.signCredential("{}", seed, now);
const ledgerTx: SignedTx = authoring.signLedgerTx(akey, "consent.revoke", JSON.stringify({ grantee: did }));
const again: Report = authoring.verifyMedicine(link, bundle, trust, now);

void [txs, grantTx, revokeTx, ledgerTx, hashed, b64, ok, headerHash, proven, heights, state, header, bit, signingBytes, vc, again];
