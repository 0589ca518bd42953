//! Ruling lines: the horizontal and vertical strokes a page draws (table borders, cell
//! rules), collected from its path operators so that layout can tell a table cell's wrapped
//! text from the next row.

/// Most rules kept per page (a hostile page cannot exhaust memory).
const MAX_RULES: usize = 20_000;
/// Shortest rule kept, in points (shorter strokes are glyph-like marks).
const MIN_LENGTH: f32 = 4.0;
/// A filled rectangle thinner than this, in points, is drawn as a rule.
const THIN: f32 = 2.0;

/// An axis-aligned line segment in page space: horizontal when `y0 == y1`, vertical when
/// `x0 == x1`; `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left end.
    pub x0: f32,
    /// Bottom end.
    pub y0: f32,
    /// Right end.
    pub x1: f32,
    /// Top end.
    pub y1: f32,
}

impl Rule {
    /// Whether the rule runs across the page (else down it).
    pub fn horizontal(&self) -> bool {
        self.y0 == self.y1
    }
}

/// The path being built by `m`, `l`, `h` and `re`, in page space, until a painting
/// operator draws or discards it.
#[derive(Default)]
pub struct PathRules {
    /// Segments of the current path and whether each is a thin rectangle's centre line
    /// (painted by a fill as well as by a stroke).
    segments: Vec<([f32; 4], bool)>,
    current: Option<(f32, f32)>,
    start: Option<(f32, f32)>,
}

impl PathRules {
    /// `m`: start a subpath at a point (already in page space).
    pub fn move_to(&mut self, p: (f32, f32)) {
        self.current = Some(p);
        self.start = Some(p);
    }

    /// `l`: a straight segment from the current point.
    pub fn line_to(&mut self, p: (f32, f32)) {
        if let Some(c) = self.current {
            self.segments.push(([c.0, c.1, p.0, p.1], false));
        }
        self.current = Some(p);
    }

    /// `h`: close the subpath.
    pub fn close(&mut self) {
        if let (Some(s), Some(c)) = (self.start, self.current) {
            self.segments.push(([c.0, c.1, s.0, s.1], false));
            self.current = Some(s);
        }
    }

    /// `re`: a rectangle given by its four corners in page space (a thin one is a rule
    /// along its long side's centre line; another one, its four edges).
    pub fn rect(&mut self, corners: [(f32, f32); 4]) {
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let (x0, x1) = (
            xs.iter().copied().fold(f32::INFINITY, f32::min),
            xs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f32::INFINITY, f32::min),
            ys.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        );
        if y1 - y0 < THIN {
            let y = (y0 + y1) / 2.0;
            self.segments.push(([x0, y, x1, y], true));
        } else if x1 - x0 < THIN {
            let x = (x0 + x1) / 2.0;
            self.segments.push(([x, y0, x, y1], true));
        } else {
            for k in 0..4 {
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                self.segments.push(([a.0, a.1, b.0, b.1], false));
            }
        }
        self.current = Some(corners[0]);
        self.start = Some(corners[0]);
    }

    /// `n`: end the path without painting it (a clipping path).
    pub fn discard(&mut self) {
        self.segments.clear();
        self.current = None;
        self.start = None;
    }

    /// A painting operator: `stroke` draws every segment, a fill only thin rectangles;
    /// the axis-aligned ones long enough go to `out`. The path is then empty.
    pub fn paint(&mut self, stroke: bool, out: &mut Vec<Rule>) {
        for ([ax, ay, bx, by], thin) in self.segments.drain(..) {
            if !(stroke || thin) || out.len() >= MAX_RULES {
                continue;
            }
            let (x0, x1) = (ax.min(bx), ax.max(bx));
            let (y0, y1) = (ay.min(by), ay.max(by));
            let finite = [x0, x1, y0, y1].iter().all(|v| v.is_finite());
            if finite && y1 - y0 < 0.5 && x1 - x0 >= MIN_LENGTH {
                let y = (y0 + y1) / 2.0;
                out.push(Rule {
                    x0,
                    y0: y,
                    x1,
                    y1: y,
                });
            } else if finite && x1 - x0 < 0.5 && y1 - y0 >= MIN_LENGTH {
                let x = (x0 + x1) / 2.0;
                out.push(Rule {
                    x0: x,
                    y0,
                    x1: x,
                    y1,
                });
            }
        }
        self.current = None;
        self.start = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills_are_rules_other_fills_are_not() {
        let mut p = PathRules::default();
        let mut rules = Vec::new();
        // A stroked horizontal and vertical line, a stroked diagonal (no rule).
        p.move_to((10.0, 100.0));
        p.line_to((200.0, 100.0));
        p.move_to((10.0, 100.0));
        p.line_to((10.0, 50.0));
        p.move_to((0.0, 0.0));
        p.line_to((30.0, 30.0));
        p.paint(true, &mut rules);
        // A filled thin rectangle (Word's cell border) and a filled box (a background).
        p.rect([(10.0, 40.0), (200.0, 40.0), (200.0, 40.5), (10.0, 40.5)]);
        p.rect([(0.0, 0.0), (50.0, 0.0), (50.0, 50.0), (0.0, 50.0)]);
        p.paint(false, &mut rules);
        assert_eq!(
            rules,
            vec![
                Rule {
                    x0: 10.0,
                    y0: 100.0,
                    x1: 200.0,
                    y1: 100.0
                },
                Rule {
                    x0: 10.0,
                    y0: 50.0,
                    x1: 10.0,
                    y1: 100.0
                },
                Rule {
                    x0: 10.0,
                    y0: 40.25,
                    x1: 200.0,
                    y1: 40.25
                },
            ]
        );
        assert!(rules[0].horizontal() && !rules[1].horizontal());
        // A stroked box is its four edges; a clipping path (`n`) draws nothing.
        p.rect([(0.0, 0.0), (50.0, 0.0), (50.0, 20.0), (0.0, 20.0)]);
        p.paint(true, &mut rules);
        assert_eq!(rules.len(), 7);
        p.rect([(0.0, 0.0), (600.0, 0.0), (600.0, 0.5), (0.0, 0.5)]);
        p.discard();
        p.paint(true, &mut rules);
        assert_eq!(rules.len(), 7);
    }
}
