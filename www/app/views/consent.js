// Check consent: does a patient's consent to a grantee (a clinician, a hospital) stand on the
// ledger right now: granted, not withdrawn, not expired? The patient's and the grantee's did:keys
// are pasted or picked; the grantee defaults to the key kept on this device (the Consent wallet),
// so a clinician can ask "may I see this patient's records?". Signing grants stays in the wallet.

import { bundlePicker, resultArea, runCheck, trustBanner } from "../check.js";
import { findScenario, loadScenarios } from "../demo.js";
import { publicKeyFromDid } from "../didkey.js";
import { field, h, note, uid, viewHeading } from "../dom.js";
import { loadPublicKey } from "../keystore.js";
import { scopeFromText, scopeText } from "../scope.js";

/** What verifyConsent is asked: `{patient, grantee, scope?}` from the form's texts. */
function consentQuery(patient, grantee, scopeLine) {
  const scope = scopeFromText(scopeLine);
  return { patient: patient.trim(), grantee: grantee.trim(), ...(scope ? { scope } : {}) };
}

/** Whether a demo scenario is about this patient's consent to this grantee. */
function namesPair(input, query) {
  return input?.patient === query.patient && input?.grantee === query.grantee;
}

/** A text box for a did:key, with suggestions to pick from (`options`: [{did, label}]). */
function didField(label, hint, options) {
  const listId = uid("dids");
  const control = h("input", { type: "text", required: true, spellcheck: "false", autocomplete: "off", list: listId, class: "did-input" });
  const list = h("datalist", { id: listId }, options.map((o) => h("option", { value: o.did }, o.label)));
  const f = field(label, control, hint);
  f.field.append(list);
  return f;
}

export async function mount(root, params) {
  const area = resultArea();
  const picker = bundlePicker();
  const scenario = await findScenario(params.get("scenario"));
  const { scenarios } = await loadScenarios();
  const own = await loadPublicKey().catch(() => undefined);

  // Suggestions: the demo's patients and grantees, and this device's own key.
  const demo = scenarios.filter((s) => s.kind === "consent" && s.input && typeof s.input === "object");
  const unique = (list) => [...new Map(list.filter((o) => typeof o.did === "string").map((o) => [o.did, o])).values()];
  const patients = unique(demo.map((s) => ({ did: s.input.patient, label: `Demo patient (${s.title})` })));
  const grantees = unique([...(own ? [{ did: own.did, label: "The key on this device" }] : []), ...demo.map((s) => ({ did: s.input.grantee, label: `Demo grantee (${s.title})` }))]);

  const patient = didField("Patient (their did:key)", "Whose consent: paste the patient's did:key, or pick one.", patients);
  const grantee = didField(
    "Grantee (their did:key)",
    own ? "Who was given access. Filled in with the key on this device (your Consent wallet)." : "Who was given access: a clinician's or hospital's did:key.",
    grantees,
  );
  const scope = field(
    "Which records (optional)",
    h("input", { type: "text", spellcheck: "false", autocomplete: "off" }),
    "Comma-separated: record anchors or fingerprints, or categories (lab_result). Empty: any consent to this grantee.",
  );
  const errors = h("div", { class: "consent-error", "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Check consent");
  const form = h("form", { id: "consent-check", novalidate: true }, patient.field, grantee.field, scope.field, errors, submit);

  if (own) grantee.control.value = own.did;
  if (scenario?.kind === "consent" && scenario.input && typeof scenario.input === "object") {
    patient.control.value = scenario.input.patient ?? "";
    grantee.control.value = scenario.input.grantee ?? "";
    scope.control.value = scopeText(scenario.input.scope);
  }

  async function check() {
    errors.replaceChildren();
    for (const [f, who] of [
      [patient, "patient"],
      [grantee, "grantee"],
    ]) {
      if (!publicKeyFromDid(f.control.value)) {
        errors.dataset.code = "consent.bad_did";
        errors.replaceChildren(note("error", `The ${who}'s key is not an Ed25519 did:key (it starts with did:key:z6Mk).`));
        area.clear();
        f.control.focus();
        return;
      }
    }
    delete errors.dataset.code;
    const query = consentQuery(patient.control.value, grantee.control.value, scope.control.value);
    await runCheck(area, {
      kind: "consent",
      input: query,
      // A scenario's bundle is for its own patient and grantee only.
      scenario: scenario?.kind === "consent" && namesPair(scenario.input, query) ? scenario : undefined,
      file: picker.file,
      match: (s) => namesPair(s.input, query),
    });
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    check();
  });

  root.append(
    ...viewHeading("Check a patient's consent", "Has this patient granted consent to this person or organisation, and does it still stand (not withdrawn, not expired)? Checked against the ledger on this device."),
    trustBanner(),
    form,
    picker.el,
    area.el,
    h("p", { class: "hint" }, "To grant or withdraw your own consent, use the ", h("a", { href: "#/wallet" }, "Consent wallet"), "."),
  );
  if (scenario?.kind === "consent") check();
  return { unmount: () => {} };
}
