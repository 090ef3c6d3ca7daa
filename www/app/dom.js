// Building DOM without innerHTML: every string reaches the page as text, never as markup, so
// nothing a QR code, a bundle or a report says can inject HTML or script.

/**
 * Create an element. `props`: `class`, `dataset` (object), `on<event>` (listener), `text`, boolean
 * attributes as `true`/`false`, DOM properties given as non-strings (e.g. `{value: 3}`), and any
 * other attribute as a string. `children` are nodes, strings, arrays of them, or null (skipped).
 */
export function h(tag, props = {}, ...children) {
  return fill(document.createElement(tag), props, children);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Create an SVG element (same `props` rules as `h`, attributes only). */
export function svg(tag, props = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), props, children);
}

/** Children without the nulls and falses that conditionals leave (DOM would print "null"). */
function clean(children) {
  return children.flat(Infinity).filter((c) => c != null && c !== false);
}

/** Append `children` (nodes, strings, arrays, nulls skipped) to `el`. */
export function add(el, ...children) {
  el.append(...clean(children));
  return el;
}

/** Replace the children of `el` (same rules as `add`). */
export function put(el, ...children) {
  el.replaceChildren(...clean(children));
  return el;
}

function fill(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === "class") el.setAttribute("class", value);
    else if (key === "text") el.textContent = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else if (typeof value === "string") el.setAttribute(key, value);
    else el[key] = value;
  }
  return add(el, children);
}

/** A message paragraph: `kind` is "info", "error" or "warn" (styled, and errors are alerts). */
export function note(kind, ...children) {
  return h("p", { class: `note note-${kind}`, role: kind === "error" ? "alert" : null }, ...children);
}

/** Unique ids for label/control pairs. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled form field: returns `{field, control}`; `control` is the input/textarea/select. */
export function field(label, control, hint) {
  const id = control.id || uid("f");
  control.id = id;
  const hintEl = hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return { field: h("div", { class: "field" }, h("label", { for: id }, label), hintEl, control), control };
}

/** Offer `text` as a file download named `name` (made here; nothing leaves the device). */
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Human size: 209715200 -> "200 MB" (binary units, as file managers show them). */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return "";
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i += 1;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** A date-time for people, in their locale, with the exact value kept in `<time datetime>`. */
export function timeEl(iso) {
  const d = new Date(iso);
  if (typeof iso !== "string" || Number.isNaN(d.getTime())) return h("span", {}, String(iso));
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const plain = d.toLocaleString(
    undefined,
    dateOnly ? { dateStyle: "medium", timeZone: "UTC" } : { dateStyle: "medium", timeStyle: "short" },
  );
  return h("time", { datetime: dateOnly ? iso : d.toISOString(), title: iso }, plain);
}

/** A view's heading (focused after navigation, so screen readers hear where they are) and intro. */
export function viewHeading(title, ...intro) {
  return clean([h("h1", { class: "view-title", tabindex: "-1" }, title), intro.length ? h("p", { class: "lead" }, ...intro) : null]);
}
