// Load something once, on first need: the promise is shared by every caller, and forgotten if it
// fails (offline on a first visit, say), so that a later call tries again.

/** A function returning `load()`'s promise, calling `load` at most once while it succeeds. */
export function once(load) {
  let pending;
  return () => {
    if (!pending) {
      pending = load();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}
