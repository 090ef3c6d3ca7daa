// Consent wallet: a patient's Ed25519 key, created and kept on this device (encrypted with their
// passphrase, see keystore.js), signs consent grants and revocations. The signed transaction can
// be downloaded, and sent to the ledger when a CometBFT RPC endpoint is configured.

import { generateKeyPair, has, keyPairFromKeybox, loadVerifier, signConsentGrant, signConsentRevocation } from "../api.js";
import { findScenario } from "../demo.js";
import { publicKeyFromDid } from "../didkey.js";
import { download, field, h, note, put, viewHeading } from "../dom.js";
import {
  MIN_PASSPHRASE,
  PBKDF2_ITERATIONS,
  WalletError,
  deleteKeyRecord,
  keyboxFromRecord,
  loadKeyRecord,
  parseBackup,
  recordFromKeybox,
  saveKeyRecord,
} from "../keystore.js";
import { broadcastTxSync } from "../rpc.js";
import { scopeFromText, scopeText } from "../scope.js";
import { currentTrust, describeTrust, loadSettings } from "../settings.js";

const PURPOSES = ["treatment", "research", "insurance", "emergency"];
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function passwordInput(autocomplete) {
  return h("input", { type: "password", autocomplete, required: true, minlength: String(MIN_PASSPHRASE), spellcheck: "false" });
}

function inDays(days) {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

export async function mount(root, params) {
  // Load the module now, so that creating, unlocking and signing make no request at all.
  const ready = loadVerifier().catch(() => null);
  const trustReady = currentTrust(); // (the chain id for the forms), also fetched up front
  const scenario = await findScenario(params.get("scenario"));
  const prefill = scenario?.kind === "consent" && scenario.input && typeof scenario.input === "object" ? scenario.input : {};
  const state = h("div", { class: "wallet-state" });
  const live = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  let keyPair = null;

  function lock() {
    keyPair?.free();
    keyPair = null;
  }

  function errorBox() {
    return h("div", { class: "wallet-error", id: "wallet-error" });
  }

  function showError(box, e) {
    box.dataset.code = e.code ?? "app.error";
    box.replaceChildren(note("error", e.message));
  }

  function backupButton(record) {
    return h(
      "button",
      { type: "button", class: "secondary", id: "wallet-backup", onclick: () => download("medproof-key-backup.json", JSON.stringify(record, null, 2)) },
      "Download encrypted backup",
    );
  }

  function didLine(record) {
    return h("p", { class: "wallet-did" }, "Your key: ", h("code", { id: "wallet-did", class: "code" }, record.did));
  }

  // --- no key yet ---------------------------------------------------------------------------
  function renderCreate() {
    const pass = field("Passphrase", passwordInput("new-password"), `At least ${MIN_PASSPHRASE} characters. Nobody can recover your key without it.`);
    const again = field("Passphrase again", passwordInput("new-password"));
    const errors = errorBox();
    const submit = h("button", { type: "submit" }, "Create key");
    const form = h("form", { id: "wallet-create" }, pass.field, again.field, errors, submit);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      errors.replaceChildren();
      if (pass.control.value !== again.control.value) {
        showError(errors, { code: "wallet.mismatch", message: "The two passphrases differ: type the same one twice." });
        again.control.focus();
        return;
      }
      submit.disabled = true;
      live.textContent = "Creating and encrypting your key…";
      try {
        await ready;
        if (pass.control.value.length < MIN_PASSPHRASE) {
          throw new WalletError("wallet.weak_passphrase", `Choose a passphrase of at least ${MIN_PASSPHRASE} characters.`);
        }
        const pair = await generateKeyPair();
        // The module encrypts the key itself: the secret seed never enters JavaScript.
        const record = recordFromKeybox(pair.exportEncrypted(pass.control.value), pair.publicKey);
        await saveKeyRecord(record);
        keyPair = pair;
        render(record);
        live.textContent = "Key created and unlocked.";
      } catch (err) {
        showError(errors, err);
        submit.disabled = false;
      }
    });

    const restoreInput = h("input", { type: "file", accept: ".json,application/json" });
    const restoreErrors = errorBox();
    restoreErrors.id = "wallet-restore-error";
    restoreInput.addEventListener("change", async () => {
      const file = restoreInput.files?.[0];
      if (!file) return;
      try {
        const record = parseBackup(await file.text());
        await saveKeyRecord(record);
        render(record);
      } catch (err) {
        showError(restoreErrors, err);
      }
    });
    const restore = field("Backup file", restoreInput);
    state.replaceChildren(
      h("h2", {}, "Create your key"),
      h(
        "p",
        {},
        `Your key is made on this device and stored here, encrypted with your passphrase (PBKDF2-SHA256, ${PBKDF2_ITERATIONS.toLocaleString("en")} rounds, then AES-256-GCM). It is never sent anywhere.`,
      ),
      form,
      h("details", { class: "restore" }, h("summary", {}, "Restore a key from a backup file"), restore.field, restoreErrors),
    );
  }

  // --- key stored, locked -------------------------------------------------------------------
  function renderLocked(record) {
    const pass = field("Passphrase", passwordInput("current-password"));
    const errors = errorBox();
    const submit = h("button", { type: "submit" }, "Unlock");
    const form = h("form", { id: "wallet-unlock" }, pass.field, errors, submit);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      errors.replaceChildren();
      submit.disabled = true;
      live.textContent = "Unlocking…";
      try {
        await ready;
        const pair = await keyPairFromKeybox(keyboxFromRecord(record), pass.control.value);
        if (hex(pair.publicKey) !== record.publicKeyHex) {
          pair.free();
          throw Object.assign(new Error("This key record is damaged: its secret does not match its public key."), { code: "wallet.key_mismatch" });
        }
        keyPair = pair;
        render(record);
        live.textContent = "Unlocked.";
      } catch (err) {
        showError(errors, err);
        live.textContent = err.message;
        submit.disabled = false;
        pass.control.select();
        pass.control.focus();
      }
    });

    const confirmDelete = h("button", { type: "button", class: "danger", hidden: true }, "Yes, delete my key for good");
    const askDelete = h("button", { type: "button", class: "secondary" }, "Delete this key…");
    askDelete.addEventListener("click", () => {
      confirmDelete.hidden = false;
      confirmDelete.focus();
    });
    confirmDelete.addEventListener("click", async () => {
      await deleteKeyRecord();
      render(undefined);
    });
    state.replaceChildren(
      h("h2", {}, "Unlock your key"),
      didLine(record),
      form,
      h("div", { class: "button-row" }, backupButton(record), askDelete, confirmDelete),
    );
  }

  // --- unlocked -----------------------------------------------------------------------------
  async function renderUnlocked(record) {
    const [canGrant, canRevoke, trust] = await Promise.all([
      has("signConsentGrant").catch(() => false),
      has("signConsentRevocation").catch(() => false),
      trustReady,
    ]);
    const chainId = trust.trust ? describeTrust(trust.trust).chainId : "";
    const output = h("section", { class: "signed", id: "wallet-signed", "aria-live": "polite" });
    const lockButton = h("button", { type: "button", class: "secondary", id: "wallet-lock" }, "Lock");
    lockButton.addEventListener("click", () => {
      lock();
      render(record);
    });

    function consentForm({ id, title, submitLabel, available, withTerms, sign }) {
      const grantee = field("Who (their did:key)", h("input", { type: "text", required: true, spellcheck: "false", autocomplete: "off", value: prefill.grantee ?? "" }));
      const scope = field("Which records", h("input", { type: "text", required: true, value: scopeText(prefill.scope) }), "Comma-separated: a record's anchor or fingerprint, or a category your hospital names (lab_result).");
      const purpose = field(
        "Purpose",
        h("select", {}, PURPOSES.map((p) => h("option", { value: p, selected: p === prefill.purpose }, p))),
      );
      const expires = field("Until", h("input", { type: "date", required: true, value: (prefill.expires ?? "").slice(0, 10) || inDays(90) }));
      const sequence = field("Sequence number", h("input", { type: "number", min: "0", step: "1", required: true, value: String(prefill.sequence ?? record.nextSequence ?? 1) }), "Counts your consent transactions; each is used once.");
      const chain = field("Ledger (chain id)", h("input", { type: "text", required: true, value: prefill.chainId ?? chainId }));
      const errors = errorBox();
      errors.id = `${id}-error`;
      const submit = h("button", { type: "submit", disabled: !available }, submitLabel);
      const form = h(
        "form",
        { id, class: "consent-form" },
        grantee.field,
        scope.field,
        withTerms ? [purpose.field, expires.field] : null,
        sequence.field,
        chain.field,
        errors,
        available ? null : note("info", `${title} is not available in this build of the verifier.`),
        submit,
      );
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        errors.replaceChildren();
        if (!publicKeyFromDid(grantee.control.value)) {
          showError(errors, { code: "wallet.bad_did", message: "That is not an Ed25519 did:key (it starts with did:key:z6Mk)." });
          grantee.control.focus();
          return;
        }
        const seq = Number(sequence.control.value);
        const body = { grantee: grantee.control.value.trim(), scope: scopeFromText(scope.control.value), sequence: seq, chainId: chain.control.value.trim() };
        if (withTerms) Object.assign(body, { purpose: purpose.control.value, expires: `${expires.control.value}T23:59:59Z` });
        try {
          const signed = await sign(keyPair, body);
          record.nextSequence = Math.max(record.nextSequence ?? 1, seq + 1);
          await saveKeyRecord(record);
          sequence.control.value = String(record.nextSequence);
          showSigned(signed, title);
        } catch (err) {
          showError(errors, err);
        }
      });
      return h("section", { class: "consent-section" }, h("h2", {}, title), form);
    }

    function showSigned(signed, title) {
      const rpcUrl = loadSettings().rpcUrl;
      const sent = h("div", { class: "broadcast-result", id: "wallet-broadcast" });
      const send = h("button", { type: "button", disabled: !rpcUrl }, "Send to the ledger");
      send.addEventListener("click", async () => {
        send.disabled = true;
        sent.replaceChildren(h("p", { class: "busy" }, `Sending to ${rpcUrl}…`));
        try {
          const r = await broadcastTxSync(rpcUrl, signed.txBase64);
          sent.replaceChildren(
            r.code === 0
              ? note("info", `Accepted into the mempool. Transaction hash ${r.hash}.`)
              : note("error", `The ledger refused it (code ${r.code}): ${r.log ?? ""}`),
          );
        } catch (err) {
          sent.replaceChildren(note("error", err.message));
          send.disabled = false;
        }
      });
      const txId = "wallet-tx";
      put(
        output,
        h("h2", {}, `Signed: ${title.toLowerCase()}`),
        h("pre", { class: "json", id: "wallet-tx-json", tabindex: "0" }, JSON.stringify(signed.json, null, 2)),
        h("label", { for: txId }, "Transaction (base64)"),
        h("textarea", { id: txId, readonly: true, rows: "3", class: "code" }, signed.txBase64),
        h(
          "div",
          { class: "button-row" },
          h(
            "button",
            { type: "button", class: "secondary", onclick: () => download(`consent-tx-${Date.now()}.json`, JSON.stringify(signed, null, 2)) },
            "Download transaction",
          ),
          send,
        ),
        rpcUrl ? null : h("p", { class: "hint" }, "To send it from here, set a CometBFT RPC endpoint in ", h("a", { href: "#/settings" }, "Settings"), "."),
        sent,
      );
      output.querySelector("h2").setAttribute("tabindex", "-1");
      output.querySelector("h2").focus();
    }

    state.replaceChildren(
      h("h2", {}, "Your key is unlocked"),
      didLine(record),
      h("div", { class: "button-row" }, lockButton, backupButton(record)),
      consentForm({ id: "consent-grant", title: "Grant consent", submitLabel: "Sign grant", available: canGrant, withTerms: true, sign: signConsentGrant }),
      consentForm({ id: "consent-revoke", title: "Withdraw consent", submitLabel: "Sign withdrawal", available: canRevoke, withTerms: false, sign: signConsentRevocation }),
      output,
    );
  }

  async function render(record) {
    state.dataset.state = !record ? "none" : keyPair ? "unlocked" : "locked";
    if (!record) renderCreate();
    else if (!keyPair) renderLocked(record);
    else await renderUnlocked(record);
    state.querySelector("h2")?.setAttribute("tabindex", "-1");
  }

  root.append(
    ...viewHeading(
      "Consent wallet",
      "Grant or withdraw consent for people to see your records. Your key is created and kept on this device, encrypted with your passphrase.",
    ),
    live,
    state,
  );
  await render(await loadKeyRecord().catch(() => undefined));
  return { unmount: lock };
}
