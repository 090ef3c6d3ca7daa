// Three ways to give the app a code: scan it with the camera, upload a photo of it, or paste its
// text. All three end in `onInput(text, via)`. The camera stream stays on this device: frames are
// decoded here and never sent anywhere.

import { h, note, uid } from "./dom.js";
import { decodeQr, decodeQrFile } from "./qr.js";

const FRAME_INTERVAL_MS = 150;

/** A JSON or text file is read as text; anything else is taken for a photo of a code. */
function isTextFile(file) {
  return /json|text/.test(file.type) || /\.(json|jsonld|txt)$/i.test(file.name);
}

/**
 * `{el, stop(), setText(text)}`. `what` names the thing ("medicine pack"), `pasteLabel` labels
 * the text box, `multiline` makes it a textarea (for JSON), `accept` the upload's types.
 */
export function scanInput({
  what,
  pasteLabel,
  pasteHint,
  multiline = false,
  camera: withCamera = true,
  acceptFiles = "image/*",
  fileLabel = "Or upload a photo of the code",
  onInput,
}) {
  const status = h("p", { class: "scan-status", role: "status" });
  const video = h("video", { muted: true, playsInline: true, "aria-label": `Camera view: point it at the ${what}'s code` });
  const stopButton = h("button", { type: "button", class: "secondary" }, "Stop camera");
  const camera = h("div", { class: "camera", hidden: true }, video, stopButton);
  const startButton = h("button", { type: "button" }, "Scan with camera");
  const photoId = uid("photo");
  const photo = h("input", { type: "file", id: photoId, accept: acceptFiles });
  const pasteId = uid("paste");
  const text = multiline
    ? h("textarea", { id: pasteId, rows: "6", spellcheck: "false", autocapitalize: "off" })
    : h("input", { id: pasteId, type: "text", inputmode: "url", spellcheck: "false", autocapitalize: "off", autocomplete: "off" });
  const hintId = `${pasteId}-hint`;
  if (pasteHint) text.setAttribute("aria-describedby", hintId);
  const form = h(
    "form",
    { class: "paste-form" },
    h("label", { for: pasteId }, pasteLabel),
    pasteHint ? h("span", { class: "hint", id: hintId }, pasteHint) : null,
    text,
    h("button", { type: "submit" }, "Check"),
  );

  let stream = null;
  let timer = null;
  let scanning = false;

  function say(kind, message) {
    status.replaceChildren(kind ? note(kind, message) : message);
  }

  function stop() {
    scanning = false;
    clearTimeout(timer);
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    video.srcObject = null;
    camera.hidden = true;
    startButton.hidden = false;
  }

  async function tick() {
    if (!scanning) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      try {
        const { texts, decoder } = await decodeQr(video, video.videoWidth, video.videoHeight);
        if (texts.length > 0 && scanning) {
          stop();
          status.dataset.decoder = decoder;
          say(null, `Code read from the camera.`);
          onInput(texts[0], "camera");
          return;
        }
      } catch (e) {
        stop();
        say("error", `The code reader failed: ${e.message}`);
        return;
      }
    }
    timer = setTimeout(tick, FRAME_INTERVAL_MS);
  }

  async function start() {
    if (!navigator.mediaDevices?.getUserMedia) {
      say("error", "This browser cannot use a camera here. Upload a photo or paste the text instead.");
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
    } catch (e) {
      const why =
        e.name === "NotAllowedError"
          ? "Camera access was refused. Allow it in the browser's site settings, or upload a photo instead."
          : e.name === "NotFoundError"
            ? "No camera was found. Upload a photo or paste the text instead."
            : `The camera could not start (${e.message}).`;
      say("error", why);
      return;
    }
    video.srcObject = stream;
    camera.hidden = false;
    startButton.hidden = true;
    scanning = true;
    say(null, `Camera on: hold the ${what}'s code in view.`);
    await video.play().catch(() => {});
    stopButton.focus();
    tick();
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", () => {
    stop();
    say(null, "Camera off.");
    startButton.focus();
  });
  photo.addEventListener("change", async () => {
    const file = photo.files?.[0];
    if (!file) return;
    try {
      if (isTextFile(file)) {
        say(null, `Read ${file.name}.`);
        onInput((await file.text()).trim(), "file");
        return;
      }
      say(null, "Reading the code in the photo…");
      const { texts, decoder } = await decodeQrFile(file);
      status.dataset.decoder = decoder;
      if (texts.length === 0) {
        say("warn", "No QR code could be read in this photo. Try a sharper, closer photo, or paste the text.");
        return;
      }
      say(null, "Code read from the photo.");
      onInput(texts[0], "photo");
    } catch (e) {
      say("error", e.message);
    } finally {
      photo.value = "";
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) {
      say("warn", `Paste the ${what}'s text first.`);
      text.focus();
      return;
    }
    say(null, "");
    onInput(value, "paste");
  });

  const el = h(
    "div",
    { class: "scan-input" },
    h("div", { class: "scan-actions" }, withCamera ? startButton : null, h("div", { class: "field" }, h("label", { for: photoId }, fileLabel), photo)),
    withCamera ? camera : null,
    status,
    form,
  );
  return {
    el,
    stop,
    setText(value) {
      text.value = value;
    },
  };
}
