//! The arc-hybrid transition system, its dynamic oracle, and projectivisation of gold trees.
//!
//! Words are numbered 1..=n, 0 is the artificial root and `n + 1` stands for "no word" (an
//! empty stack or buffer position, a missing child), so feature code never branches on
//! absence. A configuration is a stack (root at the bottom), a buffer (the words `b..=n`,
//! contiguous in the arc-hybrid system) and the arcs built so far.
//!
//! Transitions (Kuhlmann, Gómez-Rodríguez and Satta 2011):
//! - `SHIFT`: push the first buffer word.
//! - `LEFT`: the stack top becomes a dependent of the first buffer word, and is popped.
//! - `RIGHT`: the stack top becomes a dependent of the word below it, and is popped.
//!
//! `RIGHT` onto the root is only allowed once the buffer is empty, so every sequence of valid
//! transitions ends in a tree with exactly one word under the root.
//!
//! The system is arc-decomposable, so the dynamic oracle of Goldberg and Nivre (2013) is a
//! count of the gold arcs an action makes unreachable ([`State::costs`]); it needs a
//! projective gold tree, which [`projectivize`] makes by lifting.

/// The transitions, numbered as the transition model's classes.
pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
pub const N_MOVES: usize = 3;
pub const MOVE_NAMES: [&str; N_MOVES] = ["SHIFT", "LEFT", "RIGHT"];

/// The label of a word that has none (yet).
pub const NO_LABEL: u16 = u16::MAX;

/// A parser configuration with the tree built so far and, per word, what the features read:
/// the two leftmost and two rightmost children, valencies and the sets of child labels.
#[derive(Debug, Clone)]
pub struct State {
    pub n: u32,
    /// The stack, bottom (the root, 0) first.
    pub stack: Vec<u32>,
    /// The first buffer word; the buffer is `b..=n`, empty when `b > n`.
    pub b: u32,
    /// Head of each word (`none` when unattached), indexed 0..=n+1.
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
    /// Leftmost and second-leftmost child.
    pub lc: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost child.
    pub rc: Vec<[u32; 2]>,
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Bit `label % 64` set for each left (right) child's label.
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
    /// First word of each word's subtree so far.
    pub ledge: Vec<u32>,
}

impl State {
    pub fn new(n: usize) -> State {
        let n = n as u32;
        let none = n + 1;
        let len = n as usize + 2;
        let mut stack = Vec::with_capacity(len);
        stack.push(0);
        State {
            n,
            stack,
            b: 1,
            heads: vec![none; len],
            labels: vec![NO_LABEL; len],
            lc: vec![[none; 2]; len],
            rc: vec![[none; 2]; len],
            nl: vec![0; len],
            nr: vec![0; len],
            lset: vec![0; len],
            rset: vec![0; len],
            ledge: (0..len as u32).collect(),
        }
    }

    /// The "no word" index.
    #[inline]
    pub fn none(&self) -> u32 {
        self.n + 1
    }

    #[inline]
    pub fn buffer_empty(&self) -> bool {
        self.b > self.n
    }

    pub fn is_terminal(&self) -> bool {
        self.buffer_empty() && self.stack.len() == 1
    }

    /// The i-th stack word from the top (0 = top), or none.
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            self.none()
        }
    }

    /// The i-th buffer word, or none.
    #[inline]
    pub fn buf(&self, i: u32) -> u32 {
        let w = self.b + i;
        if w <= self.n {
            w
        } else {
            self.none()
        }
    }

    pub fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => !self.buffer_empty(),
            LEFT => !self.buffer_empty() && self.stack.len() > 1,
            RIGHT => {
                let len = self.stack.len();
                len > 2 || (len == 2 && self.buffer_empty())
            }
            _ => false,
        }
    }

    /// The (head, dependent) arc that a move would make.
    #[inline]
    pub fn arc_of(&self, m: usize) -> Option<(u32, u32)> {
        match m {
            LEFT => Some((self.b, self.s(0))),
            RIGHT => Some((self.s(1), self.s(0))),
            _ => None,
        }
    }

    /// Applies a valid move; `label` is the arc's label for `LEFT` and `RIGHT`.
    pub fn apply(&mut self, m: usize, label: u16) {
        match m {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT | RIGHT => {
                let (h, d) = self.arc_of(m).expect("arc move");
                self.stack.pop();
                self.add_arc(h, d, label);
            }
            _ => {}
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u16) {
        let (hi, di) = (h as usize, d as usize);
        self.heads[di] = h;
        self.labels[di] = label;
        let bit = 1u64 << (label as u32 % 64);
        let none = self.none();
        if d < h {
            let c = &mut self.lc[hi];
            if c[0] == none || d < c[0] {
                *c = [d, c[0]];
            } else if c[1] == none || d < c[1] {
                c[1] = d;
            }
            self.nl[hi] = self.nl[hi].saturating_add(1);
            self.lset[hi] |= bit;
            self.ledge[hi] = self.ledge[hi].min(self.ledge[di]);
        } else {
            let c = &mut self.rc[hi];
            if c[0] == none || d > c[0] {
                *c = [d, c[0]];
            } else if c[1] == none || d > c[1] {
                c[1] = d;
            }
            self.nr[hi] = self.nr[hi].saturating_add(1);
            self.rset[hi] |= bit;
        }
    }

    /// The dynamic oracle: for each move, the number of gold arcs it makes unreachable
    /// (`u32::MAX` for invalid moves). `gold[d]` is the gold head of word `d` (1..=n) in a
    /// projective tree.
    pub fn costs(&self, gold: &[u32]) -> [u32; N_MOVES] {
        let mut c = [u32::MAX; N_MOVES];
        let n = self.n;
        let s0 = self.s(0);
        let in_buffer = |w: u32| w >= self.b && w <= n && w != 0;
        let deps_in_buffer =
            |h: u32| (self.b..=n).filter(|&d| gold[d as usize] == h).count() as u32;
        if self.valid(SHIFT) {
            let b0 = self.b;
            let hb = gold[b0 as usize];
            let len = self.stack.len();
            let mut cost = 0;
            for (i, &k) in self.stack.iter().enumerate() {
                // b0's head below the stack top can no longer be reached.
                if k == hb && i + 1 < len {
                    cost += 1;
                }
                // Nor can stack words that are b0's dependents.
                if k != 0 && gold[k as usize] == b0 {
                    cost += 1;
                }
            }
            c[SHIFT] = cost;
        }
        if self.valid(LEFT) || self.valid(RIGHT) {
            let h = gold[s0 as usize];
            let deps = deps_in_buffer(s0);
            if self.valid(LEFT) {
                let s1 = self.s(1);
                let lost_head = h == s1 || (in_buffer(h) && h != self.b);
                c[LEFT] = deps + lost_head as u32;
            }
            if self.valid(RIGHT) {
                c[RIGHT] = deps + in_buffer(h) as u32;
            }
        }
        c
    }
}

/// Makes a tree projective by lifting: while some arc is non-projective, the shortest such
/// arc's dependent is reattached to its head's head (Nivre and Nilsson 2005, without encoding
/// the lift in the label). `heads[i]` is the head of word `i + 1` (0 = root).
pub fn projectivize(heads: &[usize]) -> Vec<usize> {
    let mut h = heads.to_vec();
    let n = h.len();
    // A malformed tree (a cycle) is left as it is; the oracle then just sees odd costs.
    let guard = n * n + 1;
    for _ in 0..guard {
        let mut worst: Option<(usize, usize)> = None; // (length, dependent)
        for d in 1..=n {
            let hd = h[d - 1];
            if !is_projective_arc(&h, hd, d) {
                let len = hd.abs_diff(d);
                if worst.is_none_or(|(l, _)| len < l) {
                    worst = Some((len, d));
                }
            }
        }
        let Some((_, d)) = worst else { break };
        let hd = h[d - 1];
        if hd == 0 {
            break;
        }
        h[d - 1] = h[hd - 1];
    }
    h
}

/// Whether every word between `head` and `dep` is dominated by `head`.
fn is_projective_arc(h: &[usize], head: usize, dep: usize) -> bool {
    let (lo, hi) = if head < dep { (head, dep) } else { (dep, head) };
    let n = h.len();
    for w in lo + 1..hi {
        let mut x = w;
        let mut steps = 0;
        while x != head && x != 0 && steps <= n {
            x = h[x - 1];
            steps += 1;
        }
        if x != head {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following zero-cost moves from the start rebuilds a projective gold tree exactly.
    #[test]
    fn oracle_rebuilds_projective_trees() {
        // "He said that she left ." : said root; He->said; left->said; that->left; she->left; .->said
        let heads = [2usize, 0, 5, 5, 2, 2];
        let mut gold = vec![0u32; heads.len() + 2];
        for (i, &h) in heads.iter().enumerate() {
            gold[i + 1] = h as u32;
        }
        let mut st = State::new(heads.len());
        while !st.is_terminal() {
            let c = st.costs(&gold);
            let m = (0..N_MOVES).find(|&m| c[m] == 0).expect("a zero-cost move");
            st.apply(m, 0);
        }
        for (i, &h) in heads.iter().enumerate() {
            assert_eq!(st.heads[i + 1] as usize, h, "word {}", i + 1);
        }
    }

    #[test]
    fn lifting_removes_crossings() {
        // 1->3, 2->0(root), 3->2, 4->1 : arc 1->4 crosses 2->3? words between 1 and 4 are 2,3;
        // 2 is the root, not dominated by 1.
        let heads = [3usize, 0, 2, 1];
        let p = projectivize(&heads);
        for d in 1..=p.len() {
            assert!(is_projective_arc(&p, p[d - 1], d), "{p:?}");
        }
        assert_eq!(projectivize(&[2, 0, 2]), vec![2, 0, 2]);
    }
}
