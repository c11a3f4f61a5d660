//! Numbering series (`[[series]]` of the organisation file): how a running number is printed
//! («368», «12-к», «01/3057») and when it starts again from 1.

/// When a series' running number starts again from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restart {
    /// Each calendar year (the default).
    Year,
    /// Never: the numbers run on across the years.
    Never,
}

/// One numbering series of an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// What `--series` names: «main», «k».
    pub id: String,
    /// What it is for: «основная деятельность».
    pub name: String,
    /// The printed form: `{n}`, `{n}-к`, `01/{n}`, `{n}/{yyyy}`.
    pub format: String,
    /// When the running number starts again.
    pub restart: Restart,
    /// Used when no `--series` is given.
    pub default: bool,
}

/// The placeholders a series' format may hold.
pub const PLACEHOLDERS: [&str; 3] = ["n", "yyyy", "yy"];

impl Series {
    /// The series of an organisation that defines none: plain running numbers, from 1 each
    /// year.
    pub fn plain() -> Series {
        Series {
            id: "main".into(),
            name: "основная деятельность".into(),
            format: "{n}".into(),
            restart: Restart::Year,
            default: true,
        }
    }

    /// The printed number for running number `seq` of `year`.
    pub fn number(&self, seq: u32, year: i32) -> String {
        self.format
            .replace("{n}", &seq.to_string())
            .replace("{yyyy}", &format!("{year:04}"))
            .replace("{yy}", &format!("{:02}", year.rem_euclid(100)))
    }

    /// The key that running numbers are unique within besides the series: the year, or 0
    /// for a series that never restarts.
    pub fn period(&self, year: i32) -> i32 {
        match self.restart {
            Restart::Year => year,
            Restart::Never => 0,
        }
    }
}

/// What is wrong with a format, each problem with its byte offset in the format: unknown
/// placeholders, an unclosed brace, and a format that makes no number (no `{n}`).
pub fn format_problems(format: &str) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    let mut has_n = false;
    let mut from = 0;
    while let Some(open) = format[from..].find('{').map(|i| from + i) {
        let Some(close) = format[open..].find('}').map(|i| open + i) else {
            problems.push((
                open,
                "фигурная скобка не закрыта: подстановки пишутся {n}, {yyyy}, {yy}".to_string(),
            ));
            break;
        };
        let name = &format[open + 1..close];
        if name == "n" {
            has_n = true;
        } else if !PLACEHOLDERS.contains(&name) {
            problems.push((
                open,
                format!(
                    "подстановка «{{{name}}}» неизвестна: в форме номера можно писать {{n}} \
                     (порядковый номер), {{yyyy}} и {{yy}} (год)"
                ),
            ));
        }
        from = close + 1;
    }
    if !has_n {
        problems.insert(
            0,
            (
                0,
                format!(
                    "форма номера «{format}» не даёт номера: в ней нет {{n}}; пишите, \
                     например, \"{{n}}\", \"{{n}}-к\" или \"01/{{n}}\""
                ),
            ),
        );
    }
    problems
}

/// The series `id` names, or the default one (the one marked `default`, else the first).
pub fn choose<'a>(all: &'a [Series], id: Option<&str>) -> Result<&'a Series, String> {
    match id {
        Some(id) => all.iter().find(|s| s.id == id).ok_or_else(|| {
            let known: Vec<String> = all.iter().map(|s| format!("«{}»", s.id)).collect();
            format!(
                "серии нумерации «{id}» нет в файле организации; есть: {}",
                known.join(", ")
            )
        }),
        None => all
            .iter()
            .find(|s| s.default)
            .or(all.first())
            .ok_or_else(|| "в файле организации нет серий нумерации".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(format: &str) -> Series {
        Series {
            format: format.into(),
            ..Series::plain()
        }
    }

    #[test]
    fn numbers_follow_the_format() {
        assert_eq!(series("{n}").number(215, 2026), "215");
        assert_eq!(series("{n}-к").number(12, 2026), "12-к");
        assert_eq!(series("01/{n}").number(3057, 2026), "01/3057");
        assert_eq!(series("{n}/{yy}").number(7, 2026), "7/26");
        assert_eq!(series("{yyyy}-{n}").number(7, 2026), "2026-7");
    }

    #[test]
    fn a_format_without_n_makes_no_number() {
        let p = format_problems("01/");
        assert_eq!(p.len(), 1);
        assert!(p[0].1.contains("не даёт номера"), "{p:?}");
    }

    #[test]
    fn unknown_placeholders_are_found_at_their_place() {
        let p = format_problems("{n}-{x}");
        assert_eq!(p, vec![(4, p[0].1.clone())]);
        assert!(p[0].1.contains("{x}"));
        assert!(format_problems("{n}-у").is_empty());
    }

    #[test]
    fn the_default_series_is_marked_or_first() {
        let mut k = series("{n}-к");
        k.id = "k".into();
        k.default = false;
        let mut main = Series::plain();
        main.default = false;
        let all = vec![k.clone(), main.clone()];
        assert_eq!(choose(&all, None).unwrap().id, "k");
        main.default = true;
        let all = vec![k, main];
        assert_eq!(choose(&all, None).unwrap().id, "main");
        assert!(choose(&all, Some("у")).unwrap_err().contains("«у»"));
    }
}
