//! Reading the NER benchmarks: CoNLL-2003 (`token POS chunk tag`, documents split by
//! `-DOCSTART-`) and CrossNER (`token<TAB>label`, one sentence per document).
//!
//! Both IOB1 and IOB2 are read: a span opens at every `B-X`, and at an `I-X` that does not
//! continue a span of type X. Only the token and the tag columns are used; CoNLL's gold POS and
//! chunk columns are ignored (the pipeline has neither).

use crate::NerError;
use std::path::Path;

/// A gold span: tokens `[start, end)` and the benchmark's label (`PER`, `politician`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// One sentence: its tokens and gold spans.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub spans: Vec<GoldSpan>,
}

/// A document: the unit the document-level features see.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// The sentences as token slices, the shape [`crate::Ner::recognise`] takes.
    pub fn tokens(&self) -> Vec<Vec<&str>> {
        self.sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The benchmark file layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CoNLL-2003: whitespace-separated columns, tag last, `-DOCSTART-` lines between documents.
    Conll,
    /// CrossNER: `token<TAB>label`, blank lines between sentences, each sentence a document.
    CrossNer,
}

/// Reads a benchmark file.
pub fn read(path: &Path, format: Format) -> Result<Vec<Document>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|source| NerError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, format).map_err(|(line, msg)| NerError::Data {
        path: path.display().to_string(),
        line,
        msg,
    })
}

/// Parses benchmark text; errors carry a 1-based line number.
pub fn parse(text: &str, format: Format) -> Result<Vec<Document>, (usize, String)> {
    let mut docs = Vec::new();
    let mut doc = Document::default();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush_sentence = |doc: &mut Document, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if !words.is_empty() {
            let spans = spans_of(tags);
            doc.sentences.push(Sentence {
                words: std::mem::take(words),
                spans,
            });
            tags.clear();
        }
    };
    for (no, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush_sentence(&mut doc, &mut words, &mut tags);
            if format == Format::CrossNer && !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let cols: Vec<&str> = match format {
            Format::Conll => line.split_whitespace().collect(),
            Format::CrossNer => line.split('\t').collect(),
        };
        if cols.len() < 2 {
            return Err((no + 1, format!("expected a token and a tag: {line:?}")));
        }
        let (word, tag) = (cols[0], cols[cols.len() - 1].trim());
        if word == "-DOCSTART-" {
            flush_sentence(&mut doc, &mut words, &mut tags);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if !(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-")) {
            return Err((no + 1, format!("bad tag {tag:?}")));
        }
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    flush_sentence(&mut doc, &mut words, &mut tags);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Spans of IOB1 or IOB2 tags.
pub fn spans_of(tags: &[String]) -> Vec<GoldSpan> {
    let mut out: Vec<GoldSpan> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, ty),
            None => ("O", ""),
        };
        let continues = p == "I" && open.is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push(GoldSpan {
                    start: s,
                    end: i,
                    label: o.to_string(),
                });
            }
            if p == "B" || p == "I" {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push(GoldSpan {
            start: s,
            end: tags.len(),
            label: o.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_iob2_and_documents() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\nBritish JJ B-NP B-MISC\n\n-DOCSTART- -X- O O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let docs = parse(text, Format::Conll).unwrap();
        assert_eq!(docs.len(), 2);
        let s = &docs[0].sentences[0];
        let got: Vec<(usize, usize, &str)> = s
            .spans
            .iter()
            .map(|g| (g.start, g.end, g.label.as_str()))
            .collect();
        assert_eq!(got, [(0, 1, "ORG"), (2, 3, "MISC"), (3, 4, "MISC")]);
        assert_eq!(docs[1].sentences[0].spans[0].end, 2);
        let x = parse("A\tB-x\nb\tI-x\n\nc\tO\n", Format::CrossNer).unwrap();
        assert_eq!(x.len(), 2);
        assert!(parse("A\n", Format::CrossNer).is_err());
    }
}
