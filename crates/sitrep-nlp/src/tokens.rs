//! The tokenizer for news English. The rules are documented at the crate root.
//!
//! The text is cut into chunks at whitespace. In each chunk URLs, e-mail addresses and bare
//! domains are found first (one forward scan); the rest is cut into words, numbers, punctuation
//! and symbols by a scanner that looks at most a few characters ahead, so the pass is linear.

use crate::abbrev::{self, Class};
use crate::sentences::CLOSERS;
use sitrep_core::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, inner apostrophes, or an abbreviation's period
    /// (`Kyiv`, `F-16`, `face-to-face`, `O'Brien`, `U.S.`, `Gen.`); also clitics (`'s`, `n't`).
    Word,
    /// Digits with their separators (`150,000`, `3.5`, `600-700`, `10:30`).
    Number,
    /// Punctuation: stops, commas, quotes, brackets, dashes, ellipses.
    Punct,
    /// Everything else that is not a letter or digit: currency signs, `%`, `&`, `#`, `@`, math
    /// signs, emoji.
    Symbol,
    /// A web address (`https://…`, `www.…`, or a bare domain such as `example.com`).
    Url,
    /// An e-mail address.
    Email,
}

/// A token: its span in the text it was cut from, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Tokens of `text[within]`, with spans into `text` (not into the slice).
///
/// A `within` that reaches past the end of `text` is cut to it, and ends inside a character are
/// moved inward to a character boundary. Whitespace, control characters and invisible format
/// characters (zero-width space, BOM, direction marks) make no token. Runs in time linear in the
/// slice and never panics.
///
/// ```
/// use sitrep_nlp::{tokenize, Span, TokenKind};
/// let text = "Ukraine's U.S.-made F-16s cost $100.00.";
/// let toks = tokenize(text, Span::new(0, text.len()));
/// let words: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
/// assert_eq!(words, ["Ukraine", "'s", "U.S.-made", "F-16s", "cost", "$", "100.00", "."]);
/// assert_eq!(toks[5].kind, TokenKind::Symbol);
/// assert_eq!(toks[6].kind, TokenKind::Number);
/// ```
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let end = within.end.min(text.len());
    let mut start = within.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = end;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if start >= end {
        return Vec::new();
    }
    let mut t = Tokenizer {
        s: &text[start..end],
        base: start,
        out: Vec::new(),
    };
    t.run();
    t.out
}

/// Top-level domains recognised in bare domains (`example.com`); only lowercase, and only those
/// that are not also common words.
const TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "io", "uk", "ru", "ua", "de",
    "fr", "eu", "ca", "au", "cn", "jp", "pl", "ch", "nl", "tv", "ai", "news", "app", "dev", "co",
];

/// Clitics split from the word before them (UD style), after the apostrophe; `n't` is separate.
const CLITICS: &[&str] = &["s", "m", "d", "ll", "re", "ve"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Combining marks and other characters that belong inside a word although not alphanumeric.
fn is_mark(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00AD | 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || ((0x0900..=0x0DFF).contains(&u) && !matches!(u, 0x0964 | 0x0965 | 0x0970))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Characters that make no token: controls and invisible format characters.
fn is_ignorable(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x200B | 0x200D..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069
            | 0xFEFF | 0xFE00..=0xFE0F)
}

/// Characters that extend the symbol (emoji) before them: variation selectors, skin tones, tags,
/// the combining keycap.
fn is_symbol_extender(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0x20E3)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Punctuation (Unicode P* categories, near enough); other non-alphanumerics are symbols.
fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '!' | '"'
                | '\''
                | '('
                | ')'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '['
                | '\\'
                | ']'
                | '_'
                | '{'
                | '}'
                | '*'
                | '`'
        );
    }
    matches!(c as u32,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF | 0x037E | 0x0387
        | 0x055A..=0x055F | 0x0589 | 0x058A | 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F3 | 0x05F4
        | 0x060C | 0x060D | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4 | 0x0964 | 0x0965 | 0x0970
        | 0x0E4F | 0x0E5A | 0x0E5B | 0x2010..=0x2027 | 0x2032..=0x205E | 0x2E00..=0x2E7F
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x30FB | 0xFE10..=0xFE19
        | 0xFE30..=0xFE4F | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B
        | 0xFF1F | 0xFF3B..=0xFF3D | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65)
}

struct Tokenizer<'a> {
    s: &'a str,
    base: usize,
    out: Vec<Token>,
}

impl Tokenizer<'_> {
    /// The character at byte `p`, if `p < limit` (and `p` is a char boundary).
    fn at(&self, p: usize, limit: usize) -> Option<char> {
        if p >= limit {
            return None;
        }
        self.s.get(p..).and_then(|r| r.chars().next())
    }

    /// The character just before byte `p`.
    fn before(&self, p: usize) -> Option<char> {
        self.s.get(..p).and_then(|r| r.chars().next_back())
    }

    fn push(&mut self, a: usize, b: usize, kind: TokenKind) {
        if a < b {
            let span = Span::new(self.base + a, self.base + b);
            self.out.push(Token { span, kind });
        }
    }

    fn run(&mut self) {
        let s = self.s;
        let mut p = 0;
        while let Some(c) = self.at(p, s.len()) {
            if c.is_whitespace() {
                p += c.len_utf8();
                continue;
            }
            let q = s[p..].find(char::is_whitespace).map_or(s.len(), |i| p + i);
            self.chunk(p, q);
            p = q;
        }
    }

    /// Tokens of the chunk `[a, b)`: URLs, e-mails and domains first, the rest as plain text.
    fn chunk(&mut self, a: usize, b: usize) {
        let mut seg = a;
        let mut p = a;
        while let Some(c) = self.at(p, b) {
            if let Some((x, y, kind)) = self.special_at(p, seg, b) {
                self.plain(seg, x);
                self.push(x, y, kind);
                seg = y;
                p = y;
                continue;
            }
            p += c.len_utf8();
        }
        self.plain(seg, b);
    }

    /// A URL, e-mail address or bare domain found at byte `p` of the chunk ending at `b`; it may
    /// start before `p` (a URL's scheme, an address's local part) but not before `seg`.
    fn special_at(&self, p: usize, seg: usize, b: usize) -> Option<(usize, usize, TokenKind)> {
        let s = self.s;
        let rest = &s[p..b];
        let c = rest.chars().next()?;
        if rest.starts_with("://") {
            let scheme = s[seg..p].len()
                - s[seg..p]
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .len();
            let x = p - scheme;
            let boundary = self.before(x).is_none_or(|c| !is_word_char(c));
            if scheme >= 2 && boundary {
                let e = self.trim_url(x, b);
                if e > p + 3 {
                    return Some((x, e, TokenKind::Url));
                }
            }
            return None;
        }
        let word_start = p == seg || self.before(p).is_none_or(|c| !is_word_char(c));
        if word_start && rest.len() > 4 && rest.as_bytes()[..4].eq_ignore_ascii_case(b"www.") {
            if self.at(p + 4, b).is_some_and(|c| c.is_alphanumeric()) {
                return Some((p, self.trim_url(p, b), TokenKind::Url));
            }
            return None;
        }
        if c == '@' {
            return self.email_at(p, seg, b);
        }
        let domain_start = p == seg
            || self
                .before(p)
                .is_none_or(|c| !(is_word_char(c) || matches!(c, '.' | '-' | '_' | '@')));
        if domain_start && c.is_ascii_alphanumeric() {
            return self.domain_at(p, b);
        }
        None
    }

    /// The end of a URL starting at `x` in a chunk ending at `b`: trailing punctuation and
    /// unbalanced closing brackets are left out.
    fn trim_url(&self, x: usize, b: usize) -> usize {
        let u = &self.s[x..b];
        let mut paren = u.matches('(').count() as isize - u.matches(')').count() as isize;
        let mut square = u.matches('[').count() as isize - u.matches(']').count() as isize;
        let mut e = b;
        while let Some(c) = self.before(e).filter(|_| e > x) {
            match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '’' | '”' | '»' | '>' | '…' =>
                    {}
                ')' if paren < 0 => paren += 1,
                ']' if square < 0 => square += 1,
                _ => break,
            }
            e -= c.len_utf8();
        }
        e
    }

    /// An e-mail address around the `@` at `p`.
    fn email_at(&self, p: usize, seg: usize, b: usize) -> Option<(usize, usize, TokenKind)> {
        let s = self.s;
        let local_ok =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
        let left = &s[seg..p];
        let local = left.len() - left.trim_end_matches(local_ok).len();
        let mut x = p - local;
        while x < p && s.as_bytes()[x] == b'.' {
            x += 1;
        }
        if x == p {
            return None;
        }
        let right = &s[p + 1..b];
        let domain = right.len()
            - right
                .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
                .len();
        let d = s[p + 1..p + 1 + domain].trim_end_matches(['.', '-']);
        let (_, tld) = d.rsplit_once('.')?;
        let first_ok = d.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if first_ok && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()) {
            Some((x, p + 1 + d.len(), TokenKind::Email))
        } else {
            None
        }
    }

    /// A bare domain (`example.com`, `news.bbc.co.uk/path`) starting at `p`.
    fn domain_at(&self, p: usize, b: usize) -> Option<(usize, usize, TokenKind)> {
        let bytes = self.s.as_bytes();
        let label = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
        let mut r = p;
        let mut labels = 0;
        let mut last = (p, p);
        loop {
            let ls = r;
            while r < b && label(bytes[r]) {
                r += 1;
            }
            if r == ls {
                break;
            }
            labels += 1;
            last = (ls, r);
            if r + 1 < b && bytes[r] == b'.' && label(bytes[r + 1]) {
                r += 1;
            } else {
                break;
            }
        }
        if labels < 2 || !TLDS.contains(&&self.s[last.0..last.1]) {
            return None;
        }
        match self.at(r, b) {
            None => Some((p, r, TokenKind::Url)),
            Some('/') => Some((p, self.trim_url(p, b), TokenKind::Url)),
            Some(c) if c == '@' || c == '_' || is_word_char(c) => None,
            Some(_) => Some((p, r, TokenKind::Url)),
        }
    }

    /// Plain tokens of `[a, b)`: words, numbers, punctuation, symbols.
    fn plain(&mut self, a: usize, b: usize) {
        let mut p = a;
        while let Some(c) = self.at(p, b) {
            let len = c.len_utf8();
            if is_ignorable(c) {
                p += len;
            } else if is_word_char(c) {
                p = self.word(p, b);
            } else if is_apostrophe(c) {
                match self.clitic_at(p, b) {
                    Some(e) => {
                        self.push(p, e, TokenKind::Word);
                        p = e;
                    }
                    None => {
                        self.push(p, p + len, TokenKind::Punct);
                        p += len;
                    }
                }
            } else if matches!(c, '.' | '!' | '?' | '-') {
                // Runs: `...`, `?!`, `--`.
                let mut e = p + 1;
                while let Some(n) = self.at(e, b) {
                    let same = if c == '!' || c == '?' {
                        n == '!' || n == '?'
                    } else {
                        n == c
                    };
                    if !same {
                        break;
                    }
                    e += 1;
                }
                self.push(p, e, TokenKind::Punct);
                p = e;
            } else if is_punct(c) {
                self.push(p, p + len, TokenKind::Punct);
                p += len;
            } else {
                let e = self.symbol_end(c, p + len, b);
                self.push(p, e, TokenKind::Symbol);
                p = e;
            }
        }
    }

    /// Where the symbol `c`, whose next byte is `e`, ends once emoji modifiers, zero-width
    /// joiner sequences and flag pairs are taken in.
    fn symbol_end(&self, c: char, mut e: usize, b: usize) -> usize {
        let mut flag = is_regional_indicator(c);
        while let Some(n) = self.at(e, b) {
            if is_symbol_extender(n) {
                e += n.len_utf8();
            } else if n == '\u{200D}' {
                e += n.len_utf8();
                if let Some(m) = self.at(e, b) {
                    e += m.len_utf8();
                }
            } else if flag && is_regional_indicator(n) {
                e += n.len_utf8();
                flag = false;
            } else {
                break;
            }
        }
        e
    }

    /// A clitic (`'s`, `'re`…) at the apostrophe at `p`, right after a word: its end.
    fn clitic_at(&self, p: usize, b: usize) -> Option<usize> {
        let last = self.out.last()?;
        if last.span.end != self.base + p
            || !matches!(last.kind, TokenKind::Word | TokenKind::Number)
        {
            return None;
        }
        let r = p + self.at(p, b)?.len_utf8();
        let e = self.letters_end(r, b, 3);
        if CLITICS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&self.s[r..e]))
            && !self.at(e, b).is_some_and(is_word_char)
        {
            Some(e)
        } else {
            None
        }
    }

    /// The end of the run of letters from `r`, looking at no more than `max + 1` of them.
    fn letters_end(&self, r: usize, b: usize, max: usize) -> usize {
        let mut e = r;
        let mut n = 0;
        while let Some(c) = self.at(e, b) {
            if !c.is_alphabetic() || n > max {
                break;
            }
            e += c.len_utf8();
            n += 1;
        }
        e
    }

    /// Emits the word or number starting at `p` (and a following `n't`); returns where it ends.
    fn word(&mut self, p: usize, b: usize) -> usize {
        if let Some(mut e) = self.dotted(p, b) {
            if self.at(e, b) == Some('-') && self.at(e + 1, b).is_some_and(is_word_char) {
                e = self.scan(e + 1, b).0;
            }
            self.push(p, e, TokenKind::Word);
            return e;
        }
        let (mut end, nt) = self.scan(p, b);
        if let Some(nt_end) = nt {
            self.push(p, end, TokenKind::Word);
            self.push(end, nt_end, TokenKind::Word);
            return nt_end;
        }
        let word = &self.s[p..end];
        let kind = if word.starts_with(|c: char| c.is_numeric())
            && word
                .chars()
                .all(|c| c.is_numeric() || matches!(c, '.' | ',' | ':' | '-'))
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        if kind == TokenKind::Word && self.at(end, b) == Some('.') && self.keeps_period(word, end) {
            end += 1;
        }
        self.push(p, end, kind);
        end
    }

    /// A dotted acronym at `p` (`U.S.`, `a.m.`, `Ph.D.`): two to eight groups of one or two
    /// letters, each with its period, not followed by a letter or digit. Its end.
    fn dotted(&self, p: usize, b: usize) -> Option<usize> {
        let mut q = p;
        let mut groups = 0;
        loop {
            let e = self.letters_end(q, b, 2);
            let n = self.s[q..e].chars().count();
            if n == 0 || n > 2 || self.at(e, b) != Some('.') {
                break;
            }
            groups += 1;
            q = e + 1;
            if groups > 8 {
                // No acronym is this long; giving up early keeps the scan linear.
                return None;
            }
        }
        (groups >= 2 && !self.at(q, b).is_some_and(char::is_alphanumeric)).then_some(q)
    }

    /// Scans a word or number from `p`: word characters joined by hyphens, digit separators
    /// (`150,000`, `3.5`, `10:30`) and inner apostrophes (`O'Brien`). Stops before a clitic. If
    /// the word ends in `n't`, returns the end of the word before the `n` and the end of the
    /// `n't`.
    fn scan(&self, p: usize, b: usize) -> (usize, Option<usize>) {
        let s = self.s;
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let mut q = p;
        loop {
            while let Some(c) = self.at(q, b).filter(|&c| is_word_char(c)) {
                q += c.len_utf8();
            }
            let Some(c) = self.at(q, b) else { break };
            let len = c.len_utf8();
            let prev = self.before(q);
            let next = self.at(q + len, b);
            match c {
                '-' | '\u{2011}' if next.is_some_and(is_word_char) => q += len,
                '.' if digit(prev) && digit(next) => q += 1,
                ',' if digit(prev)
                    && (1..=3).all(|i| digit(self.at(q + i, b)))
                    && !digit(self.at(q + 4, b)) =>
                {
                    q += 1
                }
                ':' if digit(prev)
                    && digit(next)
                    && digit(self.at(q + 2, b))
                    && !digit(self.at(q + 3, b)) =>
                {
                    q += 1
                }
                '\'' | '’' => {
                    let r = q + len;
                    let e = self.letters_end(r, b, 3);
                    if e == r || self.at(e, b).is_some_and(is_word_char) {
                        if e == r {
                            break;
                        }
                        // Letters then more word characters: an inner apostrophe (`O'Brien`).
                        q = r;
                        continue;
                    }
                    let tail = &s[r..e];
                    if CLITICS.iter().any(|k| k.eq_ignore_ascii_case(tail)) {
                        break;
                    }
                    if tail.eq_ignore_ascii_case("t")
                        && matches!(prev, Some('n' | 'N'))
                        && q - 1 > p
                    {
                        return (q - 1, Some(e));
                    }
                    q = e;
                }
                _ => break,
            }
        }
        (q, None)
    }

    /// Whether the period at `dot` belongs to the word before it (`Gen.`, `U.S.`, `E.`).
    fn keeps_period(&self, word: &str, dot: usize) -> bool {
        let after = &self.s[dot + 1..];
        if after.starts_with(|c: char| c == '.' || c.is_alphanumeric()) {
            return false;
        }
        if !word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '°' || c == 'º')
        {
            return false;
        }
        if abbrev::is_single_letter(word) {
            // An initial, unless it is the last thing in the span (`you and I.`).
            return !after
                .chars()
                .all(|c| c.is_whitespace() || CLOSERS.contains(&c));
        }
        match abbrev::classify(word) {
            Some(a) if a.class == Class::Numeral => {
                after.trim_start().starts_with(|c: char| c.is_ascii_digit())
            }
            Some(_) => true,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let got = tokenize(text, Span::new(0, text.len()));
        let mut prev = 0;
        for t in &got {
            assert!(t.span.start >= prev && t.span.start < t.span.end, "{t:?}");
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prev = t.span.end;
        }
        got.iter().map(|t| (t.span.slice(text), t.kind)).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(w, _)| w).collect()
    }

    use TokenKind::*;

    #[test]
    fn words_and_punctuation() {
        assert_eq!(
            toks("Hello, world!"),
            [("Hello", Word), (",", Punct), ("world", Word), ("!", Punct)]
        );
        assert_eq!(
            words("Wait... what?! -- no"),
            ["Wait", "...", "what", "?!", "--", "no"]
        );
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(
            toks("150,000 troops, 2,400 tanks, 3.5 km at 10:30"),
            [
                ("150,000", Number),
                ("troops", Word),
                (",", Punct),
                ("2,400", Number),
                ("tanks", Word),
                (",", Punct),
                ("3.5", Number),
                ("km", Word),
                ("at", Word),
                ("10:30", Number),
            ]
        );
        assert_eq!(
            words("1,2 and 1,0000"),
            ["1", ",", "2", "and", "1", ",", "0000"]
        );
        assert_eq!(words("in 2019. Then"), ["in", "2019", ".", "Then"]);
    }

    #[test]
    fn currency_is_a_symbol() {
        assert_eq!(
            toks("$100.00 and €5 or £3.50, 50%"),
            [
                ("$", Symbol),
                ("100.00", Number),
                ("and", Word),
                ("€", Symbol),
                ("5", Number),
                ("or", Word),
                ("£", Symbol),
                ("3.50", Number),
                (",", Punct),
                ("50", Number),
                ("%", Symbol),
            ]
        );
        assert_eq!(toks("She has $100.00.")[4], (".", Punct));
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("U.S. Army Gen. Mark A. Milley met Mr. Smith at 5 a.m. in Washington, D.C."),
            [
                "U.S.",
                "Army",
                "Gen.",
                "Mark",
                "A.",
                "Milley",
                "met",
                "Mr.",
                "Smith",
                "at",
                "5",
                "a.m.",
                "in",
                "Washington",
                ",",
                "D.C."
            ]
        );
        assert_eq!(
            words("Acme Inc. vs. Foo Ltd., e.g. here"),
            ["Acme", "Inc.", "vs.", "Foo", "Ltd.", ",", "e.g.", "here"]
        );
        assert_eq!(
            words("No. 10 but no. And you and I."),
            ["No.", "10", "but", "no", ".", "And", "you", "and", "I", "."]
        );
        assert_eq!(
            words("He left the U.S.A. yesterday."),
            ["He", "left", "the", "U.S.A.", "yesterday", "."]
        );
        assert_eq!(
            words("Sen. Feinstein, D-Calif., said"),
            ["Sen.", "Feinstein", ",", "D-Calif.", ",", "said"]
        );
    }

    #[test]
    fn hyphenated_compounds_and_designations() {
        assert_eq!(
            toks("600-700 MGM-140 F-16 face-to-face long-range Leopard 2A6"),
            [
                ("600-700", Number),
                ("MGM-140", Word),
                ("F-16", Word),
                ("face-to-face", Word),
                ("long-range", Word),
                ("Leopard", Word),
                ("2A6", Word),
            ]
        );
        assert_eq!(
            words("U.S.-led 2014–2022 - x-"),
            ["U.S.-led", "2014", "–", "2022", "-", "x", "-"]
        );
    }

    #[test]
    fn clitics_split_ud_style() {
        assert_eq!(words("Ukraine's"), ["Ukraine", "'s"]);
        assert_eq!(words("Russia’s war"), ["Russia", "’s", "war"]);
        assert_eq!(
            words("don't can't won't isn’t"),
            ["do", "n't", "ca", "n't", "wo", "n't", "is", "n’t"]
        );
        assert_eq!(
            words("I'm they’re we've I'll he'd"),
            ["I", "'m", "they", "’re", "we", "'ve", "I", "'ll", "he", "'d"]
        );
        assert_eq!(words("JFK Jr.'s book"), ["JFK", "Jr.", "'s", "book"]);
        assert_eq!(words("the 1990's"), ["the", "1990", "'s"]);
        assert_eq!(
            words("O'Brien o'clock rock'n'roll"),
            ["O'Brien", "o'clock", "rock'n'roll"]
        );
        assert_eq!(
            words("the soldiers' guns"),
            ["the", "soldiers", "'", "guns"]
        );
        assert_eq!(words("n't"), ["n't"]);
    }

    #[test]
    fn quotes_are_punctuation() {
        assert_eq!(
            toks("“Look,” he said, 'go' \"now\""),
            [
                ("“", Punct),
                ("Look", Word),
                (",", Punct),
                ("”", Punct),
                ("he", Word),
                ("said", Word),
                (",", Punct),
                ("'", Punct),
                ("go", Word),
                ("'", Punct),
                ("\"", Punct),
                ("now", Word),
                ("\"", Punct),
            ]
        );
    }

    #[test]
    fn urls_and_emails_are_single_tokens() {
        assert_eq!(
            toks("See https://www.example.50.com/new-site/awesome_content.html. Mail Jane.Doe@example.com."),
            [
                ("See", Word),
                ("https://www.example.50.com/new-site/awesome_content.html", Url),
                (".", Punct),
                ("Mail", Word),
                ("Jane.Doe@example.com", Email),
                (".", Punct),
            ]
        );
        assert_eq!(
            toks("(www.bbc.co.uk/news) <a@b.org>, example.com/x?y=1, en.wikipedia.org/wiki/F_(x))"),
            [
                ("(", Punct),
                ("www.bbc.co.uk/news", Url),
                (")", Punct),
                ("<", Symbol),
                ("a@b.org", Email),
                (">", Symbol),
                (",", Punct),
                ("example.com/x?y=1", Url),
                (",", Punct),
                ("en.wikipedia.org/wiki/F_(x)", Url),
                (")", Punct),
            ]
        );
        assert_eq!(
            words("@user #tag a@b ://x"),
            ["@", "user", "#", "tag", "a", "@", "b", ":", "/", "/", "x"]
        );
        assert_eq!(
            words("end.It U.S. e.g. Yahoo.COM"),
            ["end", ".", "It", "U.S.", "e.g.", "Yahoo", ".", "COM"]
        );
    }

    #[test]
    fn spans_are_absolute() {
        let text = "First one. Ukraine's army.";
        let got = tokenize(text, Span::new(11, text.len()));
        let w: Vec<&str> = got.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(w, ["Ukraine", "'s", "army", "."]);
        assert_eq!(got[0].span, Span::new(11, 18));
    }

    #[test]
    fn bad_spans_and_input_do_not_panic() {
        let text = "Kyiv – Київ";
        assert!(tokenize(text, Span::new(0, 0)).is_empty());
        assert_eq!(tokenize(text, Span::new(0, 500)).len(), 3);
        assert_eq!(tokenize(text, Span::new(5, 6)).len(), 0); // inside the dash
        assert_eq!(words("\u{0}\u{7}a\u{200b}b\u{feff}"), ["a", "b"]);
        assert_eq!(
            toks("👍🏽👨‍👩‍👧🇺🇦!"),
            [("👍🏽", Symbol), ("👨‍👩‍👧", Symbol), ("🇺🇦", Symbol), ("!", Punct)]
        );
        assert_eq!(
            words("café naïve नमस्ते। Привет"),
            ["café", "naïve", "नमस्ते", "।", "Привет"]
        );
        for t in [
            "'", "’’", "n'", "a'", "x'y'", "-.-", "@", "a@", "@.", "http://", "www.", "1,", "..",
            "\u{301}",
        ] {
            toks(t);
        }
        let long = "a".repeat(1_000_000) + &"😀".repeat(10_000) + &"1,".repeat(100_000);
        toks(&long);
        let mails = "a@".repeat(100_000) + &"x.".repeat(100_000) + &"://".repeat(100_000);
        toks(&mails);
    }
}
