//! Content-stream interpretation: the text operators of a page (and the forms it draws) turned
//! into positioned glyphs in page space.

use super::fonts::{Code, Font};
use super::rules::{PathRules, Rule};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Largest decompressed content stream read per page or form.
const MAX_CONTENT_BYTES: usize = 32 << 20;
/// Most glyphs kept per page (a hostile page cannot exhaust memory).
const MAX_GLYPHS: usize = 200_000;
/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 6;

/// One glyph drawn on a page, in page space (PDF points, origin bottom-left).
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Its text (one or more characters).
    pub text: String,
    /// Left edge of the glyph at its baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width.
    pub w: f32,
    /// Effective font size (glyph height in page space).
    pub size: f32,
    /// Drawn with a bold font.
    pub bold: bool,
    /// A space glyph came right before this one (an explicit word break).
    pub space_before: bool,
}

type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// A point of user space in page space.
fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Interprets content streams; fonts are cached by object across pages.
pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// Glyphs of the page being read.
    pub glyphs: Vec<Glyph>,
    /// Ruling lines of the page being read (table borders).
    pub rules: Vec<Rule>,
    codes: Vec<Code>,
}

impl<'a> Interpreter<'a> {
    /// An interpreter over `doc`.
    pub fn new(doc: &'a Document) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            glyphs: Vec::new(),
            rules: Vec::new(),
            codes: Vec::new(),
        }
    }

    /// Read the glyphs of one page (replacing the previous page's).
    pub fn page(&mut self, page: ObjectId) {
        self.glyphs.clear();
        self.rules.clear();
        let Ok(content) = self
            .doc
            .get_page_content_with_limit(page, MAX_CONTENT_BYTES)
        else {
            return;
        };
        let resources = page_resources(self.doc, page);
        let state = GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&content, resources, state, 0);
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources
            .and_then(|r| deref(self.doc, r.get(b"Font").ok()))
            .and_then(|o| o.as_dict().ok())?;
        match fonts.get(name).ok()? {
            Object::Reference(id) => {
                if let Some(f) = self.fonts.get(id) {
                    return Some(f.clone());
                }
                let f = Rc::new(
                    self.doc
                        .get_dictionary(*id)
                        .map_or_else(|_| Font::fallback(), |d| Font::load(self.doc, d)),
                );
                self.fonts.insert(*id, f.clone());
                Some(f)
            }
            Object::Dictionary(d) => Some(Rc::new(Font::load(self.doc, d))),
            _ => None,
        }
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: GState,
        depth: usize,
    ) {
        let Ok(ops) = Content::decode(content) else {
            return;
        };
        let mut stack: Vec<GState> = Vec::new();
        // Open marked-content sequences: the replacement text of each (`/ActualText`) and
        // the number of glyphs drawn before it began.
        let mut marked: Vec<(Option<String>, usize)> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = PathRules::default();
        for op in &ops.operations {
            if self.glyphs.len() >= MAX_GLYPHS {
                return;
            }
            let n = |i: usize| {
                op.operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .filter(|v| v.is_finite())
                    .unwrap_or(0.0)
            };
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "q" => {}
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => gs.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &gs.ctm),
                "m" => path.move_to(apply(&gs.ctm, n(0), n(1))),
                "l" => path.line_to(apply(&gs.ctm, n(0), n(1))),
                "h" => path.close(),
                "re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let at = |dx: f32, dy: f32| apply(&gs.ctm, x + dx, y + dy);
                    path.rect([at(0.0, 0.0), at(w, 0.0), at(w, h), at(0.0, h)]);
                }
                "S" | "B" | "B*" => path.paint(true, &mut self.rules),
                "s" | "b" | "b*" => {
                    path.close();
                    path.paint(true, &mut self.rules);
                }
                "f" | "F" | "f*" => path.paint(false, &mut self.rules),
                "n" => path.discard(),
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        gs.font = self.font(resources, name);
                    }
                    gs.size = n(1);
                }
                "Tc" => gs.char_spacing = n(0),
                "Tw" => gs.word_spacing = n(0),
                "Tz" => gs.scale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_spacing = n(0);
                            gs.char_spacing = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                o => {
                                    if let Ok(v) = o.as_float() {
                                        if v.is_finite() {
                                            let tx = -v / 1000.0 * gs.size * gs.scale;
                                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                            if v < -250.0 {
                                                // A large negative kern is a word space drawn as a move.
                                                self.mark_space();
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                "BMC" if marked.len() < 256 => marked.push((None, self.glyphs.len())),
                "BDC" if marked.len() < 256 => {
                    let actual = self.actual_text(resources, op.operands.get(1));
                    marked.push((actual, self.glyphs.len()));
                }
                "EMC" => {
                    if let Some((Some(actual), from)) = marked.pop() {
                        self.replace_glyphs(from, actual);
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some(stream) = resources
                        .and_then(|r| deref(self.doc, r.get(b"XObject").ok()))
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|x| deref(self.doc, x.get(name).ok()))
                        .and_then(|o| o.as_stream().ok())
                    else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok()
                        != Some(b"Form".as_slice())
                    {
                        continue;
                    }
                    let Ok(data) = stream.get_plain_content_with_limit(MAX_CONTENT_BYTES) else {
                        continue;
                    };
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .and_then(|o| o.as_array())
                        .ok()
                        .filter(|a| a.len() == 6)
                        .map(|a| {
                            let mut m = IDENTITY;
                            for (k, v) in a.iter().enumerate() {
                                m[k] = v.as_float().unwrap_or(m[k]);
                            }
                            m
                        })
                        .unwrap_or(IDENTITY);
                    let inner = deref(self.doc, stream.dict.get(b"Resources").ok())
                        .and_then(|o| o.as_dict().ok())
                        .or(resources);
                    let mut sub = gs.clone();
                    sub.ctm = mul(&matrix, &gs.ctm);
                    self.run(&data, inner, sub, depth + 1);
                }
                _ => {}
            }
        }
    }

    /// The `/ActualText` of a marked-content property list (inline, or named in the
    /// resources' `/Properties`): the text the glyphs of the sequence stand for. Word
    /// processors write it for glyphs a font draws without a usable text mapping (a CJK
    /// character drawn by a fallback font, a ligature, a symbol).
    fn actual_text(
        &self,
        resources: Option<&Dictionary>,
        properties: Option<&Object>,
    ) -> Option<String> {
        let dict = match properties? {
            Object::Dictionary(d) => d,
            Object::Name(name) => resources
                .and_then(|r| deref(self.doc, r.get(b"Properties").ok()))
                .and_then(|o| o.as_dict().ok())
                .and_then(|p| deref(self.doc, p.get(name).ok()))
                .and_then(|o| o.as_dict().ok())?,
            _ => return None,
        };
        let text = lopdf::decode_text_string(dict.get(b"ActualText").ok()?).ok()?;
        Some(text.chars().filter(|c| !c.is_control()).collect())
    }

    /// Replace the glyphs drawn since `from` by one glyph carrying `text` over their extent
    /// (nothing when none were drawn: replacement text for an image has no place on a line).
    fn replace_glyphs(&mut self, from: usize, text: String) {
        if from >= self.glyphs.len() {
            return;
        }
        let drawn = self.glyphs.split_off(from);
        let first = &drawn[0];
        let right = drawn
            .iter()
            .map(|g| g.x + g.w)
            .fold(first.x + first.w, f32::max);
        if text.trim().is_empty() {
            // The glyphs stood for a space: it separates what comes before from what follows.
            self.mark_space();
            return;
        }
        self.glyphs.push(Glyph {
            text,
            x: first.x,
            y: first.y,
            w: right - first.x,
            size: first.size,
            bold: first.bold,
            space_before: first.space_before,
        });
    }

    fn mark_space(&mut self) {
        if let Some(g) = self.glyphs.last_mut() {
            g.text.push(' ');
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        self.codes.clear();
        font.decode(bytes, &mut self.codes);
        let mut pending_space = false;
        for code in self.codes.drain(..) {
            let trm = mul(
                &[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(tm, &gs.ctm),
            );
            let advance = (code.width * gs.size
                + gs.char_spacing
                + if code.is_space { gs.word_spacing } else { 0.0 })
                * gs.scale;
            let page = mul(tm, &gs.ctm);
            let w = advance * page[0];
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            // Control characters (a map to U+0000…) carry no text.
            let text: String = code
                .text
                .chars()
                .filter(|c| !c.is_control() || *c == ' ')
                .collect();
            if text.trim().is_empty() {
                pending_space |= !text.is_empty() || code.is_space;
            } else if self.glyphs.len() < MAX_GLYPHS
                && size.is_finite()
                && trm[4].is_finite()
                && trm[5].is_finite()
            {
                self.glyphs.push(Glyph {
                    text,
                    x: trm[4],
                    y: trm[5],
                    w: if w.is_finite() { w } else { 0.0 },
                    size,
                    bold: font.bold,
                    space_before: std::mem::take(&mut pending_space),
                });
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        }
        if pending_space {
            self.mark_space();
        }
    }
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let mut o = o?;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            _ => return Some(o),
        }
    }
    None
}

/// A page's resources, inherited from its ancestors when the page has none.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Some(r) = deref(doc, dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok()) {
            return Some(r);
        }
        let parent = dict.get(b"Parent").and_then(|o| o.as_reference()).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}
