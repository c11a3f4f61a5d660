//! The document's QR code (requisite 31 of ГОСТ Р 7.0.97-2025): the symbol's modules as
//! encoded, its size on the page and the corner of the first page it stands in. The writers
//! place it alike: inside the margins in that corner, the text kept clear of it.

/// A QR symbol of `width` × `width` modules, `size` points square without its quiet zone.
/// Made only through [`Qr::new`], so the modules always fill the square.
#[derive(Debug, Clone, PartialEq)]
pub struct Qr {
    modules: Vec<bool>,
    width: usize,
    size: f32,
    corner: Corner,
}

/// The corner of the page a QR code stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Corner {
    /// Lower right, the standard's place: the text of the page ends above it.
    #[default]
    BottomRight,
    /// Upper right, where the foot has no room: the text of the page starts below it.
    TopRight,
}

/// The quiet zone the symbol needs around it, in modules (ISO/IEC 18004 asks for four): the
/// writers keep that much blank between the symbol and the text.
pub const QUIET_ZONE: usize = 4;

/// A run of dark modules in one row: `row`, the first column `col` and `len` modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// The row, from the top.
    pub row: usize,
    /// The first column, from the left.
    pub col: usize,
    /// How many dark modules in a row.
    pub len: usize,
}

impl Qr {
    /// A symbol of `modules` (row by row, `true` for dark) `size` points square, in the
    /// lower right corner; `None` unless they make a non-empty square and the size is a
    /// positive number.
    pub fn new(modules: Vec<bool>, width: usize, size: f32) -> Option<Qr> {
        let square = width > 0 && modules.len() == width * width;
        (square && size.is_finite() && size > 0.0).then_some(Qr {
            modules,
            width,
            size,
            corner: Corner::BottomRight,
        })
    }

    /// The same symbol in `corner`.
    pub fn in_corner(self, corner: Corner) -> Qr {
        Qr { corner, ..self }
    }

    /// The corner of the page it stands in.
    pub fn corner(&self) -> Corner {
        self.corner
    }

    /// Modules per side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The side of the symbol in points, without the quiet zone.
    pub fn size(&self) -> f32 {
        self.size
    }

    /// The side of one module in points.
    pub fn module(&self) -> f32 {
        self.size / self.width as f32
    }

    /// The quiet zone's width in points.
    pub fn quiet(&self) -> f32 {
        self.module() * QUIET_ZONE as f32
    }

    /// Whether the module in `row`, `col` is dark.
    pub fn dark(&self, row: usize, col: usize) -> bool {
        self.modules[row * self.width + col]
    }

    /// The dark modules as horizontal runs, row by row from the top: one rectangle each
    /// draws the symbol with a fraction of the shapes one square a module would take.
    pub fn runs(&self) -> Vec<Run> {
        let mut out = Vec::new();
        for (row, line) in self.modules.chunks(self.width).enumerate() {
            let mut col = 0;
            while col < self.width {
                let len = line[col..].iter().take_while(|d| **d).count();
                if len > 0 {
                    out.push(Run { row, col, len });
                    col += len;
                } else {
                    col += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_the_dark_modules_of_a_row() {
        let m = [true, true, false, false, false, true, true, true, true];
        let qr = Qr::new(m.to_vec(), 3, 30.0).unwrap();
        assert_eq!(
            qr.runs(),
            vec![
                Run {
                    row: 0,
                    col: 0,
                    len: 2
                },
                Run {
                    row: 1,
                    col: 2,
                    len: 1
                },
                Run {
                    row: 2,
                    col: 0,
                    len: 3
                },
            ]
        );
        assert_eq!(qr.module(), 10.0);
    }

    #[test]
    fn modules_must_fill_the_square() {
        assert!(Qr::new(vec![true; 8], 3, 10.0).is_none());
        assert!(Qr::new(vec![true; 9], 3, 0.0).is_none());
        assert!(Qr::new(Vec::new(), 0, 10.0).is_none());
    }
}
