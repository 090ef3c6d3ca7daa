// Record: choose a file; it is fingerprinted (SHA-256) here, in a worker, and never uploaded. The
// fingerprint is then checked against its anchor on the ledger, with the patient's consent for
// the person viewing it.

import { bundlePicker, resultArea, runCheck, trustBanner } from "../check.js";
import { findScenario } from "../demo.js";
import { add, formatBytes, h, note, uid, viewHeading } from "../dom.js";
import { fileHasher } from "../hashing.js";
import { loadPublicKey } from "../keystore.js";

/** Whether a demo scenario's input names this digest. */
function namesDigest(input, digest) {
  const hex = typeof input === "string" ? input : input?.sha256Hex;
  return typeof hex === "string" && hex.toLowerCase() === digest.sha256Hex;
}

export async function mount(root, params) {
  const area = resultArea();
  const picker = bundlePicker();
  const hasher = fileHasher();
  const scenario = await findScenario(params.get("scenario"));

  const fileId = uid("record");
  const fileInput = h("input", { type: "file", id: fileId, "aria-describedby": `${fileId}-hint` });
  const progressId = uid("progress");
  const progress = h("progress", { id: progressId, max: 1, value: 0 });
  const progressText = h("span", { class: "progress-text", "aria-hidden": "true" });
  const progressBox = h(
    "div",
    { class: "progress-box", hidden: true },
    h("label", { for: progressId }, "Fingerprinting on this device"),
    progress,
    progressText,
  );
  const status = h("p", { class: "scan-status", role: "status" });
  const fingerprint = h("div", { class: "fingerprint" });
  const viewerId = uid("viewer");
  const viewer = h("input", { id: viewerId, type: "text", spellcheck: "false", autocomplete: "off", "aria-describedby": `${viewerId}-hint` });
  loadPublicKey()
    .then((k) => {
      if (k && !viewer.value) viewer.value = k.did;
    })
    .catch(() => {});
  if (scenario?.viewer) viewer.value = scenario.viewer;

  function showProgress(bytes, total) {
    progress.max = total || 1;
    progress.value = bytes;
    const pct = total ? Math.floor((bytes / total) * 100) : 100;
    const words = `${pct}% (${formatBytes(bytes)} of ${formatBytes(total)})`;
    progress.setAttribute("aria-valuetext", words);
    progressText.textContent = words;
  }

  async function fingerprintFile(file, name = file.name) {
    area.clear();
    fingerprint.replaceChildren();
    progressBox.hidden = false;
    showProgress(0, file.size);
    status.textContent = `Fingerprinting ${name} on this device…`;
    let digest;
    try {
      digest = await hasher.hash(file, showProgress);
    } catch (e) {
      if (e.code === "app.cancelled") return;
      status.replaceChildren(note("error", `The file could not be read: ${e.message}`));
      return;
    }
    showProgress(digest.size, digest.size);
    status.textContent = `Fingerprint ready: ${formatBytes(digest.size)} in ${(digest.ms / 1000).toFixed(1)} s, on this device.`;
    fingerprint.replaceChildren(
      h("h2", {}, "Fingerprint"),
      h(
        "dl",
        { class: "terms" },
        h("div", { class: "term" }, h("dt", {}, "File"), h("dd", {}, name)),
        h("div", { class: "term" }, h("dt", {}, "Size"), h("dd", { id: "record-size", dataset: { bytes: String(digest.size) } }, `${formatBytes(digest.size)} (${digest.size.toLocaleString()} bytes)`)),
        h("div", { class: "term" }, h("dt", {}, "SHA-256"), h("dd", {}, h("code", { id: "record-digest", class: "code" }, digest.sha256Hex))),
      ),
      h("p", { class: "hint" }, "The file was read here and was not uploaded. Only this fingerprint is compared with the ledger."),
    );
    const input = { sha256Hex: digest.sha256Hex, size: digest.size };
    await runCheck(area, {
      kind: "record",
      input,
      // A demo scenario's bundle proves its anchor; another file fails against it, as it should.
      scenario,
      file: picker.file,
      match: (s) => namesDigest(s.input, input),
      args: (digestIn, bundle, trust, nowIso) => [digestIn, bundle, viewer.value.trim(), trust, nowIso],
    });
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (file) fingerprintFile(file);
  });

  const demoFile =
    scenario && typeof scenario.input === "string" && !/^[0-9a-f]{64}$/i.test(scenario.input)
      ? h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              const res = await fetch(scenario.input).catch(() => null);
              if (!res?.ok) {
                status.replaceChildren(note("error", `The demo file ${scenario.input} could not be fetched.`));
                return;
              }
              fingerprintFile(await res.blob(), scenario.input.split("/").pop());
            },
          },
          `Use the demo file (${scenario.input.split("/").pop()})`,
        )
      : null;

  add(
    root,
    viewHeading(
      "Check a patient record",
      "Choose the record's file. It is fingerprinted (SHA-256) on this device and never uploaded; the fingerprint is checked against its anchor on the ledger, together with the patient's consent.",
    ),
    trustBanner(),
    h(
      "div",
      { class: "field" },
      h("label", { for: viewerId }, "Who is viewing (your did:key)"),
      h("span", { class: "hint", id: `${viewerId}-hint` }, "Consent is checked for this person. Filled in from your consent wallet if you have a key."),
      viewer,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: fileId }, "Record file"),
      h("span", { class: "hint", id: `${fileId}-hint` }, "Any size: it is read in slices, here."),
      fileInput,
    ),
    demoFile,
    picker.el,
    progressBox,
    status,
    fingerprint,
    area.el,
  );
  if (scenario && typeof scenario.input === "object" && scenario.input?.sha256Hex) {
    status.textContent = `Demo: choose the file whose SHA-256 is ${scenario.input.sha256Hex}.`;
  }
  return { unmount: () => hasher.close() };
}
