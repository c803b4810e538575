//! CoNLL-U reading: the format of Universal Dependencies treebanks.
//!
//! Each sentence is a block of lines ended by a blank line: comments (`# text = ...`,
//! `# sent_id = ...`), word lines with ten tab-separated columns, multiword-token lines
//! (`2-3  don't`) and empty nodes (`8.1`, enhanced graphs only, skipped here).

use std::fmt;

/// Errors in a CoNLL-U file, with the line they were found on.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct ConlluError {
    pub line: usize,
    pub problem: String,
}

/// One syntactic word (a CoNLL-U word line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, else the 1-based position of the head word.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

impl UdWord {
    /// `SpaceAfter=No` is absent from MISC.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token: surface `form` covering words `first..=last` (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UdSentence {
    pub sent_id: String,
    /// The `# text =` comment, when present.
    pub text: String,
    pub words: Vec<UdWord>,
    pub multi: Vec<MultiToken>,
}

impl UdSentence {
    /// The forms of the words.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Parses a whole CoNLL-U text.
pub fn parse_conllu(text: &str) -> Result<Vec<UdSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = UdSentence::default();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(t) = c.strip_prefix("text =") {
                cur.text = t.trim().to_string();
            } else if let Some(t) = c.strip_prefix("sent_id =") {
                cur.sent_id = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: n,
                problem: format!("{} columns, expected 10", cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        let bad = |what: &str| ConlluError {
            line: n,
            problem: format!("bad {what} {:?}", id),
        };
        if let Some((a, b)) = id.split_once('-') {
            let first = a.parse().map_err(|_| bad("range"))?;
            let last = b.parse().map_err(|_| bad("range"))?;
            cur.multi.push(MultiToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let num: usize = id.parse().map_err(|_| bad("id"))?;
        if num != cur.words.len() + 1 {
            return Err(ConlluError {
                line: n,
                problem: format!("word id {num} out of order"),
            });
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| ConlluError {
                line: n,
                problem: format!("bad head {:?}", cols[6]),
            })?
        };
        cur.words.push(UdWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(ConlluError {
                line: 0,
                problem: format!("sentence {}: head out of range", s.sent_id),
            });
        }
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &std::path::Path) -> Result<Vec<UdSentence>, ConlluError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConlluError {
        line: 0,
        problem: format!("{}: {e}", path.display()),
    })?;
    parse_conllu(&text).map_err(|e| ConlluError {
        line: e.line,
        problem: format!("{}: {}", path.display(), e.problem),
    })
}

impl fmt::Display for UdSentence {
    /// Writes the sentence back as CoNLL-U (without multiword tokens' MISC details).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.sent_id.is_empty() {
            writeln!(f, "# sent_id = {}", self.sent_id)?;
        }
        if !self.text.is_empty() {
            writeln!(f, "# text = {}", self.text)?;
        }
        for (i, w) in self.words.iter().enumerate() {
            if let Some(m) = self.multi.iter().find(|m| m.first == i + 1) {
                writeln!(
                    f,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    m.first, m.last, m.form, m.misc
                )?;
            }
            writeln!(
                f,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.feats,
                w.head,
                w.deprel,
                w.misc
            )?;
        }
        writeln!(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiword_tokens_and_skips_empty_nodes() {
        let text = "# sent_id = a\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = parse_conllu(text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "I don't.");
        assert_eq!(s[0].forms(), ["I", "do", "n't", "."]);
        assert_eq!(s[0].multi[0].first, 2);
        assert!(!s[0].words[2].space_after());
        assert_eq!(parse_conllu(&s[0].to_string()).unwrap(), s);
        assert!(parse_conllu("1\tI\n").is_err());
    }
}
