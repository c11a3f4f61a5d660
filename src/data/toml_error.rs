//! The toml crate's error messages retold in Russian, with a guess at the intended key.

/// Retells a TOML syntax error in Russian; the parser's English words are not shown.
pub fn russian_syntax(message: &str) -> String {
    let m = message.trim();
    if let Some(max) = m.split("day between 01 and ").nth(1) {
        let max: String = max.chars().take_while(char::is_ascii_digit).collect();
        return format!(
            "дата невозможна: в этом месяце дни с 01 по {max}; дата пишется ГГГГ-ММ-ДД, \
             например 2023-06-27"
        );
    }
    let what = SYNTAX
        .iter()
        .find(|(needles, _)| needles.iter().any(|n| m.contains(n)))
        .map_or(
            "ошибка синтаксиса TOML: строка не читается как ключ = значение",
            |(_, ru)| ru,
        );
    what.to_string()
}

/// The TOML parser's messages, by words they contain, told in Russian. The first that matches
/// wins, so the more particular ones come first.
const SYNTAX: &[(&[&str], &str)] = &[
    (
        &["invalid date", "month between", "invalid date-time"],
        "дата невозможна (такого дня или месяца нет); дата пишется ГГГГ-ММ-ДД, например 2023-06-27",
    ),
    (
        &["duplicate key"],
        "этот ключ уже встречался выше в той же таблице",
    ),
    (
        &["multi-line basic string", "multi-line literal string"],
        "многострочная строка не закрыта: не хватает тройных кавычек",
    ),
    (
        &[
            "unclosed array table",
            "unclosed table",
            "missing table open",
        ],
        "заголовок таблицы не закрыт: пишется [имя] или [[имя]]",
    ),
    (
        &["unclosed inline table", "missing inline table opening"],
        "таблица в строку не закрыта: пишется { ключ = значение, … }",
    ),
    (
        &["unclosed array", "missing array opening"],
        "список не закрыт: пишется [значение, значение]",
    ),
    (
        &[
            "unclosed",
            "invalid basic string",
            "invalid literal string",
            "missing closing",
            "missing opening quote",
            "invalid string",
        ],
        "строка не закрыта: не хватает кавычки",
    ),
    (
        &["missing escaped value", "escape"],
        "неверная escape-последовательность: обратная косая черта пишется как \\\\",
    ),
    (
        &["missing comma between array"],
        "между элементами списка нужна запятая",
    ),
    (
        &[
            "missing comma between key-value",
            "invalid inline table element",
            "missing key for inline table",
        ],
        "между парами ключ = значение в { … } нужна запятая",
    ),
    (&["extra comma"], "лишняя запятая"),
    (
        &["extra `=`", "extra assignment", "unexpected `=`"],
        "лишний знак «=»",
    ),
    (
        &[
            "expected `=`",
            "key with no value",
            "missing assignment",
            "missing value",
        ],
        "после ключа ожидается «= значение»",
    ),
    (
        &[
            "unquoted keys cannot be empty",
            "invalid unquoted key",
            "invalid key",
        ],
        "неверный ключ: ключ пишется буквами, цифрами, _ и - или в кавычках",
    ),
    (
        &[
            "string values must be quoted",
            "unquoted string",
            "invalid value",
        ],
        "текст значения нужно взять в кавычки: key = \"…\"",
    ),
    (
        &[
            "invalid float",
            "invalid exponent",
            "invalid fraction",
            "invalid mantissa",
            "invalid integer",
            "leading zero",
            "unexpected sign",
            "invalid hexadecimal",
            "invalid octal",
            "invalid binary",
        ],
        "число записано неверно: например 12, 12.5 или -3",
    ),
    (
        &["invalid boolean"],
        "логическое значение пишется true или false",
    ),
    (
        &[
            "invalid comment character",
            "missing comment start",
            "unexpected content between comment",
        ],
        "после значения в строке может стоять только комментарий, начатый с #",
    ),
];

/// Retells a toml/serde error message in Russian.
pub fn russian(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut out = format!("неизвестное поле «{field}»");
        if let Some(best) = closest(field, &options) {
            out.push_str(&format!("; возможно, имелось в виду «{best}»"));
        }
        if !options.is_empty() {
            out.push_str(&format!(". Допустимые поля: {}", options.join(", ")));
        }
        return out;
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("нет обязательного поля «{field}»: добавьте строку `{field} = …`");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "неверный тип значения: записано {}, а ожидается {}",
            kind(found),
            kind(expected)
        );
    }
    if message.starts_with("data did not match any variant") {
        return "значение не подходит: ожидается строка текста или таблица вида \
                { text = \"…\", rowspan = 2 }"
            .into();
    }
    format!("ошибка синтаксиса TOML: {message}")
}

fn kind(s: &str) -> String {
    let s = s.trim();
    let word = if s.starts_with("a string") || s.starts_with("string") {
        "строка в кавычках (\"…\")"
    } else if s.starts_with("integer") || s.starts_with("i64") || s.starts_with("usize") {
        "целое число"
    } else if s.starts_with("float") || s.starts_with("f32") {
        "число"
    } else if s.starts_with("a sequence") || s.starts_with("sequence") {
        "список [ … ]"
    } else if s.starts_with("boolean") || s.starts_with("a boolean") {
        "true или false"
    } else if s.starts_with("map") || s.starts_with("struct") {
        "таблица { … }"
    } else {
        return s.to_string();
    };
    word.to_string()
}

/// The option nearest to `word` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    options
        .iter()
        .map(|o| (strsim::levenshtein(word, o), *o))
        .filter(|(d, o)| *d <= 2.max(o.chars().count() / 3))
        .min()
        .map(|(_, o)| o)
}

#[cfg(test)]
mod tests {
    #[test]
    fn syntax_errors_are_told_without_the_parsers_english() {
        let messages = [
            "invalid basic string",
            "unclosed array",
            "unquoted keys cannot be empty, expected letters",
            "missing comma between array elements",
            "invalid float",
            "extra comma in inline table",
            "something the parser says one day",
        ];
        for m in messages {
            let told = russian_syntax(m);
            assert!(!told.contains(m), "{told}");
            assert!(told.chars().any(|c| ('а'..='я').contains(&c)), "{told}");
        }
    }

    use super::*;

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let m = russian("unknown field `titel`, expected one of `title`, `number`");
        assert!(m.contains("возможно, имелось в виду «title»"), "{m}");
    }
}
