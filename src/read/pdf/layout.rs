//! Page layout: positioned glyphs → lines in reading order. Glyphs are grouped by baseline into
//! rows; rows are cut into fragments at wide gaps; vertical whitespace gutters that no fragment
//! crosses (over most of a band of the page) split it into columns, read one after the other.

use super::content::Glyph;
use super::rules::Rule;
use unicode_normalization::UnicodeNormalization;

/// One rebuilt line of a page.
#[derive(Debug, Clone)]
pub struct Line {
    /// Text, with spaces between words (a wide gap inside one column becomes two spaces).
    pub text: String,
    /// Bounding box `[x0, y0, x1, y1]` in page space.
    pub bbox: [f32; 4],
    /// Dominant font size.
    pub size: f32,
    /// Most characters are bold.
    pub bold: bool,
    /// 0-based column.
    pub column: u8,
    /// A wider vertical gap than usual precedes this line (a new block).
    pub block_start: bool,
}

/// A run of glyphs on one baseline without a wide gap.
#[derive(Debug)]
struct Fragment {
    row: usize,
    glyphs: Vec<Glyph>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// The rest of a table cell's text, wrapped onto the lines below (read after `glyphs`).
    wrapped: Vec<Glyph>,
}

/// A gap wider than this many font sizes ends a fragment.
const WIDE_GAP: f32 = 1.2;
/// A gap inside a fragment wider than this many font sizes separates fields (two spaces).
const FIELD_GAP: f32 = 0.8;
/// Narrowest gutter between columns, in points.
const MIN_GUTTER: f32 = 7.0;

/// Lines of one page in reading order; `rules` are the page's ruling lines (table borders).
pub fn page_lines(mut glyphs: Vec<Glyph>, rules: &[Rule]) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.5 && g.size < 500.0);
    if glyphs.is_empty() {
        return Vec::new();
    }
    let mut frags = fragments(glyphs);
    join_wrapped_cells(&mut frags, rules);
    let mut order: Vec<(u8, Vec<usize>)> = Vec::new();
    let all: Vec<usize> = (0..frags.len()).collect();
    split_columns(&frags, rules, all, 0, 0, &mut order);
    let mut lines = Vec::new();
    for (column, ids) in order {
        let start = lines.len();
        build_lines(&frags, &ids, column, &mut lines);
        if let Some(l) = lines.get_mut(start) {
            l.block_start = true;
        }
    }
    lines
}

fn fragments(mut glyphs: Vec<Glyph>) -> Vec<Fragment> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    // Rows: consecutive glyphs (by descending baseline) within a fraction of the font size.
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut row_y = f32::NAN;
    for g in glyphs {
        let tol = (g.size * 0.4).max(1.0);
        if rows.is_empty() || (row_y - g.y).abs() > tol {
            row_y = g.y;
            rows.push(Vec::new());
        }
        if let Some(r) = rows.last_mut() {
            r.push(g);
        }
    }
    let mut out = Vec::new();
    for (row, mut glyphs) in rows.into_iter().enumerate() {
        glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        compose_accents(&mut glyphs);
        let mut current: Vec<Glyph> = Vec::new();
        for g in glyphs {
            if let Some(last) = current.last() {
                let gap = g.x - (last.x + last.w);
                if gap > WIDE_GAP * g.size.max(last.size) {
                    out.push(fragment(row, std::mem::take(&mut current)));
                }
            }
            current.push(g);
        }
        if !current.is_empty() {
            out.push(fragment(row, current));
        }
    }
    out
}

/// The combining mark of a spacing diacritic drawn as a glyph of its own.
fn combining_mark(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '´' => '\u{301}',
        '`' => '\u{300}',
        '¨' => '\u{308}',
        'ˆ' | '^' => '\u{302}',
        '˜' | '~' => '\u{303}',
        '¸' => '\u{327}',
        'ˇ' => '\u{30C}',
        '˘' => '\u{306}',
        '¯' | 'ˉ' => '\u{304}',
        '˚' => '\u{30A}',
        '˙' => '\u{307}',
        '˝' => '\u{30B}',
        '˛' => '\u{328}',
        _ => return None,
    })
}

/// Whether accent glyph `a` is drawn over (or under) letter glyph `b`.
fn stacked(a: &Glyph, b: &Glyph) -> bool {
    if a.w <= 0.1 {
        return a.x >= b.x - 0.5 && a.x <= b.x + b.w;
    }
    let overlap = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    overlap >= 0.3 * a.w.min(b.w)
}

/// TeX's `\'a` set in fonts without accented letters (pdflatex without T1 encoding), and
/// other producers' stacked accents: a spacing accent glyph drawn over a letter would read
/// "Tom´as"; the pair becomes the composed letter ("Tomás"). Glyphs are in x order.
fn compose_accents(glyphs: &mut Vec<Glyph>) {
    let mut k = 0;
    while k < glyphs.len() {
        let Some(mark) = combining_mark(&glyphs[k].text) else {
            k += 1;
            continue;
        };
        let letter = |j: usize| {
            // (A letter's text may carry the word space drawn after it: "e ".)
            glyphs.get(j).is_some_and(|g| {
                let mut cs = g.text.trim_end().chars();
                cs.next().is_some_and(char::is_alphabetic)
                    && cs.next().is_none()
                    && stacked(&glyphs[k], g)
            })
        };
        let target = if letter(k + 1) {
            Some(k + 1)
        } else if k > 0 && letter(k - 1) {
            Some(k - 1)
        } else {
            None
        };
        let Some(j) = target else {
            k += 1;
            continue;
        };
        // A dotless i carries the accent in TeX ("\'\i"): the composed letter is "í".
        let text = glyphs[j].text.as_str();
        let (letter, space) = text.split_at(text.trim_end().len());
        let base = if letter == "ı" { "i" } else { letter };
        let composed: String = format!("{base}{mark}").nfc().chain(space.chars()).collect();
        let word_start = glyphs[k].space_before && j > k;
        glyphs[j].text = composed;
        glyphs[j].space_before |= word_start;
        glyphs.remove(k);
    }
}

fn fragment(row: usize, glyphs: Vec<Glyph>) -> Fragment {
    let x0 = glyphs.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let x1 = glyphs
        .iter()
        .map(|g| g.x + g.w.max(0.0))
        .fold(f32::NEG_INFINITY, f32::max);
    let y = glyphs.iter().map(|g| g.y).sum::<f32>() / glyphs.len() as f32;
    let size = glyphs.iter().map(|g| g.size).fold(0.0, f32::max);
    Fragment {
        row,
        glyphs,
        x0,
        x1,
        y,
        size,
        wrapped: Vec::new(),
    }
}

/// Most lines a table cell's text wraps onto that are joined to its first line; a cell
/// with more is a paragraph of its own, left as lines.
const MAX_WRAPPED_LINES: usize = 3;

/// A ruled table's cells whose text wraps ("Senior Site Reliability" over "Engineer" in the
/// title column of a row) become one fragment: the lines below a table row that hold
/// nothing but text inside that row's cells — between the vertical rules around a cell of
/// the row and above the horizontal rule that closes it — are appended to the cell's first
/// line. Rows with fewer than two cells, and cells not ruled on all four sides, are left
/// alone, and so is a line with text in as many cells as the row (the next row of a table
/// without rules between its rows).
fn join_wrapped_cells(frags: &mut Vec<Fragment>, rules: &[Rule]) {
    if rules.is_empty() {
        return;
    }
    let verticals: Vec<&Rule> = rules.iter().filter(|r| !r.horizontal()).collect();
    let horizontals: Vec<&Rule> = rules.iter().filter(|r| r.horizontal()).collect();
    // The cell around a fragment whose text runs down to `bottom`: the nearest vertical
    // rules left and right of it spanning that height, and the horizontal rules above and
    // below its line across them → (left, right, the rule that closes the row).
    let cell = |f: &Fragment, bottom: f32| {
        let spans = |r: &&&Rule| r.y1 >= f.y && r.y0 <= bottom;
        let left = verticals
            .iter()
            .filter(|r| r.x0 <= f.x0 + 1.0 && spans(r))
            .map(|r| r.x0)
            .fold(f32::NEG_INFINITY, f32::max);
        let right = verticals
            .iter()
            .filter(|r| r.x0 >= f.x1 - 1.0 && spans(r))
            .map(|r| r.x0)
            .fold(f32::INFINITY, f32::min);
        if !left.is_finite() || !right.is_finite() {
            return None;
        }
        let across = |r: &&&Rule| r.x0 < right && r.x1 > left;
        let above = horizontals.iter().filter(across).any(|r| r.y0 > f.y);
        let below = horizontals
            .iter()
            .filter(across)
            .map(|r| r.y0)
            .filter(|&y| y < f.y)
            .fold(f32::NEG_INFINITY, f32::max);
        (above && below.is_finite()).then_some((left, right, below))
    };
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for (i, f) in frags.iter().enumerate() {
        if rows.last().is_none_or(|r| frags[r[0]].row != f.row) {
            rows.push(Vec::new());
        }
        if let Some(r) = rows.last_mut() {
            r.push(i);
        }
    }
    // (continuation fragment, the head fragment it belongs to)
    let mut joins: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let head = &rows[k];
        k += 1;
        if head.len() < 2 {
            continue;
        }
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut lines = 0;
        while k < rows.len() && lines <= MAX_WRAPPED_LINES {
            let next = &rows[k];
            // (The next row of a table without rules between its rows fills every cell.)
            if next.len() >= head.len() {
                break;
            }
            let owner = |&c: &usize| {
                let c = &frags[c];
                let near = frags[head[0]].y - c.y <= (MAX_WRAPPED_LINES as f32 + 1.0) * c.size;
                let starts_item = c
                    .glyphs
                    .first()
                    .is_some_and(|g| g.text.starts_with(['•', '-', '·']));
                if !near || starts_item {
                    return None;
                }
                head.iter().copied().find(|&h| {
                    let f = &frags[h];
                    cell(f, c.y).is_some_and(|(l, r, below)| c.x0 >= l && c.x1 <= r && below < c.y)
                })
            };
            let owners: Vec<Option<usize>> = next.iter().map(owner).collect();
            if owners.iter().any(Option::is_none) {
                break;
            }
            run.extend(next.iter().copied().zip(owners.into_iter().flatten()));
            lines += 1;
            k += 1;
        }
        if lines <= MAX_WRAPPED_LINES {
            joins.extend(run);
        }
    }
    if joins.is_empty() {
        return;
    }
    let mut moved = vec![false; frags.len()];
    for (c, h) in joins {
        let glyphs = std::mem::take(&mut frags[c].glyphs);
        frags[h].wrapped.extend(glyphs);
        moved[c] = true;
    }
    let mut i = 0;
    frags.retain(|_| {
        i += 1;
        !moved[i - 1]
    });
}

/// Split the fragments `ids` into columns at a gutter, recursively; push each column's
/// fragments in reading order. Rows crossing the gutter (a full-width title) cut the region
/// into bands, each read left column first.
fn split_columns(
    frags: &[Fragment],
    rules: &[Rule],
    ids: Vec<usize>,
    column: u8,
    depth: usize,
    out: &mut Vec<(u8, Vec<usize>)>,
) {
    if depth >= 3 || ids.len() < 6 {
        out.push((column, ids));
        return;
    }
    let Some(gutter) = find_gutter(frags, rules, &ids) else {
        out.push((column, ids));
        return;
    };
    // Bands: maximal runs of rows not crossed by any fragment.
    let crosses = |f: &Fragment| f.x0 < gutter && f.x1 > gutter;
    let mut rows: Vec<usize> = ids.iter().map(|&i| frags[i].row).collect();
    rows.sort_unstable();
    rows.dedup();
    // A row crossed by a fragment spans the columns (a title over both), unless the row also
    // has text wholly right of the gutter: then the crossing fragment is a left column's
    // line running into the gutter (a long e-mail address in a sidebar) beside the right
    // column's own line, and both stay in their columns.
    let right_of = |row: usize| {
        ids.iter()
            .any(|&j| frags[j].row == row && frags[j].x0 >= gutter)
    };
    let crossing_rows: Vec<usize> = ids
        .iter()
        .filter(|&&i| crosses(&frags[i]) && !right_of(frags[i].row))
        .map(|&i| frags[i].row)
        .collect();
    let mut band: Vec<usize> = Vec::new();
    let flush = |band: &mut Vec<usize>, out: &mut Vec<(u8, Vec<usize>)>| {
        if band.is_empty() {
            return;
        }
        let (left, right): (Vec<usize>, Vec<usize>) = band.iter().partition(|&&i| {
            let f = &frags[i];
            if crosses(f) {
                f.x0 < gutter
            } else {
                (f.x0 + f.x1) / 2.0 < gutter
            }
        });
        if !left.is_empty() {
            split_columns(frags, rules, left, column, depth + 1, out);
        }
        if !right.is_empty() {
            split_columns(
                frags,
                rules,
                right,
                column.saturating_add(1 + depth as u8),
                depth + 1,
                out,
            );
        }
        band.clear();
    };
    for row in rows {
        let in_row: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&i| frags[i].row == row)
            .collect();
        if crossing_rows.contains(&row) {
            flush(&mut band, out);
            out.push((column, in_row));
        } else {
            band.extend(in_row);
        }
    }
    flush(&mut band, out);
}

/// An x position that fragments leave empty over most of the region, with enough text on each
/// side to be a column (not the gap before right-aligned dates).
fn find_gutter(frags: &[Fragment], rules: &[Rule], ids: &[usize]) -> Option<f32> {
    let x0 = ids
        .iter()
        .map(|&i| frags[i].x0)
        .fold(f32::INFINITY, f32::min);
    let x1 = ids
        .iter()
        .map(|&i| frags[i].x1)
        .fold(f32::NEG_INFINITY, f32::max);
    // Written so that a NaN width also returns.
    if x1 - x0 <= 4.0 * MIN_GUTTER || x1 - x0 > 5000.0 || (x1 - x0).is_nan() {
        return None;
    }
    let bins = ((x1 - x0) / 2.0).ceil() as usize + 1;
    let mut cover = vec![0u32; bins];
    let bin = |x: f32| (((x - x0) / 2.0).max(0.0) as usize).min(bins - 1);
    for &i in ids {
        for c in &mut cover[bin(frags[i].x0)..=bin(frags[i].x1)] {
            *c += 1;
        }
    }
    let mut rows: Vec<usize> = ids.iter().map(|&i| frags[i].row).collect();
    rows.sort_unstable();
    rows.dedup();
    let allowed = (rows.len() / 12) as u32;
    let min_bins = (MIN_GUTTER / 2.0).ceil() as usize;
    let mut best: Option<(f32, usize)> = None;
    let mut run_start = None;
    for b in 0..=bins {
        let empty = cover.get(b).is_some_and(|&c| c <= allowed);
        match (empty, run_start) {
            (true, None) => run_start = Some(b),
            (false, Some(s)) => {
                run_start = None;
                if b - s >= min_bins && s > 0 && b < bins {
                    // The run tolerates a few crossings (a long line running into the
                    // gutter); its centre goes to the widest stretch nothing crosses, so
                    // that such a line stays on its side.
                    let (cs, cb) = clear_stretch(&cover[s..b], min_bins)
                        .map_or((s, b), |(a, z)| (s + a, s + z));
                    let x = x0 + (cs + cb) as f32; // centre: (cs + cb) / 2 bins of 2 pt
                    if valid_gutter(frags, rules, ids, x, rows.len())
                        && best.is_none_or(|(_, w)| b - s > w)
                    {
                        best = Some((x, b - s));
                    }
                }
            }
            _ => {}
        }
    }
    best.map(|(x, _)| x)
}

/// The widest run of empty bins in `cover`, if at least `min` wide: (start, end).
fn clear_stretch(cover: &[u32], min: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (k, &c) in cover.iter().chain(std::iter::once(&1)).enumerate() {
        match (c == 0, start) {
            (true, None) => start = Some(k),
            (false, Some(a)) => {
                start = None;
                if k - a >= min && best.is_none_or(|(x, y)| k - a > y - x) {
                    best = Some((a, k));
                }
            }
            _ => {}
        }
    }
    best
}

fn valid_gutter(frags: &[Fragment], rules: &[Rule], ids: &[usize], x: f32, rows: usize) -> bool {
    let (mut left_rows, mut right_rows) = (Vec::new(), Vec::new());
    let (mut left_top, mut left_bottom) = (f32::NEG_INFINITY, f32::INFINITY);
    let (mut right_top, mut right_bottom) = (f32::NEG_INFINITY, f32::INFINITY);
    let (mut left_chars, mut right_chars) = (0usize, 0usize);
    for &i in ids {
        let f = &frags[i];
        if f.x1 <= x {
            left_rows.push(f.row);
            left_top = left_top.max(f.y);
            left_bottom = left_bottom.min(f.y);
            left_chars += f.glyphs.len();
        } else if f.x0 >= x {
            right_rows.push(f.row);
            right_top = right_top.max(f.y);
            right_bottom = right_bottom.min(f.y);
            right_chars += f.glyphs.len();
        }
    }
    for rows in [&mut left_rows, &mut right_rows] {
        rows.sort_unstable();
        rows.dedup();
    }
    let total = (left_chars + right_chars).max(1);
    // Each side is a column: several rows and a real share of the text.
    if left_rows.len() < 4
        || right_rows.len() < 4
        || left_chars * 20 < total
        || right_chars * 20 < total
    {
        return false;
    }
    // Both sides run down a common stretch of the page, and most rows have text on both sides
    // or are one-sided in long runs; a right-aligned date column (short fragments on rows whose
    // left side also has text, each row alone) is not a column when its fragments are all short.
    let overlap = left_top.min(right_top) - left_bottom.max(right_bottom);
    let shorter = (left_top - left_bottom).min(right_top - right_bottom);
    if overlap < 0.5 * shorter || rows < 6 {
        return false;
    }
    // Right-aligned dates/locations: on nearly every right-side row the left side also has text
    // ending close to the gutter? No: dates sit on header rows only, so right rows are few
    // compared with left rows, and each right fragment is short. Reject such a "column".
    let right_avg = right_chars as f32 / right_rows.len() as f32;
    let left_avg = left_chars as f32 / left_rows.len() as f32;
    let paired = right_rows.iter().filter(|r| left_rows.contains(r)).count();
    if paired * 10 >= right_rows.len() * 9 && right_avg < 25.0 && left_avg > right_avg {
        return false;
    }
    // A table: nearly every row has cells on both sides of the gap on the very same baseline
    // (columns of a page layout flow independently); read it row by row.
    let same_baseline = right_rows
        .iter()
        .filter(|&&r| {
            let ys = |left: bool| {
                ids.iter()
                    .map(|&i| &frags[i])
                    .filter(move |f| f.row == r && if left { f.x1 <= x } else { f.x0 >= x })
                    .map(|f| f.y)
            };
            ys(true).any(|a| ys(false).any(|b| (a - b).abs() < 0.5))
        })
        .count();
    same_baseline * 5 < left_rows.len().min(right_rows.len()) * 4
        && !label_column(frags, rules, ids, x, (right_bottom, right_top), &right_rows)
}

/// Whether the side left of `x` is a column of labels beside entries rather than a column of
/// text: its rows within the right side's height (`right_span`, bottom and top y) are single
/// lines ("Feb 2021 – Present" in a layout table's dates cell, a form's label cells), each
/// on the baseline of a right-side row, and the right side has several rows to each (the
/// entry's organisation, title and bullets). Such a page is read row by row, the label before
/// its entry's first line. A sidebar's lines follow one another down the page.
fn label_column(
    frags: &[Fragment],
    rules: &[Rule],
    ids: &[usize],
    x: f32,
    right_span: (f32, f32),
    right_rows: &[usize],
) -> bool {
    // (row, baseline, size) of each left row beside the right side, top first.
    let mut left: Vec<(usize, f32, f32)> = Vec::new();
    for &i in ids {
        let f = &frags[i];
        if f.x1 <= x
            && f.y >= right_span.0 - f.size
            && f.y <= right_span.1 + f.size
            && !left.iter().any(|l| l.0 == f.row)
            && !heading_over_rule(f, rules, x)
        {
            left.push((f.row, f.y, f.size));
        }
    }
    if left.len() < 2 || right_rows.len() < 2 * left.len() {
        return false;
    }
    left.sort_by(|a, b| b.1.total_cmp(&a.1));
    let on_right_baseline = left.iter().filter(|l| right_rows.contains(&l.0)).count();
    // A row with another left row right under it is a line of running text.
    let isolated = left
        .iter()
        .enumerate()
        .filter(|(k, l)| left.get(k + 1).is_none_or(|n| l.1 - n.1 > 1.8 * l.2))
        .count();
    on_right_baseline * 3 >= left.len() * 2 && isolated * 4 >= left.len() * 3
}

/// Whether a fragment is a section heading over a horizontal rule that runs on across the
/// gutter at `x` (a heading's underline spans the page; a sidebar's stays in the sidebar).
fn heading_over_rule(f: &Fragment, rules: &[Rule], x: f32) -> bool {
    rules
        .iter()
        .any(|r| r.horizontal() && r.x0 < x && r.x1 > x && r.y0 < f.y && f.y - r.y0 <= 1.5 * f.size)
}

/// Rebuild lines from one column's fragments (same row → one line).
fn build_lines(frags: &[Fragment], ids: &[usize], column: u8, out: &mut Vec<Line>) {
    let mut ids = ids.to_vec();
    ids.sort_by(|&a, &b| {
        frags[a]
            .row
            .cmp(&frags[b].row)
            .then(frags[a].x0.total_cmp(&frags[b].x0))
    });
    let mut prev_y: Option<(f32, f32)> = None;
    let mut i = 0;
    let mut pending: Vec<Line> = Vec::new();
    while i < ids.len() {
        let row = frags[ids[i]].row;
        let mut text = String::new();
        let mut bbox = [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ];
        let (mut bold, mut total, mut size) = (0usize, 0usize, 0.0f32);
        let mut y = 0.0;
        let mut prev_end: Option<(f32, f32, bool)> = None;
        let first_size = frags[ids[i]].size;
        while i < ids.len() && frags[ids[i]].row == row {
            let f = &frags[ids[i]];
            // A title beside smaller text (a name and a tagline) is a line of its own.
            if !text.is_empty() && (f.size / first_size > 1.3 || first_size / f.size > 1.3) {
                break;
            }
            y = f.y;
            for (k, g) in f.glyphs.iter().chain(&f.wrapped).enumerate() {
                if k == f.glyphs.len() {
                    // A cell's wrapped text: a space, but none after a hyphen or dash or
                    // between CJK characters.
                    let last = text.chars().last();
                    let glued = last.is_some_and(|c| matches!(c, '-' | '–' | '—' | '/'))
                        || wide(last) && wide(g.text.chars().next());
                    if !glued {
                        text.push(' ');
                    }
                    prev_end = None;
                }
                if let Some((end, gsize, space_after)) = prev_end {
                    let gap = g.x - end;
                    // A gap of a quad or more (fields set apart with `\quad` or a tab
                    // stop) is a column gap too; word spaces, even justified, stay below.
                    if gap > FIELD_GAP * g.size.max(gsize) {
                        text.push_str("  ");
                    } else if (space_after
                        || g.space_before
                        || gap
                            > word_gap(text.chars().last(), g.text.chars().next())
                                * g.size.min(gsize))
                        && !text.ends_with(' ')
                    {
                        text.push(' ');
                    }
                }
                text.push_str(g.text.trim_end());
                prev_end = Some((g.x + g.w, g.size, g.text.ends_with(' ')));
                let n = g.text.chars().count();
                total += n;
                if g.bold {
                    bold += n;
                }
                size = size.max(g.size);
                bbox[0] = bbox[0].min(g.x);
                bbox[1] = bbox[1].min(g.y - 0.2 * g.size);
                bbox[2] = bbox[2].max(g.x + g.w);
                bbox[3] = bbox[3].max(g.y + 0.8 * g.size);
            }
            i += 1;
        }
        let block_start = match prev_y {
            Some((py, psize)) => {
                let gap = py - y;
                gap > 1.9 * psize.max(size) || gap < -psize
            }
            None => false,
        };
        prev_y = Some((y, size));
        pending.push(Line {
            text,
            bbox,
            size,
            bold: bold * 2 > total,
            column,
            block_start,
        });
    }
    out.extend(pending);
}

/// A CJK letter (ideograph, kana, hangul): text set without spaces between its characters.
fn wide(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && c.is_alphabetic() && c > '\u{2E80}')
}

/// The smallest gap, in ems, read as a space between two glyphs: a tenth of an em between
/// Latin letters (as poppler does: a large name set with tight spacing keeps its space),
/// more where either side is CJK, whose glyphs are often spaced out without any word break.
/// Between a CJK character and a Latin letter or digit, typesetters insert a gap of their
/// own — xeCJK's `CJKecglue` (0.23–0.36 em measured), Word's and LibreOffice's Asian/Latin
/// autospace (0.20–0.25 em) — whether or not the writer typed a space ("Go开发工程师" and
/// "Go 开发工程师" print alike); such a gap without a space glyph is typography, not text,
/// so it must be wider than that to count (a typed space drawn as a glyph always counts).
fn word_gap(before: Option<char>, after: Option<char>) -> f32 {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if (wide(before) && latin(after)) || (latin(before) && wide(after)) {
        CJK_LATIN_GLUE
    } else if wide(before) || wide(after) {
        0.15
    } else {
        0.1
    }
}

/// The widest CJK/Latin autospace gap read as no space, in ems (see [`word_gap`]).
const CJK_LATIN_GLUE: f32 = 0.45;

#[cfg(test)]
mod tests {
    use super::*;

    /// One glyph of 10 pt text (an accent, or a letter holding its word space).
    fn glyph(text: &str, x: f32, y: f32, w: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            w,
            size: 10.0,
            bold: false,
            space_before: false,
        }
    }

    fn word(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for (k, c) in text.chars().enumerate() {
            if c == ' ' {
                x += 3.0;
                continue;
            }
            out.push(Glyph {
                text: c.to_string(),
                x,
                y,
                w: 5.0,
                size: 10.0,
                bold: false,
                space_before: k > 0 && text[..].chars().nth(k - 1) == Some(' '),
            });
            x += 5.0;
        }
        out
    }

    #[test]
    fn sidebar_is_read_as_its_own_column() {
        let mut g = Vec::new();
        for k in 0..10 {
            let y = 700.0 - 14.0 * k as f32;
            g.extend(word(&format!("side{k}"), 40.0, y - 3.0 * k as f32));
            g.extend(word(&format!("main text line {k} here"), 200.0, y));
        }
        let lines = page_lines(g, &[]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[0], "side0");
        assert_eq!(texts[9], "side9");
        assert_eq!(texts[10], "main text line 0 here");
        assert_eq!(lines[10].column, 1);
    }

    /// A layout table's row `k` at baseline `y`: the dates alone in the left cell, the
    /// organisation beside them and the title under it in the right cell.
    fn dated_entry(k: usize, y: f32) -> Vec<Glyph> {
        let mut g = word(&format!("20{}0 - 20{}5", k + 1, k + 1), 40.0, y);
        g.extend(word(&format!("Organisation {k}"), 200.0, y));
        g.extend(word(&format!("Title {k}"), 200.0, y - 14.0));
        g
    }

    #[test]
    fn a_layout_tables_dates_column_is_read_beside_its_entries() {
        // A borderless Word table: each entry's dates alone in the left cell, on the baseline
        // of the organisation in the right cell, then the title and two bullets; headings and
        // short skill lines on the left margin. Not a sidebar: each entry is read row by row.
        let mut g = word("Experience", 40.0, 720.0);
        for k in 0..4 {
            let y = 700.0 - 60.0 * k as f32;
            g.extend(dated_entry(k, y));
            g.extend(word(
                &format!("did the first thing at {k}"),
                210.0,
                y - 28.0,
            ));
            g.extend(word(
                &format!("did the second thing at {k}"),
                210.0,
                y - 42.0,
            ));
        }
        g.extend(word("Skills", 40.0, 440.0));
        g.extend(word("Go, Rust", 40.0, 426.0));
        let lines = page_lines(g, &[]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[0], "Experience");
        for k in 0..4 {
            let at = 1 + 4 * k;
            assert_eq!(
                texts[at],
                format!("20{}0 - 20{}5  Organisation {k}", k + 1, k + 1)
            );
            assert_eq!(texts[at + 1], format!("Title {k}"));
        }
        assert_eq!(texts[texts.len() - 1], "Go, Rust", "{texts:?}");
    }

    #[test]
    fn headings_over_page_wide_rules_are_no_part_of_a_dates_column() {
        // Few entries under underlined headings: each heading's rule runs across the page,
        // so the heading is not counted as a line of the dates column.
        let rule = |y: f32| Rule {
            x0: 40.0,
            y0: y,
            x1: 500.0,
            y1: y,
        };
        let mut g = word("Experience", 40.0, 720.0);
        for k in 0..2 {
            let y = 700.0 - 60.0 * k as f32;
            g.extend(dated_entry(k, y));
            if k == 0 {
                g.extend(word("did a thing", 210.0, y - 28.0));
            }
        }
        g.extend(word("Education", 40.0, 560.0));
        g.extend(word("2001 - 2005", 40.0, 540.0));
        g.extend(word("Example University", 200.0, 540.0));
        g.extend(word("BSc Physics", 200.0, 526.0));
        let rules = [rule(715.0), rule(555.0)];
        let lines = page_lines(g.clone(), &rules);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[1], "2010 - 2015  Organisation 0", "{texts:?}");
        assert_eq!(texts[4], "2020 - 2025  Organisation 1", "{texts:?}");
        assert_eq!(texts[5], "Title 1", "{texts:?}");
        assert!(
            texts.contains(&"2001 - 2005  Example University"),
            "{texts:?}"
        );
        // Without the rules the headings make the left side look like a column of its own.
        let lines = page_lines(g, &[]);
        assert!(lines
            .iter()
            .all(|l| l.text != "2010 - 2015  Organisation 0"));
    }

    #[test]
    fn a_ruled_cells_wrapped_text_joins_its_first_line() {
        // A bordered table (a job-site form printed to PDF): the title cell of the first row
        // wraps onto a second line; the second row fits on one.
        let mut g = Vec::new();
        for (text, x, y) in [
            ("Feb 2021 - Now", 45.0, 728.0),
            ("Acme Labs", 155.0, 728.0),
            ("Senior Site Reliability", 305.0, 728.0),
            ("Engineer", 305.0, 716.0),
            ("2019 - 2021", 45.0, 688.0),
            ("Beta", 155.0, 688.0),
            ("Engineer", 305.0, 688.0),
        ] {
            g.extend(word(text, x, y));
        }
        let h = |y: f32| Rule {
            x0: 40.0,
            y0: y,
            x1: 450.0,
            y1: y,
        };
        let v = |x: f32| Rule {
            x0: x,
            y0: 676.0,
            x1: x,
            y1: 740.0,
        };
        let rules = [
            h(740.0),
            h(700.0),
            h(676.0),
            v(40.0),
            v(150.0),
            v(300.0),
            v(450.0),
        ];
        let texts = |rules: &[Rule]| -> Vec<String> {
            page_lines(g.clone(), rules)
                .into_iter()
                .map(|l| l.text)
                .collect()
        };
        assert_eq!(
            texts(&rules),
            vec![
                "Feb 2021 - Now  Acme Labs  Senior Site Reliability Engineer",
                "2019 - 2021  Beta  Engineer"
            ]
        );
        // Without rules the line stays apart; so does a line below the rule that closes the
        // row (the table's next row, one cell of it filled).
        assert_eq!(texts(&[]).len(), 3);
        let mut ruled_between = rules.to_vec();
        ruled_between.push(h(722.0));
        assert_eq!(texts(&ruled_between).len(), 3);
    }

    #[test]
    fn a_sidebar_line_running_into_the_gutter_stays_in_the_sidebar() {
        // Row 3's sidebar text (an e-mail address) runs past the gutter's centre but stops
        // short of the main column's line on the same baseline.
        let mut g = Vec::new();
        for k in 0..10 {
            let y = 700.0 - 14.0 * k as f32;
            // (The columns' baselines drift apart, as independent columns do, except on row 3.)
            let (side, dy) = if k == 3 {
                ("jane.roe.fictional@mail.org".to_owned(), 0.0)
            } else {
                (format!("side{k}"), 3.0 * k as f32)
            };
            g.extend(word(&side, 40.0, y - dy));
            g.extend(word(&format!("main text line {k} here"), 200.0, y));
        }
        let lines = page_lines(g, &[]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[3], "jane.roe.fictional@mail.org");
        assert_eq!(texts[10], "main text line 0 here");
        assert_eq!(texts[13], "main text line 3 here");
        assert_eq!(lines.len(), 20, "{texts:?}");
    }

    #[test]
    fn accents_drawn_over_letters_compose() {
        // pdflatex without T1 fonts: "\\'a" is an acute glyph drawn over the "a"; the word
        // starts with a space glyph before it. A circumflex over "E" comes after the letter.
        let mut g = word("Tom", 72.0, 700.0);
        g.push(glyph("´", 87.0, 700.0, 5.0));
        g.extend(word("as", 87.0, 700.0));
        g.extend(word("ETE", 100.0, 700.0));
        g.push(glyph("ˆ", 100.5, 702.5, 4.0));
        // A literal "^" or "~" that advances is text.
        g.extend(word("x~y", 118.0, 700.0));
        let lines = page_lines(g, &[]);
        assert_eq!(lines[0].text, "Tomás ÊTE x~y");
    }

    #[test]
    fn an_accent_over_a_letter_that_carries_its_word_space() {
        // "Caf´e Lumen": the "e" glyph's text holds the space drawn after it.
        let mut g = word("Caf", 72.0, 700.0);
        g.push(glyph("´", 86.8, 700.0, 5.5));
        g.push(glyph("e ", 87.0, 700.0, 5.0));
        g.extend(word("Lumen", 95.0, 700.0));
        let lines = page_lines(g, &[]);
        assert_eq!(lines[0].text, "Café Lumen");
    }

    #[test]
    fn a_quad_between_fields_is_a_field_gap() {
        // `\quad` (one em) between a school, a field and a degree: two spaces, which later
        // stages split fields at; a word space (3 pt at 10 pt) stays one.
        let mut g = word("Fernhill University", 72.0, 700.0);
        let end = g.last().map_or(0.0, |l| l.x + l.w);
        g.extend(word("Physics", end + 10.0, 700.0));
        let lines = page_lines(g, &[]);
        assert_eq!(lines[0].text, "Fernhill University  Physics");
    }

    #[test]
    fn the_gutter_goes_where_nothing_crosses() {
        // A sidebar whose one long line (row 2, alone on its baseline) runs far towards the
        // main column: the gutter must not be put through it, or that row would span both
        // columns and cut the page into bands read out of order.
        let mut g = Vec::new();
        for k in 0..13 {
            let y = 700.0 - 14.0 * k as f32;
            let side = if k == 2 {
                "a long sidebar label".to_owned()
            } else {
                format!("side{k}")
            };
            g.extend(word(&side, 40.0, y - 5.0));
            g.extend(word(&format!("main text line {k} here"), 160.0, y));
        }
        let lines = page_lines(g, &[]);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts[..3],
            ["side0", "side1", "a long sidebar label"],
            "{texts:?}"
        );
        assert_eq!(texts[13], "main text line 0 here", "{texts:?}");
    }

    #[test]
    fn right_aligned_dates_stay_on_their_line() {
        let mut g = Vec::new();
        for k in 0..4 {
            let y = 700.0 - 60.0 * k as f32;
            g.extend(word(&format!("Company {k} Engineer"), 40.0, y));
            g.extend(word("2019 - 2021", 480.0, y));
            for b in 1..4 {
                g.extend(word("a bullet line that runs across the whole width of the text block, past the dates", 40.0, y - 14.0 * b as f32));
            }
        }
        let lines = page_lines(g, &[]);
        assert_eq!(lines[0].text, "Company 0 Engineer  2019 - 2021");
        assert!(lines.iter().all(|l| l.column == 0));
    }

    /// Glyphs of `a`, then of `b` after a gap of `gap` points (size 10), `b`'s first glyph
    /// flagged as following a space glyph when `typed`.
    fn two_runs(a: &str, b: &str, gap: f32, typed: bool) -> Vec<Glyph> {
        let mut g = word(a, 40.0, 700.0);
        let x = g.last().map_or(40.0, |l| l.x + l.w) + gap;
        let mut tail = word(b, x, 700.0);
        tail[0].space_before = typed;
        g.extend(tail);
        g
    }

    #[test]
    fn cjk_latin_autospace_is_no_space_but_a_typed_or_wide_one_is() {
        let text = |g| page_lines(g, &[]).remove(0).text;
        // xeCJK / Word autospace: a quarter em between Latin and Han, no space glyph.
        assert_eq!(
            text(two_runs("Go", "开发工程师", 2.5, false)),
            "Go开发工程师"
        );
        assert_eq!(text(two_runs("负责", "Kafka", 3.3, false)), "负责Kafka");
        // A space glyph is the writer's space; a gap over the glue width is a word break.
        assert_eq!(
            text(two_runs("Go", "开发工程师", 2.5, true)),
            "Go 开发工程师"
        );
        assert_eq!(
            text(two_runs("Go", "开发工程师", 6.0, false)),
            "Go 开发工程师"
        );
        // Between Latin words a quarter em still is a space.
        assert_eq!(
            text(two_runs("Senior", "Engineer", 2.5, false)),
            "Senior Engineer"
        );
    }
}
