// The service worker: makes the app work offline after the first visit.
//
// - The app shell (pages, scripts, styles, icons, both wasm modules) is precached at install and
//   served cache-first: it changes only with a new VERSION, which installs a new cache.
// - Demo files (scenarios, trust, proof bundles, QR images under demo/) are served network-first
//   with the cache as fallback: fresh proofs when online, the last ones seen when offline. The
//   demo is precached too, when it exists (its absence must not stop the app installing).
// - Only same-origin GETs are handled; nothing else (an RPC endpoint) is touched or cached.
//
// When shipping a change to any file below, bump VERSION (tests/pages/offline.test.mjs checks
// that APP_SHELL lists every file the app loads).

const VERSION = "medproof-app-v4";
const APP_CACHE = `${VERSION}-shell`;
const DEMO_CACHE = "medproof-demo";

const APP_SHELL = [
  "./",
  "index.html",
  "style.css",
  "app.css",
  "manifest.webmanifest",
  "icons/icon.svg",
  "icons/icon-192.png",
  "icons/icon-512.png",
  "icons/maskable-512.png",
  "app/api.js",
  "app/bundle.js",
  "app/check-view.js",
  "app/check.js",
  "app/demo.js",
  "app/didkey.js",
  "app/dom.js",
  "app/hash-worker.js",
  "app/hashing.js",
  "app/keystore.js",
  "app/lazy.js",
  "app/main.js",
  "app/qr.js",
  "app/router.js",
  "app/rpc.js",
  "app/scanner.js",
  "app/scope.js",
  "app/settings.js",
  "app/verdict.js",
  "app/views/consent.js",
  "app/views/contracts.js",
  "app/views/credential.js",
  "app/views/home.js",
  "app/views/medicine.js",
  "app/views/record.js",
  "app/views/settings.js",
  "app/views/wallet.js",
  "pkg/medproof.js",
  "pkg/medproof_bg.wasm",
  "qr/medproof_qr.js",
  "qr/medproof_qr_bg.wasm",
  "selfcheck.html",
  "selfcheck.js",
  "selfcheck-vectors.js",
];

const DEMO = "demo/";

/** Cache the demo (scenarios, trust, every scenario's bundle and QR image), if there is one. */
async function precacheDemo() {
  const cache = await caches.open(DEMO_CACHE);
  const put = async (path) => {
    const res = await fetch(path, { cache: "no-cache" });
    if (res.ok) await cache.put(path, res.clone());
    return res;
  };
  await put(`${DEMO}trust.json`).catch(() => null);
  const res = await put(`${DEMO}scenarios.json`).catch(() => null);
  if (!res?.ok) return;
  const scenarios = await res.json().catch(() => []);
  const files = new Set();
  for (const s of Array.isArray(scenarios) ? scenarios : []) {
    for (const f of [s?.bundle, s?.qr]) if (typeof f === "string" && f.startsWith(DEMO)) files.add(f);
  }
  await Promise.allSettled([...files].map(put));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(APP_CACHE);
      await cache.addAll(APP_SHELL.map((p) => new Request(p, { cache: "no-cache" })));
      await precacheDemo();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== APP_CACHE && name !== DEMO_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(APP_CACHE);
  // A page's query string (or a navigation to "/") must still find the cached page.
  const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") await cache.put(request, res.clone());
  return res;
}

async function networkFirst(request) {
  const cache = await caches.open(DEMO_CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (e) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope).pathname;
  if (!url.pathname.startsWith(scope)) return;
  const path = url.pathname.slice(scope.length);
  event.respondWith(path.startsWith(DEMO) ? networkFirst(request) : cacheFirst(request));
});
