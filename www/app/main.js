// The app shell: routes between the views (one module each, loaded when first shown), keeps the
// navigation's current page marked, moves focus to each new view's heading, and registers the
// service worker that makes the app work offline.

import { h, note } from "./dom.js";
import { ROUTES, parseRoute } from "./router.js";

const main = document.getElementById("main");
const nav = document.getElementById("nav");
let current = null;
let generation = 0;
let firstRoute = true;

async function show() {
  const route = parseRoute(location.hash);
  if (!route) return;
  const mine = ++generation;
  current?.unmount?.();
  current = null;
  for (const a of nav.querySelectorAll("a")) {
    if (a.getAttribute("href") === `#/${route.name === "home" ? "" : route.name}`) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const view = h("div", { class: "view", dataset: { view: route.name } });
  main.replaceChildren(view);
  main.dataset.view = route.name;
  delete main.dataset.ready;
  main.setAttribute("aria-busy", "true");
  if (!(route.name in ROUTES)) {
    document.title = "Not found · medproof";
    view.append(h("h1", { tabindex: "-1", class: "view-title" }, "Page not found"), note("info", "There is no such page. ", h("a", { href: "#/" }, "Go to the start")));
  } else {
    document.title = `${ROUTES[route.name]} · medproof`;
    try {
      const mod = await import(`./views/${route.name}.js`);
      const mounted = await mod.mount(view, route.params);
      if (mine !== generation) {
        mounted?.unmount?.();
        return;
      }
      current = mounted;
    } catch (e) {
      if (mine !== generation) return;
      view.replaceChildren(h("h1", { tabindex: "-1", class: "view-title" }, ROUTES[route.name]), note("error", `This page could not load: ${e.message}`));
    }
  }
  main.removeAttribute("aria-busy");
  main.dataset.ready = String(mine);
  // After a navigation (not the first load), tell screen readers where they are.
  if (!firstRoute) view.querySelector(".view-title")?.focus();
  firstRoute = false;
}

document.querySelector(".skip-link")?.addEventListener("click", (e) => {
  e.preventDefault();
  main.focus();
});
addEventListener("hashchange", show);
show();

async function registerServiceWorker() {
  const offline = document.getElementById("offline-status");
  if (!("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register("sw.js", { scope: "./" });
    await navigator.serviceWorker.ready;
    if (offline) offline.textContent = "Ready to work offline.";
    document.documentElement.dataset.offlineReady = "true";
  } catch (e) {
    if (offline) offline.textContent = `Offline use is not available (${e.message}).`;
  }
}
registerServiceWorker();
