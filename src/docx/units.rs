//! Unit conversions from the model's points to the units WordprocessingML counts in.

/// Twentieths of a point ("dxa"), the unit of page sizes, margins, indents and spacing.
pub(crate) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Twips clamped at zero, for attributes that cannot be negative (spacing, widths).
pub(crate) fn twips_u(pt: f32) -> u32 {
    twips(pt).max(0) as u32
}

/// Half-points, the unit of font sizes (`w:sz`).
pub(crate) fn half_points(pt: f32) -> u32 {
    (pt * 2.0).round().max(2.0) as u32
}

/// Eighths of a point, the unit of border widths (`w:sz` of a border).
pub(crate) fn eighths(pt: f32) -> u32 {
    (pt * 8.0).round().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_points() {
        assert_eq!(twips(35.4), 708);
        assert_eq!(twips_u(-3.0), 0);
        assert_eq!(half_points(14.0), 28);
        assert_eq!(half_points(10.5), 21);
        assert_eq!(eighths(0.5), 4);
    }
}
