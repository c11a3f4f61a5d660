//! The toml crate's error messages retold in Russian, with a guess at the intended key.

/// Retells a TOML syntax error in Russian, keeping the parser's words for the details.
pub fn russian_syntax(message: &str) -> String {
    let m = message.trim();
    if let Some(max) = m.split("day between 01 and ").nth(1) {
        let max: String = max.chars().take_while(char::is_ascii_digit).collect();
        return format!(
            "дата невозможна: в этом месяце дни с 01 по {max}; дата пишется ГГГГ-ММ-ДД, \
             например 2023-06-27 ({m})"
        );
    }
    let what = if m.contains("invalid date") || m.contains("month between") {
        "дата невозможна (такого дня или месяца нет); дата пишется ГГГГ-ММ-ДД, например 2023-06-27"
    } else if m.contains("duplicate key") {
        "этот ключ уже встречался выше в той же таблице"
    } else if m.contains("unclosed")
        || m.contains("invalid basic string")
        || m.contains("missing closing")
    {
        "строка не закрыта: не хватает кавычки"
    } else if m.contains("expected `=`") || m.contains("key with no value") {
        "после ключа ожидается «= значение»"
    } else if m.contains("invalid unquoted") || m.contains("string values must be quoted") {
        "текст значения нужно взять в кавычки: key = \"…\""
    } else {
        "ошибка синтаксиса TOML"
    };
    format!("{what} ({m})")
}

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
    use super::*;

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let m = russian("unknown field `titel`, expected one of `title`, `number`");
        assert!(m.contains("возможно, имелось в виду «title»"), "{m}");
    }
}
