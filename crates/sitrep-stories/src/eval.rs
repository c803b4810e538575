//! Scoring a clustering against gold groups: B-cubed precision, recall and F1.
//!
//! For each item, precision is the share of its predicted cluster that shares its gold group,
//! recall the share of its gold group that shares its predicted cluster; both are averaged over
//! the items. Items of the prediction that no gold group names are gold singletons (the dev
//! set's convention: "items in no group are singletons"); gold items missing from the prediction
//! are predicted singletons.

use std::collections::{BTreeMap, BTreeSet};

fn index(clusters: &[Vec<String>]) -> BTreeMap<&str, usize> {
    let mut m: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in clusters.iter().enumerate() {
        for item in c {
            m.entry(item.as_str()).or_insert(i);
        }
    }
    m
}

/// B-cubed `(precision, recall, f1)` of `predicted` clusters against `gold` groups, over the
/// union of their items. `(1, 1, 1)` when there are no items.
pub fn bcubed(predicted: &[Vec<String>], gold: &[Vec<String>]) -> (f64, f64, f64) {
    let (p, g) = (index(predicted), index(gold));
    let items: BTreeSet<&str> = p.keys().chain(g.keys()).copied().collect();
    if items.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    // Cluster of every item: its index, or a singleton of its own.
    let cluster = |m: &BTreeMap<&str, usize>, item: &str| -> (bool, usize, String) {
        match m.get(item) {
            Some(&c) => (true, c, String::new()),
            None => (false, 0, item.to_string()),
        }
    };
    let mut members_p: BTreeMap<(bool, usize, String), Vec<&str>> = BTreeMap::new();
    let mut members_g: BTreeMap<(bool, usize, String), Vec<&str>> = BTreeMap::new();
    for &it in &items {
        members_p.entry(cluster(&p, it)).or_default().push(it);
        members_g.entry(cluster(&g, it)).or_default().push(it);
    }
    let (mut prec, mut rec) = (0.0, 0.0);
    for &it in &items {
        let (cp, cg) = (cluster(&p, it), cluster(&g, it));
        let mp = &members_p[&cp];
        let mg = &members_g[&cg];
        let both = mp.iter().filter(|x| cluster(&g, x) == cg).count() as f64;
        prec += both / mp.len() as f64;
        rec += both / mg.len() as f64;
    }
    let n = items.len() as f64;
    let (prec, rec) = (prec / n, rec / n);
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(groups: &[&[&str]]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    fn close(a: (f64, f64, f64), b: (f64, f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9 && (a.2 - b.2).abs() < 1e-9
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let g = c(&[&["a", "b"], &["c"]]);
        assert!(close(bcubed(&g, &g), (1.0, 1.0, 1.0)));
        assert!(close(bcubed(&[], &[]), (1.0, 1.0, 1.0)));
    }

    #[test]
    fn one_big_cluster_has_full_recall() {
        // Gold {a,b} {c,d}; predicted {a,b,c,d}: precision 0.5 each, recall 1.
        let g = c(&[&["a", "b"], &["c", "d"]]);
        let p = c(&[&["a", "b", "c", "d"]]);
        let (pr, re, f) = bcubed(&p, &g);
        assert!((pr - 0.5).abs() < 1e-9 && (re - 1.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn all_singletons_have_full_precision() {
        // Gold {a,b,c}: recall 1/3 each.
        let g = c(&[&["a", "b", "c"]]);
        let p = c(&[&["a"], &["b"], &["c"]]);
        let (pr, re, _) = bcubed(&p, &g);
        assert!((pr - 1.0).abs() < 1e-9 && (re - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn textbook_case_and_implicit_singletons() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        // precision: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15; recall: a 2/3, b 2/3, c 1/3,
        // d 1, e 1 -> 11/15.
        let g = c(&[&["a", "b", "c"], &["d", "e"]]);
        let p = c(&[&["a", "b"], &["c", "d", "e"]]);
        let (pr, re, f) = bcubed(&p, &g);
        assert!((pr - 11.0 / 15.0).abs() < 1e-9);
        assert!((re - 11.0 / 15.0).abs() < 1e-9);
        assert!((f - 11.0 / 15.0).abs() < 1e-9);
        // x appears only in the prediction: a gold singleton.
        let p2 = c(&[&["a", "b", "c", "x"], &["d", "e"]]);
        let (pr2, re2, _) = bcubed(&p2, &g);
        assert!((re2 - 1.0).abs() < 1e-9);
        assert!((pr2 - (3.0 * 0.75 + 0.25 + 2.0) / 6.0).abs() < 1e-9);
    }
}
