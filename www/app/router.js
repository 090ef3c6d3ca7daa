// Hash routing: "#/medicine?scenario=x" -> {name: "medicine", params}. A hash that does not start
// with "#/" (an in-page anchor such as the skip link's) is not a route.

/** The views, by route name, with their page titles. */
export const ROUTES = {
  home: "Home",
  medicine: "Check a medicine",
  credential: "Check a credential",
  record: "Check a record",
  consent: "Check consent",
  wallet: "Consent wallet",
  contracts: "Check a contract claim",
  settings: "Settings",
};

/** The route of a location hash, or null when the hash is not a route. */
export function parseRoute(hash) {
  if (hash === "" || hash === "#" || hash === "#/") return { name: "home", params: new URLSearchParams() };
  if (!hash.startsWith("#/")) return null;
  const [path, query = ""] = hash.slice(2).split("?");
  return { name: path.replace(/\/+$/, "") || "home", params: new URLSearchParams(query) };
}
