//! Insertion sort for short lists (validators, commit votes, a pack's events: hundreds at most).
//!
//! The standard library's sorts are fast on large inputs but each instantiation costs about
//! 10 KB of WebAssembly; on a few hundred elements an insertion sort is as quick in practice.

/// Sort `v` by `key`, stably.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        // Move v[i] down past the larger elements before it (j >= 1, so j - 1 cannot wrap).
        for j in (1..=i).rev() {
            match (v.get(j - 1), v.get(j)) {
                (Some(a), Some(b)) if key(a) > key(b) => v.swap(j - 1, j),
                _ => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = vec![];
        super::sort_by_key(&mut empty, |x| *x);
    }
}
