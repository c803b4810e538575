//! A small, fast, forgiving HTML parser into a flat arena tree.
//!
//! Why our own and not html5ever/scraper: main-text extraction must run at well over a thousand
//! pages a second per core, and a spec-complete tree builder (html5ever runs at some tens of
//! MB/s; a news page is 150 KB) spends most of its time on things extraction never looks at
//! (adoption-agency reconstruction, foreign content, full entity tables, `Rc` nodes). This parser
//! scans with `memchr`, keeps every node in one `Vec` (no pointers, so no recursive `Drop` and
//! no recursion anywhere: a page of 100,000 nested `<div>`s is as safe as any other), and
//! applies the tree-construction rules that matter for the *shape* of a page:
//!
//! * void elements (`br`, `img`, `meta`, ...) never take children; `/>` closes unknown (SVG,
//!   custom) elements;
//! * raw-text elements (`script`, `style`, `textarea`, `title`, `noscript`, `iframe`, ...) are
//!   read to their end tag without parsing markup; only `title`, `textarea` and JSON-LD
//!   `script`s keep their text;
//! * implied end tags: a block opening closes an open `<p>`, `<li>` closes the previous `<li>`,
//!   `<td>`/`<th>`/`<tr>`/`<dt>`/`<dd>`/`<option>` likewise, a heading closes an open heading;
//! * an end tag closes up to its matching open element, except that an inline end tag never
//!   closes through a block (a stray `</span>` is ignored rather than closing the `<div>` around
//!   it), and block end tags stop at table and document boundaries;
//! * like browsers (Blink caps at 512), the tree is at most [`MAX_DEPTH`] deep: deeper elements
//!   are attached to the deepest allowed one, so every walk is bounded.
//!
//! Text and attribute values have character references decoded: numeric ones (with the
//! Windows-1252 remapping of `&#128;`-`&#159;` the HTML standard asks for) and the common named
//! ones (the HTML 4 set: Latin-1, Greek, punctuation, symbols). Rare HTML5-only names are kept
//! as written. Tag and attribute names are lower-cased.

use std::ops::Range;

/// Deepest element nesting kept (Blink uses the same limit).
pub const MAX_DEPTH: usize = 512;
/// No node: the end of a child or sibling chain.
pub const NONE: u32 = u32::MAX;

macro_rules! tags {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// The elements the parser and the extractor tell apart; everything else is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Tag { $($v,)* Other }
        impl Tag {
            fn from_lower(name: &[u8]) -> Tag {
                match name { $($s => Tag::$v,)* _ => Tag::Other }
            }
        }
    };
}

tags! {
    A = b"a", Abbr = b"abbr", Address = b"address", Applet = b"applet", Area = b"area",
    Article = b"article", Aside = b"aside", Audio = b"audio", B = b"b", Base = b"base",
    Blockquote = b"blockquote", Body = b"body", Br = b"br", Button = b"button",
    Canvas = b"canvas", Caption = b"caption", Center = b"center", Cite = b"cite", Code = b"code",
    Col = b"col", Dd = b"dd", Details = b"details", Dialog = b"dialog", Dir = b"dir", Div = b"div",
    Dl = b"dl", Dt = b"dt", Em = b"em", Embed = b"embed", Fieldset = b"fieldset",
    Figcaption = b"figcaption", Figure = b"figure", Font = b"font", Footer = b"footer",
    Form = b"form", Frameset = b"frameset", H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4",
    H5 = b"h5", H6 = b"h6", Head = b"head", Header = b"header", Hgroup = b"hgroup", Hr = b"hr",
    Html = b"html", I = b"i", Iframe = b"iframe", Img = b"img", Input = b"input", Keygen = b"keygen",
    Label = b"label", Legend = b"legend", Li = b"li", Link = b"link", Main = b"main",
    Marquee = b"marquee", Menu = b"menu", Meta = b"meta", Nav = b"nav", Noembed = b"noembed",
    Noframes = b"noframes", Noscript = b"noscript", Object = b"object", Ol = b"ol",
    Optgroup = b"optgroup", Option = b"option", P = b"p", Param = b"param", Picture = b"picture",
    Plaintext = b"plaintext", Pre = b"pre", Q = b"q", S = b"s", Script = b"script", Section = b"section",
    Select = b"select", Small = b"small", Source = b"source", Span = b"span", Strong = b"strong",
    Style = b"style", Sub = b"sub", Summary = b"summary", Sup = b"sup", Svg = b"svg", Table = b"table",
    Tbody = b"tbody", Td = b"td", Template = b"template", Textarea = b"textarea", Tfoot = b"tfoot",
    Th = b"th", Thead = b"thead", Time = b"time", Title = b"title", Tr = b"tr", Track = b"track",
    U = b"u", Ul = b"ul", Video = b"video", Wbr = b"wbr", Xmp = b"xmp", Math = b"math",
}

impl Tag {
    /// Never has children.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Keygen
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
        )
    }

    /// Read as raw text up to the end tag.
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Textarea
                | Title
                | Xmp
                | Iframe
                | Noembed
                | Noframes
                | Noscript
                | Plaintext
        )
    }

    /// Block-level: starts a new paragraph of text, and closes an open `<p>`.
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Body
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Dd
                | Dt
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Html
                | Li
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Tr
                | Td
                | Th
                | Caption
                | Tbody
                | Thead
                | Tfoot
                | Legend
                | Select
                | Option
                | Textarea
        )
    }

    /// Closes an open `<p>` when it opens (the HTML standard's list, roughly).
    fn closes_p(self) -> bool {
        use Tag::*;
        self.is_block()
            && !matches!(
                self,
                Body | Html
                    | Li
                    | Dd
                    | Dt
                    | Tr
                    | Td
                    | Th
                    | Caption
                    | Tbody
                    | Thead
                    | Tfoot
                    | Legend
                    | Select
                    | Option
                    | Textarea
            )
            || matches!(self, Plaintext | Xmp)
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// An end tag of this kind stops searching the open elements at these.
    fn is_scope_boundary(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Html | Table | Td | Th | Caption | Template | Object | Applet | Marquee
        )
    }
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Root,
    Element {
        tag: Tag,
        /// Lower-cased name, in [`Dom::buf`].
        name: Range<u32>,
        /// Range in [`Dom::attrs`].
        attrs: Range<u32>,
    },
    /// Decoded text, in [`Dom::buf`].
    Text(Range<u32>),
}

/// One node of the arena.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
    /// Where the node starts in the parsed HTML (bytes).
    pub pos: u32,
}

/// An attribute: lower-cased name and decoded value, both in [`Dom::buf`].
#[derive(Debug, Clone)]
pub struct Attr {
    pub name: Range<u32>,
    pub value: Range<u32>,
}

/// A parsed page. Node 0 is the root; children always come after their parent in `nodes`
/// (document order), so a reverse loop over the nodes visits children before parents.
#[derive(Debug, Default)]
pub struct Dom {
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    pub buf: String,
}

fn r(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

impl Dom {
    pub fn tag(&self, id: u32) -> Option<Tag> {
        match self.nodes[id as usize].kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    pub fn name(&self, id: u32) -> &str {
        match &self.nodes[id as usize].kind {
            Kind::Element { name, .. } => &self.buf[r(name)],
            _ => "",
        }
    }

    pub fn text(&self, id: u32) -> Option<&str> {
        match &self.nodes[id as usize].kind {
            Kind::Text(t) => Some(&self.buf[r(t)]),
            _ => None,
        }
    }

    /// The attributes of an element (none for other nodes).
    pub fn attrs(&self, id: u32) -> impl Iterator<Item = (&str, &str)> {
        let range = match &self.nodes[id as usize].kind {
            Kind::Element { attrs, .. } => r(attrs),
            _ => 0..0,
        };
        self.attrs[range]
            .iter()
            .map(|a| (&self.buf[r(&a.name)], &self.buf[r(&a.value)]))
    }

    pub fn attr(&self, id: u32, name: &str) -> Option<&str> {
        self.attrs(id).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The children of a node, in order.
    pub fn children(&self, id: u32) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }

    /// The node and its descendants in document order: `id..end` of the node indices.
    pub fn subtree_end(&self, id: u32) -> u32 {
        // Descendants are contiguous in the arena: the subtree ends where the next node that is
        // not a descendant starts: the next sibling of the node or of its nearest ancestor.
        let mut n = id;
        loop {
            let node = &self.nodes[n as usize];
            if node.next != NONE {
                return node.next;
            }
            if node.parent == NONE || n == 0 {
                return self.nodes.len() as u32;
            }
            n = node.parent;
        }
    }

    /// All text under a node, whitespace collapsed, blocks separated by a space.
    pub fn text_content(&self, id: u32) -> String {
        let mut out = String::new();
        for n in id..self.subtree_end(id) {
            if let Some(t) = self.text(n) {
                push_collapsed(&mut out, t);
            } else if self.tag(n).is_some_and(|t| t.is_block() || t == Tag::Br) {
                push_space(&mut out);
            }
        }
        out.trim_end().to_string()
    }

    fn push_node(&mut self, parent: u32, kind: Kind, pos: usize) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            kind,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            pos: pos.min(u32::MAX as usize) as u32,
        });
        let p = &mut self.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.nodes[prev as usize].next = id;
        }
        id
    }

    fn push_buf(&mut self, s: &str) -> Range<u32> {
        let start = self.buf.len() as u32;
        self.buf.push_str(s);
        start..self.buf.len() as u32
    }
}

/// Appends `t` with runs of whitespace collapsed to one space (none at the start of `out`).
pub fn push_collapsed(out: &mut String, t: &str) {
    for (i, word) in t.split(is_html_space).enumerate() {
        if word.is_empty() {
            if i == 0 {
                push_space(out);
            }
            continue;
        }
        if i > 0 {
            push_space(out);
        }
        out.push_str(word);
    }
    if t.ends_with(is_html_space) {
        push_space(out);
    }
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// ASCII whitespace, no-break space and the other Unicode spaces.
pub fn is_html_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next;
        Some(id)
    }
}

/// Parses a page. Never panics; any byte string is some tree.
pub fn parse(html: &str) -> Dom {
    let mut b = Builder {
        dom: Dom {
            nodes: Vec::with_capacity(html.len() / 40),
            attrs: Vec::with_capacity(html.len() / 60),
            buf: String::with_capacity(html.len() / 2),
        },
        stack: Vec::with_capacity(64),
        scratch: String::new(),
    };
    b.dom.nodes.push(Node {
        kind: Kind::Root,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next: NONE,
        pos: 0,
    });
    b.stack.push(0);
    b.run(html);
    b.dom
}

struct Builder {
    dom: Dom,
    /// Open elements; `stack[0]` is the root.
    stack: Vec<u32>,
    scratch: String,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl Builder {
    fn current(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    fn run(&mut self, html: &str) {
        let bytes = html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
            let lt = i + off;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                self.text(html, text_start, lt);
                let end = self.start_tag(html, lt);
                i = end;
                text_start = end;
            } else if next == b'/' {
                self.text(html, text_start, lt);
                let end = self.end_tag(html, lt);
                i = end;
                text_start = end;
            } else if next == b'!' || next == b'?' {
                self.text(html, text_start, lt);
                let end = if bytes[lt..].starts_with(b"<!--") {
                    match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                        Some(e) => lt + 4 + e + 3,
                        None => bytes.len(),
                    }
                } else {
                    match memchr::memchr(b'>', &bytes[lt..]) {
                        Some(e) => lt + e + 1,
                        None => bytes.len(),
                    }
                };
                i = end;
                text_start = end;
            } else {
                i = lt + 1;
            }
        }
        self.text(html, text_start, bytes.len());
    }

    fn text(&mut self, html: &str, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let raw = &html[start..end];
        let parent = self.current();
        let range = if raw.as_bytes().contains(&b'&') {
            self.scratch.clear();
            decode_entities(raw, &mut self.scratch);
            let s = std::mem::take(&mut self.scratch);
            let range = self.dom.push_buf(&s);
            self.scratch = s;
            range
        } else {
            self.dom.push_buf(raw)
        };
        self.dom.push_node(parent, Kind::Text(range), start);
    }

    /// Parses `<name attrs...>` at `lt`; returns the index after it.
    fn start_tag(&mut self, html: &str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let mut i = lt + 1;
        let name_start = i;
        while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name_end = i;
        let mut lname = [0u8; 16];
        let raw_name = &bytes[name_start..name_end];
        let tag = if raw_name.len() <= lname.len() {
            for (d, s) in lname.iter_mut().zip(raw_name) {
                *d = s.to_ascii_lowercase();
            }
            Tag::from_lower(&lname[..raw_name.len()])
        } else {
            Tag::Other
        };
        let attrs_start = self.dom.attrs.len() as u32;
        let mut self_closing = false;
        // Attributes.
        loop {
            while i < bytes.len() && (is_ws(bytes[i]) || bytes[i] == b'/') {
                self_closing = bytes[i] == b'/';
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let an_start = i;
            i += 1; // the first character may be anything, even `=`
            while i < bytes.len() && !is_ws(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let an_end = i;
            while i < bytes.len() && is_ws(bytes[i]) {
                i += 1;
            }
            let mut value = 0..0;
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && is_ws(bytes[i]) {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let vs = i + 1;
                    match memchr::memchr(q, &bytes[vs..]) {
                        Some(e) => {
                            value = vs..vs + e;
                            i = vs + e + 1;
                        }
                        None => {
                            value = vs..bytes.len();
                            i = bytes.len();
                        }
                    }
                } else {
                    let vs = i;
                    while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = vs..i;
                }
            }
            if self.dom.attrs.len() - attrs_start as usize >= 64 {
                continue; // a sane limit on attributes per element
            }
            let nstart = self.dom.buf.len() as u32;
            for c in html[an_start..an_end].chars() {
                self.dom.buf.push(c.to_ascii_lowercase());
            }
            let name = nstart..self.dom.buf.len() as u32;
            let raw_value = &html[value];
            let value = if raw_value.contains('&') {
                self.scratch.clear();
                decode_entities(raw_value, &mut self.scratch);
                let s = std::mem::take(&mut self.scratch);
                let v = self.dom.push_buf(&s);
                self.scratch = s;
                v
            } else {
                self.dom.push_buf(raw_value)
            };
            self.dom.attrs.push(Attr { name, value });
        }
        let attrs = attrs_start..self.dom.attrs.len() as u32;
        self.open(html, tag, name_start..name_end, attrs, self_closing, lt, i)
    }

    /// Opens an element; for raw-text elements also reads its content. Returns where parsing
    /// goes on.
    #[allow(clippy::too_many_arguments)]
    fn open(
        &mut self,
        html: &str,
        tag: Tag,
        name: Range<usize>,
        attrs: Range<u32>,
        self_closing: bool,
        lt: usize,
        after: usize,
    ) -> usize {
        self.implied_ends(tag);
        let nstart = self.dom.buf.len() as u32;
        for c in html[name.clone()].chars() {
            self.dom.buf.push(c.to_ascii_lowercase());
        }
        let name_range = nstart..self.dom.buf.len() as u32;
        let parent = self.current();
        let id = self.dom.push_node(
            parent,
            Kind::Element {
                tag,
                name: name_range,
                attrs,
            },
            lt,
        );
        if tag.is_raw_text() {
            let bytes = html.as_bytes();
            let end = find_end_tag(bytes, after, &bytes[name]);
            let (content_end, resume) = match end {
                Some((s, e)) => (s, e),
                None => (bytes.len(), bytes.len()),
            };
            let keep = match tag {
                Tag::Title | Tag::Textarea => true,
                Tag::Script => self
                    .dom
                    .attr(id, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")),
                _ => false,
            };
            if keep && after < content_end {
                let raw = &html[after..content_end];
                let range = if tag == Tag::Script || !raw.contains('&') {
                    self.dom.push_buf(raw)
                } else {
                    self.scratch.clear();
                    decode_entities(raw, &mut self.scratch);
                    let s = std::mem::take(&mut self.scratch);
                    let v = self.dom.push_buf(&s);
                    self.scratch = s;
                    v
                };
                self.dom.push_node(id, Kind::Text(range), after);
            }
            return resume;
        }
        let closes_itself = tag.is_void() || (self_closing && tag == Tag::Other);
        if !closes_itself && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
        after
    }

    /// Closes the elements an opening `tag` implicitly ends.
    fn implied_ends(&mut self, tag: Tag) {
        use Tag::*;
        match tag {
            Li => self.close_item(&[Li]),
            Dd | Dt => self.close_item(&[Dd, Dt]),
            Td | Th => self.close_until(&[Td, Th], &[Table, Tr]),
            Tr => self.close_until(&[Tr], &[Table]),
            Tbody | Thead | Tfoot => self.close_until(&[Tbody, Thead, Tfoot], &[Table]),
            Option => self.close_top(&[Option]),
            Optgroup => self.close_top(&[Option, Optgroup]),
            Body => self.close_until(&[Head], &[Html]),
            A => self.close_until(&[A], &[Div, Table, Td, Th, Li, P, Section, Article]),
            _ => {}
        }
        if tag.closes_p() {
            self.close_until(
                &[P],
                &[Table, Td, Th, Button, Caption, Html, Object, Template],
            );
        }
        if tag.is_heading() {
            self.close_top(&[H1, H2, H3, H4, H5, H6]);
        }
    }

    /// Pops the current element when it is one of `tags`.
    fn close_top(&mut self, tags: &[Tag]) {
        let top = self.current();
        if self.dom.tag(top).is_some_and(|t| tags.contains(&t)) && self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Pops through the nearest open element in `tags`, unless one of `stop` comes first.
    fn close_until(&mut self, tags: &[Tag], stop: &[Tag]) {
        for k in (1..self.stack.len()).rev() {
            let Some(t) = self.dom.tag(self.stack[k]) else {
                continue;
            };
            if tags.contains(&t) {
                self.stack.truncate(k);
                return;
            }
            if stop.contains(&t) {
                return;
            }
        }
    }

    /// `<li>` and `<dd>`/`<dt>`: closes the open item unless a block other than a
    /// `div`/`p`/`address` lies between.
    fn close_item(&mut self, tags: &[Tag]) {
        for k in (1..self.stack.len()).rev() {
            let Some(t) = self.dom.tag(self.stack[k]) else {
                continue;
            };
            if tags.contains(&t) {
                self.stack.truncate(k);
                return;
            }
            if t.is_block() && !matches!(t, Tag::Div | Tag::P | Tag::Address) {
                return;
            }
        }
    }

    fn end_tag(&mut self, html: &str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let name_start = lt + 2;
        let mut i = name_start;
        while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = &bytes[name_start..i];
        let end = match memchr::memchr(b'>', &bytes[i..]) {
            Some(e) => i + e + 1,
            None => bytes.len(),
        };
        if name.is_empty() || !name[0].is_ascii_alphabetic() {
            return end; // `</>` or a bogus comment
        }
        let lower = name.to_ascii_lowercase();
        let tag = Tag::from_lower(&lower);
        if tag == Tag::Br {
            let parent = self.current();
            let nstart = self.dom.buf.len() as u32;
            self.dom.buf.push_str("br");
            let n = self.dom.attrs.len() as u32;
            self.dom.push_node(
                parent,
                Kind::Element {
                    tag: Tag::Br,
                    name: nstart..nstart + 2,
                    attrs: n..n,
                },
                lt,
            );
            return end;
        }
        let block = tag.is_block();
        for k in (1..self.stack.len()).rev() {
            let id = self.stack[k];
            let Some(t) = self.dom.tag(id) else { continue };
            let same = if tag == Tag::Other {
                t == Tag::Other && self.dom.name(id).as_bytes() == lower.as_slice()
            } else {
                t == tag
            };
            if same {
                self.stack.truncate(k);
                return end;
            }
            if t.is_scope_boundary() || (!block && t.is_block()) {
                return end;
            }
        }
        end
    }
}

/// Finds `</name` (any case) followed by whitespace, `/` or `>` from `from`; returns where the
/// end tag starts and where parsing goes on after it.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&bytes[i..], b"</") {
        let s = i + off;
        let n = s + 2;
        let e = n + name.len();
        if e <= bytes.len()
            && bytes[n..e].eq_ignore_ascii_case(name)
            && bytes
                .get(e)
                .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
        {
            let close = memchr::memchr(b'>', &bytes[e..]).map_or(bytes.len(), |x| e + x + 1);
            return Some((s, close));
        }
        i = s + 2;
    }
    None
}

/// HTML 4 named character references past Latin-1 (name, code point).
const NAMED: &[(&str, u32)] = &[
    ("amp", 38),
    ("lt", 60),
    ("gt", 62),
    ("quot", 34),
    ("apos", 39),
    ("OElig", 338),
    ("oelig", 339),
    ("Scaron", 352),
    ("scaron", 353),
    ("Yuml", 376),
    ("fnof", 402),
    ("circ", 710),
    ("tilde", 732),
    ("ensp", 8194),
    ("emsp", 8195),
    ("thinsp", 8201),
    ("zwnj", 8204),
    ("zwj", 8205),
    ("lrm", 8206),
    ("rlm", 8207),
    ("ndash", 8211),
    ("mdash", 8212),
    ("lsquo", 8216),
    ("rsquo", 8217),
    ("sbquo", 8218),
    ("ldquo", 8220),
    ("rdquo", 8221),
    ("bdquo", 8222),
    ("dagger", 8224),
    ("Dagger", 8225),
    ("bull", 8226),
    ("hellip", 8230),
    ("permil", 8240),
    ("prime", 8242),
    ("Prime", 8243),
    ("lsaquo", 8249),
    ("rsaquo", 8250),
    ("oline", 8254),
    ("frasl", 8260),
    ("euro", 8364),
    ("trade", 8482),
    ("larr", 8592),
    ("uarr", 8593),
    ("rarr", 8594),
    ("darr", 8595),
    ("harr", 8596),
    ("minus", 8722),
    ("infin", 8734),
    ("ne", 8800),
    ("le", 8804),
    ("ge", 8805),
    ("asymp", 8776),
    ("sdot", 8901),
    ("loz", 9674),
    ("spades", 9824),
    ("clubs", 9827),
    ("hearts", 9829),
    ("diams", 9830),
    ("nbsp", 160),
    ("NewLine", 10),
    ("Tab", 9),
    ("lowast", 8727),
    ("radic", 8730),
    ("sum", 8721),
    ("prod", 8719),
    ("part", 8706),
    ("alefsym", 8501),
    ("image", 8465),
    ("weierp", 8472),
    ("real", 8476),
    ("crarr", 8629),
    ("dash", 8208),
    ("hyphen", 8208),
    ("horbar", 8213),
    ("Vert", 8214),
    ("nbhy", 8209),
    ("check", 10003),
    ("star", 9734),
    ("starf", 9733),
    ("phone", 9742),
    ("female", 9792),
    ("male", 9794),
    ("sharp", 9839),
    ("flat", 9837),
    ("natural", 9838),
    ("copysr", 8471),
    ("numero", 8470),
    ("half", 189),
    ("laquo", 171),
    ("raquo", 187),
    ("colon", 58),
    ("comma", 44),
    ("period", 46),
    ("excl", 33),
    ("quest", 63),
    ("num", 35),
    ("dollar", 36),
    ("percnt", 37),
    ("lpar", 40),
    ("rpar", 41),
    ("ast", 42),
    ("plus", 43),
    ("sol", 47),
    ("semi", 59),
    ("equals", 61),
    ("commat", 64),
    ("lsqb", 91),
    ("rsqb", 93),
    ("bsol", 92),
    ("lowbar", 95),
    ("grave", 96),
    ("lcub", 123),
    ("rcub", 125),
    ("verbar", 124),
    ("vert", 124),
    ("Hat", 94),
];

/// HTML 4 Latin-1 names, code points 160 to 255 in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Greek letters in HTML 4: capitals 913..=937 (no 930), small 945..=969.
const GREEK: [&str; 24] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi",
    "psi", "omega",
];

fn named(name: &str) -> Option<char> {
    if let Some(&(_, cp)) = NAMED.iter().find(|(n, _)| *n == name) {
        return char::from_u32(cp);
    }
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(160 + i as u32);
    }
    if name == "sigmaf" {
        return Some('ς');
    }
    let lower = name.to_ascii_lowercase();
    if let Some(i) = GREEK.iter().position(|n| *n == lower) {
        let i = i as u32;
        let small = 945 + i + u32::from(i >= 17); // 962 is final sigma
        let capital = 913 + i + u32::from(i >= 17);
        let upper = name.as_bytes()[0].is_ascii_uppercase();
        return char::from_u32(if upper { capital } else { small });
    }
    None
}

/// The character of a numeric reference, as the HTML standard maps it.
fn numeric(cp: u32) -> char {
    match cp {
        0 => '\u{fffd}',
        0x80..=0x9f => {
            let b = [cp as u8];
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
            s.chars().next().unwrap_or('\u{fffd}')
        }
        _ => char::from_u32(cp).unwrap_or('\u{fffd}'),
    }
}

/// Decodes character references in `s` onto `out`.
pub fn decode_entities(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while let Some(off) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + off;
        i = amp + 1;
        let rest = &bytes[amp + 1..];
        let (ch, len) = if rest.first() == Some(&b'#') {
            let (hex, digits_from) = match rest.get(1) {
                Some(b'x' | b'X') => (true, 2),
                _ => (false, 1),
            };
            let digits = rest[digits_from..]
                .iter()
                .take_while(|c| {
                    if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .count();
            if digits == 0 {
                continue;
            }
            let text = &s[amp + 1 + digits_from..amp + 1 + digits_from + digits];
            let cp = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(0xfffd);
            let mut len = digits_from + digits;
            if rest.get(len) == Some(&b';') {
                len += 1;
            }
            (numeric(cp.min(0x110000)), len)
        } else {
            let n = rest
                .iter()
                .take(10)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if n == 0 {
                continue;
            }
            let name = &s[amp + 1..amp + 1 + n];
            let semi = rest.get(n) == Some(&b';');
            match named(name) {
                // Without `;` only the classic few are read (as browsers do for legacy pages).
                Some(c) if semi || matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp") => {
                    (c, n + usize::from(semi))
                }
                _ => continue,
            }
        };
        out.push_str(&s[last..amp]);
        out.push(ch);
        i = amp + 1 + len;
        last = i;
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> String {
        let mut o = String::new();
        decode_entities(s, &mut o);
        o
    }

    #[test]
    fn entities() {
        assert_eq!(
            dec("a &amp; b &lt;c&gt; &#39;x&#x27; &eacute;t&eacute;"),
            "a & b <c> 'x' été"
        );
        assert_eq!(
            dec("&hellip;&mdash;&#151;&nbsp;&Omega;&omega;&sigmaf;"),
            "…——\u{a0}Ωως"
        );
        assert_eq!(dec("AT&T &unknown; &#; &"), "AT&T &unknown; &#; &");
    }

    fn shape(dom: &Dom, id: u32, out: &mut String) {
        // Test-only, shallow trees.
        match &dom.nodes[id as usize].kind {
            Kind::Text(_) => out.push_str(dom.text(id).unwrap_or("")),
            Kind::Element { .. } => {
                out.push('<');
                out.push_str(dom.name(id));
                out.push('>');
                for c in dom.children(id) {
                    shape(dom, c, out);
                }
                out.push_str("</");
                out.push_str(dom.name(id));
                out.push('>');
            }
            Kind::Root => {
                for c in dom.children(id) {
                    shape(dom, c, out);
                }
            }
        }
    }

    fn tree(html: &str) -> String {
        let dom = parse(html);
        let mut s = String::new();
        shape(&dom, 0, &mut s);
        s
    }

    #[test]
    fn implied_ends() {
        assert_eq!(tree("<p>a<p>b<div>c</div>"), "<p>a</p><p>b</p><div>c</div>");
        assert_eq!(tree("<ul><li>a<li>b</ul>"), "<ul><li>a</li><li>b</li></ul>");
        assert_eq!(
            tree("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        );
        assert_eq!(tree("<div><span>a</div>b"), "<div><span>a</span></div>b");
        assert_eq!(tree("<div>a</span>b</div>"), "<div>ab</div>");
        assert_eq!(tree("<P CLASS=x>a<BR>b</P>"), "<p>a<br></br>b</p>");
        assert_eq!(
            tree("<script>if (a<b) {}</script><style>p{}</STYLE >x"),
            "<script></script><style></style>x"
        );
        assert_eq!(
            tree("<!-- c --><!doctype html><svg><path/></svg>"),
            "<svg><path></path></svg>"
        );
        let dom = parse("<a href='x&amp;y' data-x = 1 checked>t</a>");
        assert_eq!(dom.attr(1, "href"), Some("x&y"));
        assert_eq!(dom.attr(1, "data-x"), Some("1"));
        assert_eq!(dom.attr(1, "checked"), Some(""));
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = parse(&html);
        assert_eq!(dom.nodes.len(), 100_002);
        assert_eq!(dom.text_content(0), "deep");
        drop(dom);
    }

    #[test]
    fn broken_markup() {
        for s in [
            "<",
            "<a",
            "<a href=\"",
            "</",
            "<!--",
            "<script>",
            "&#xffffffff;",
            "<a =x>",
        ] {
            let _ = parse(s);
        }
    }
}
