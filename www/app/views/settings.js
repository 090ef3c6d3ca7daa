// Settings: what this browser trusts (the checkpoint and the regulator's key) and where proofs
// come from. Saved in localStorage, on this device only.

import { publicKeyFromDid } from "../didkey.js";
import { field, h, note, timeEl, viewHeading } from "../dom.js";
import {
  SOURCES,
  checkpointAge,
  checkpointOf,
  currentTrust,
  describeTrust,
  formatAge,
  loadSettings,
  regulatorOf,
  resetSettings,
  saveSettings,
} from "../settings.js";

function ageNote(trust) {
  const age = checkpointAge(trust);
  const rows = [
    ["Chain", age.chainId || "—"],
    ["Height", String(age.height || "—")],
    ["Header hash", age.headerHash || "—"],
    ["Validators", String(age.validatorCount)],
    ["Header time", age.known ? timeEl(age.time) : "unknown"],
    ["Age", age.known ? formatAge(age.ageSeconds) : "unknown"],
    ["Trusting period", formatAge(age.trustingPeriodSeconds)],
  ];
  return h(
    "div",
    { id: "checkpoint-status", dataset: { stale: String(age.stale) } },
    h("dl", { class: "terms compact" }, rows.map(([k, v]) => h("div", { class: "term" }, h("dt", {}, k), h("dd", { class: k === "Header hash" ? "code" : null }, v)))),
    age.stale
      ? note(
          "warn",
          `This checkpoint is ${formatAge(age.ageSeconds)} old, older than the trusting period (${formatAge(age.trustingPeriodSeconds)}). ` +
            "Its validators may since have left and could sign anything without losing their stake: get a fresh checkpoint from a source you trust.",
        )
      : age.known
        ? null
        : note("warn", "This checkpoint has no header time, so its age cannot be checked."),
  );
}

export async function mount(root) {
  const settings = loadSettings();
  const { trust, origin, error } = await currentTrust();
  const status = h("div", { class: "settings-status", role: "status" });

  const checkpoint = field(
    "Checkpoint (JSON)",
    h("textarea", { rows: "10", spellcheck: "false", class: "code" }, trust ? JSON.stringify(checkpointOf(trust), null, 2) : ""),
    "Chain id, height, header hash, header time and validator set of a block you trust. Get it from a source you trust, such as your regulator.",
  );
  const regulator = field(
    "Regulator's key (did:key)",
    h("input", { type: "text", spellcheck: "false", autocomplete: "off", value: trust ? regulatorOf(trust) : "" }),
    "The accreditation authority whose signature makes an issuer or manufacturer trusted.",
  );
  const sourceName = "bundle-source";
  const sources = h(
    "fieldset",
    { class: "sources" },
    h("legend", {}, "Where proofs come from"),
    Object.entries(SOURCES).map(([value, label]) =>
      h("div", { class: "radio" }, h("input", { type: "radio", name: sourceName, id: `source-${value}`, value, checked: settings.source === value }), h("label", { for: `source-${value}` }, label)),
    ),
  );
  const rpc = field(
    "CometBFT RPC endpoint",
    h("input", { type: "url", placeholder: "http://127.0.0.1:26657", value: settings.rpcUrl, autocomplete: "off" }),
    "Used for proofs when chosen above, and to send signed consent. Proofs are checked all the same, wherever they come from.",
  );
  const statusOfTrust = h("div", { class: "trust-status" }, trust ? ageNote(trust) : note("warn", error));
  const form = h(
    "form",
    { id: "settings-form" },
    h("h2", {}, "Trust"),
    h("p", { class: "hint", id: "trust-origin" }, trust ? (origin === "saved" ? "Your own saved checkpoint." : "The demo's default checkpoint (demo/trust.json).") : ""),
    statusOfTrust,
    checkpoint.field,
    regulator.field,
    h("h2", {}, "Proofs"),
    sources,
    rpc.field,
    status,
    h("div", { class: "button-row" }, h("button", { type: "submit" }, "Save"), h("button", { type: "button", class: "secondary", id: "settings-reset" }, "Back to the defaults")),
  );

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    status.replaceChildren();
    let cp = null;
    if (checkpoint.control.value.trim()) {
      try {
        cp = JSON.parse(checkpoint.control.value);
        if (!cp || typeof cp !== "object" || Array.isArray(cp)) throw new Error("it must be a JSON object");
      } catch (err) {
        status.replaceChildren(note("error", `The checkpoint is not valid JSON: ${err.message}`));
        checkpoint.control.focus();
        return;
      }
    }
    const did = regulator.control.value.trim();
    if (did && !publicKeyFromDid(did)) {
      status.replaceChildren(note("error", "The regulator's key is not an Ed25519 did:key (it starts with did:key:z6Mk)."));
      regulator.control.focus();
      return;
    }
    const source = form.querySelector(`input[name="${sourceName}"]:checked`)?.value ?? "static";
    const rpcUrl = rpc.control.value.trim();
    if (source === "rpc" && !rpcUrl) {
      status.replaceChildren(note("error", "Give the RPC endpoint's address, or choose another source."));
      rpc.control.focus();
      return;
    }
    // Keep the other fields of the trust (its trusting period, say) when it has the nested form.
    const next = !cp
      ? null
      : trust?.checkpoint
        ? { ...trust, checkpoint: cp, regulator: did }
        : { checkpoint: cp, regulator: did, trustingPeriodSeconds: describeTrust(trust ?? {}).trustingPeriodSeconds };
    saveSettings({ trust: next, source, rpcUrl });
    if (next) statusOfTrust.replaceChildren(ageNote(next));
    status.replaceChildren(note("info", "Saved on this device."));
  });
  form.querySelector("#settings-reset").addEventListener("click", () => {
    resetSettings();
    location.reload();
  });

  root.append(
    ...viewHeading("Settings", "What this browser trusts, and where it gets proofs. Saved on this device only."),
    form,
  );
  return {};
}
