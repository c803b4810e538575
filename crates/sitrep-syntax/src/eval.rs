//! Scoring against a treebank, the way the CoNLL 2018 shared task scores: words are aligned by
//! their character spans, and every score is an F1 over aligned words (with gold tokens it is
//! plain accuracy). LAS compares the universal part of the relation (`obl` for `obl:tmod`).

use crate::conllu::UdSentence;
use crate::words::words;
use sitrep_core::Span;

/// What the analyser gives one word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordAnalysis {
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub lemma: String,
    /// 0 = root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
}

/// Scores over a set of sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct UdScores {
    /// Word segmentation F1 (1.0 with gold tokens).
    pub words: f64,
    pub upos: f64,
    pub xpos: f64,
    pub ufeats: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub gold_words: usize,
    pub system_words: usize,
}

#[derive(Default)]
struct Counts {
    gold: usize,
    system: usize,
    aligned: usize,
    upos: usize,
    xpos: usize,
    ufeats: usize,
    lemma: usize,
    uas: usize,
    las: usize,
}

impl Counts {
    fn scores(&self) -> UdScores {
        let f1 = |c: usize| {
            if self.gold + self.system == 0 {
                0.0
            } else {
                2.0 * c as f64 / (self.gold + self.system) as f64
            }
        };
        UdScores {
            words: f1(self.aligned),
            upos: f1(self.upos),
            xpos: f1(self.xpos),
            ufeats: f1(self.ufeats),
            lemma: f1(self.lemma),
            uas: f1(self.uas),
            las: f1(self.las),
            gold_words: self.gold,
            system_words: self.system,
        }
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores an analyser on the gold words of each sentence.
pub fn eval_gold_tokens(
    sents: &[UdSentence],
    mut analyse: impl FnMut(&[&str]) -> Vec<WordAnalysis>,
) -> UdScores {
    let mut c = Counts::default();
    for s in sents {
        let forms = s.forms();
        let sys = analyse(&forms);
        let align: Vec<Option<usize>> = (0..sys.len())
            .map(|i| (i < forms.len()).then_some(i))
            .collect();
        count(s, &sys, &align, &mut c);
    }
    c.scores()
}

/// Scores an analyser on the project's own words of each sentence's `# text`.
pub fn eval_own_tokens(
    sents: &[UdSentence],
    mut analyse: impl FnMut(&str, &[Span]) -> Vec<WordAnalysis>,
) -> UdScores {
    let mut c = Counts::default();
    for s in sents {
        let gold = gold_spans(s);
        let sys_spans = words(&s.text, Span::new(0, s.text.len()));
        let sys = analyse(&s.text, &sys_spans);
        let align: Vec<Option<usize>> = sys_spans
            .iter()
            .map(|sp| gold.iter().position(|g| g == sp))
            .collect();
        count(s, &sys, &align, &mut c);
    }
    c.scores()
}

/// `align[i]`: the gold word (0-based) that system word `i` is aligned to.
fn count(s: &UdSentence, sys: &[WordAnalysis], align: &[Option<usize>], c: &mut Counts) {
    c.gold += s.words.len();
    c.system += sys.len();
    for (i, a) in sys.iter().enumerate() {
        let Some(g) = align.get(i).copied().flatten() else {
            continue;
        };
        let w = &s.words[g];
        c.aligned += 1;
        c.upos += (a.upos == w.upos) as usize;
        c.xpos += (a.xpos == w.xpos) as usize;
        c.ufeats += (a.feats == w.feats) as usize;
        c.lemma += (a.lemma == w.lemma) as usize;
        let head_ok = match (a.head, w.head) {
            (0, 0) => true,
            (0, _) | (_, 0) => false,
            (h, gh) => align.get(h - 1).copied().flatten() == Some(gh - 1),
        };
        if head_ok {
            c.uas += 1;
            c.las += (universal(&a.deprel) == universal(&w.deprel)) as usize;
        }
    }
}

/// Byte spans of the gold words in the sentence's text. Words of a multiword token get the
/// parts of its span when their forms spell it (`do` + `n't` = `don't`), else the whole span.
pub fn gold_spans(s: &UdSentence) -> Vec<Span> {
    let text = &s.text;
    let mut spans = vec![Span::new(0, 0); s.words.len()];
    let mut cursor = 0;
    let mut i = 0;
    while i < s.words.len() {
        let (form, last) = match s.multi.iter().find(|m| m.first == i + 1) {
            Some(m) => (m.form.as_str(), m.last.min(s.words.len()).max(i + 1)),
            None => (s.words[i].form.as_str(), i + 1),
        };
        let found = text
            .get(cursor..)
            .and_then(|rest| rest.find(form))
            .map(|p| cursor + p);
        let tok = match found {
            Some(p) => {
                cursor = p + form.len();
                Span::new(p, p + form.len())
            }
            None => Span::new(cursor, cursor),
        };
        if last == i + 1 {
            spans[i] = tok;
        } else {
            let parts: Vec<&str> = s.words[i..last].iter().map(|w| w.form.as_str()).collect();
            if parts.concat() == tok.slice(text) {
                let mut p = tok.start;
                for (k, part) in parts.iter().enumerate() {
                    spans[i + k] = Span::new(p, p + part.len());
                    p += part.len();
                }
            } else {
                spans[i..last].iter_mut().for_each(|sp| *sp = tok);
            }
        }
        i = last;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;

    const S: &str = "# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";

    fn gold_analysis(s: &UdSentence) -> Vec<WordAnalysis> {
        s.words
            .iter()
            .map(|w| WordAnalysis {
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                feats: w.feats.clone(),
                lemma: w.lemma.clone(),
                head: w.head,
                deprel: w.deprel.clone(),
            })
            .collect()
    }

    #[test]
    fn perfect_analysis_scores_one_and_a_wrong_head_costs() {
        let s = parse_conllu(S).unwrap();
        let spans = gold_spans(&s[0]);
        assert_eq!(
            spans
                .iter()
                .map(|sp| sp.slice(&s[0].text))
                .collect::<Vec<_>>(),
            ["I", "do", "n't", "know", "."]
        );
        let gold = gold_analysis(&s[0]);
        let g = eval_gold_tokens(&s, |_| gold.clone());
        assert_eq!((g.upos, g.uas, g.las), (1.0, 1.0, 1.0));
        let own = eval_own_tokens(&s, |_, _| gold.clone());
        assert_eq!((own.words, own.las), (1.0, 1.0));
        let mut bad = gold.clone();
        bad[0].head = 5;
        let b = eval_gold_tokens(&s, |_| bad.clone());
        assert!((b.uas - 0.8).abs() < 1e-9 && b.upos == 1.0);
    }
}
