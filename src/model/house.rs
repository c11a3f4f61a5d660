//! The house style both writers must agree on, in points: the DOCX writer converts these to
//! Word's units and the PDF layout draws with them, so Word's pages and ours match.

/// Extra space between the letters of letter-spaced text («П Р И К А З»).
pub const LETTER_SPACING: f32 = 3.0;

/// Left and right padding inside table cells (57 twips, about 1 mm): narrow columns keep
/// their text.
pub const CELL_PADDING_X: f32 = 2.85;

/// Top and bottom padding inside table cells.
pub const CELL_PADDING_Y: f32 = 0.0;

/// Interval of the default tab stops (708 twips, Word's 1.25 cm for Russian documents).
pub const DEFAULT_TAB: f32 = 35.4;

/// Width of table borders and of the footnote separator: a thin single line.
pub const RULE_WIDTH: f32 = 0.5;

/// Length of the footnote separator: Word's, two inches.
pub const FOOTNOTE_SEPARATOR: f32 = 144.0;

/// Space between text columns Word records in a section (one default tab).
pub const COLUMN_GAP: f32 = DEFAULT_TAB;

/// Word's hyphenation zone, which the DOCX leaves at its default (`w:hyphenationZone` unset,
/// 0.25"): a word at the end of a line is hyphenated only if moving it whole would leave at
/// least this gap. The PDF layout hyphenates by the same rule.
pub const HYPHENATION_ZONE: f32 = 18.0;

/// Space above a figure's picture, so it does not touch the text before it.
pub const FIGURE_SPACE_BEFORE: f32 = 6.0;
