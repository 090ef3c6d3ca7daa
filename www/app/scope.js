// What a consent covers, as people type it and as the ledger holds it: `{recordIds, categories}`.
// The wallet's grant form and the consent check take one comma-separated line; a word in
// lower case (`lab_result`) is a category, anything else (a record's anchor such as
// `record:demo`, or its 64-hex fingerprint) is a record id.

const CATEGORY = /^[a-z][a-z0-9_]*$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** The scope a comma-separated line names: `{recordIds?, categories?}`, or null when empty. */
export function scopeFromText(text) {
  const entries = [...new Set(String(text).split(",").map((e) => e.trim()).filter(Boolean))];
  if (entries.length === 0) return null;
  const isCategory = (e) => CATEGORY.test(e) && !FINGERPRINT.test(e);
  const recordIds = entries.filter((e) => !isCategory(e));
  const categories = entries.filter(isCategory);
  return { ...(recordIds.length ? { recordIds } : {}), ...(categories.length ? { categories } : {}) };
}

/** The line a scope object is typed as (the inverse of scopeFromText); "" for none. */
export function scopeText(scope) {
  if (typeof scope === "string") return scope;
  const list = (v) => (Array.isArray(v) ? v.filter((e) => typeof e === "string") : []);
  return [...list(scope?.recordIds), ...list(scope?.categories)].join(", ");
}
