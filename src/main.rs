//! The `prikaz` command line: arguments → library calls → diagnostics → exit code.
//!
//! Exit codes: 0 — done; 1 — problems in the documents (data or templates); 2 — wrong usage;
//! 3 — input/output problems (a file cannot be written); 4 — an internal error (a writer
//! failed on a document the model accepted).

use clap::{Parser, Subcommand, ValueEnum};
use prikaz::data::schema::{schema, FileKind};
use prikaz::data::LoadOptions;
use prikaz::diag::{Diagnostics, Severity};
use prikaz::export::AppendixError;
use prikaz::journal::register;
use prikaz::journal::sqlite::SqliteStore;
use prikaz::journal::store::{Filter, Store, StoreError};
use prikaz::output;
use prikaz::template::Templates;
use prikaz::{Formats, Prepared};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// A build makes hundreds of thousands of small allocations on three threads; with glibc's
// per-thread arenas the sample order built about 2 ms (6 %) slower: median 37.1 against
// 35.0 ms in alternating runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Приказы, концепции и дорожные карты из данных TOML в DOCX и PDF (ГОСТ Р 7.0.97-2016).
// The doc comments of this file are the user's --help, hence in Russian.
#[derive(Parser)]
#[command(
    name = "prikaz",
    version,
    about = "Приказы, концепции и дорожные карты из данных TOML в DOCX и PDF (ГОСТ Р 7.0.97-2016)",
    long_about = None,
    after_help = "Коды выхода: 0 — готово; 1 — ошибки в документах (данные или шаблоны); \
                  2 — неверный вызов; 3 — не удалось записать файл; 4 — внутренняя ошибка prikaz."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Собрать DOCX и PDF из файлов документов (data/*.toml).
    ///
    /// Для каждого файла пишет <папка>/<имя>.docx и <папка>/<имя>.pdf; без --docx и --pdf
    /// делаются оба. Файл с ошибками ничего не создаёт и не трогает готовые файлы прошлой
    /// сборки; остальные файлы пакета всё равно собираются. Много файлов собираются
    /// параллельно на всех ядрах, сообщения идут в порядке файлов; готовые файлы
    /// сбрасываются на диск разом в конце и только потом заменяют прежние.
    Build {
        /// Файлы документов: приказ с приложениями или самостоятельный документ.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Папка для готовых файлов.
        #[arg(short, long, default_value = "out")]
        output: PathBuf,
        /// Сделать DOCX (только его, если не указан и --pdf).
        #[arg(long)]
        docx: bool,
        /// Сделать PDF (только его, если не указан и --docx).
        #[arg(long)]
        pdf: bool,
        /// Папка шаблонов, заменяющих встроенные (по именам файлов).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Разрешить приложениям и включениям читать файлы из этой папки, хотя она вне
        /// папки документа и папки файла организации (можно указать несколько раз).
        #[arg(long, value_name = "ПАПКА")]
        allow_outside: Vec<PathBuf>,
        /// Напечатать разметку, которую сделали шаблоны, вместо записи файлов.
        #[arg(long)]
        emit_markup: bool,
        /// Считать предупреждения ошибками.
        #[arg(long)]
        deny_warnings: bool,
        /// Как печатать сообщения.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Собрать только приложение N — для сайта: с его отметкой («Приложение N к приказу …»
        /// или «УТВЕРЖДЕНА приказом …»), страницы нумеруются заново. Пишет
        /// <имя>-appendix-N.docx и <имя>-appendix-N.pdf.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        appendix: Option<u32>,
        /// Выгрузить таблицы приложения (дорожная карта, показатели, общие таблицы) в книгу
        /// XLSX, по листу на таблицу: <имя>-appendix-N.xlsx. Только с --appendix; без --docx
        /// и --pdf делается только XLSX.
        #[arg(long, requires = "appendix")]
        xlsx: bool,
    },
    /// Проверить файлы документов и сообщить обо всех ошибках, ничего не записывая.
    Check {
        /// Файлы документов.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Папка шаблонов, заменяющих встроенные.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Разрешить приложениям и включениям читать файлы из этой папки, хотя она вне
        /// папки документа и папки файла организации (можно указать несколько раз).
        #[arg(long, value_name = "ПАПКА")]
        allow_outside: Vec<PathBuf>,
        /// Считать предупреждения ошибками.
        #[arg(long)]
        deny_warnings: bool,
        /// Как печатать сообщения.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Зарегистрировать приказ: дать ему следующий номер серии и записать в журнал.
    ///
    /// Приказ должен собираться без ошибок. Номер и дата пишутся в [order] файла приказа
    /// (комментарии и порядок строк сохраняются), приказ заносится в журнал регистрации
    /// (по умолчанию journal.sqlite в папке приказа). Зарегистрированный приказ повторно не
    /// регистрируется.
    Register {
        /// Файл приказа.
        #[arg(value_name = "ФАЙЛ")]
        file: PathBuf,
        /// Серия нумерации ([[series]] файла организации, id); без неё — серия по умолчанию.
        #[arg(long, value_name = "СЕРИЯ")]
        series: Option<String>,
        /// Дата приказа: 2026-11-29 или 29.11.2026; по умолчанию сегодня.
        #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// Файл журнала; по умолчанию journal.sqlite в папке приказа.
        #[arg(long, value_name = "ФАЙЛ")]
        journal: Option<PathBuf>,
        /// Папка шаблонов, заменяющих встроенные.
        #[arg(long, value_name = "ПАПКА")]
        templates: Option<PathBuf>,
        /// Считать предупреждения ошибками.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Журнал регистрации приказов: напечатать его или отменить приказ (journal cancel).
    #[command(args_conflicts_with_subcommands = true)]
    Journal {
        #[command(subcommand)]
        action: Option<JournalAction>,
        #[command(flatten)]
        list: JournalList,
    },
    /// Сравнить две редакции документа и перечислить изменения по его структуре.
    ///
    /// Пункты, приложения, разделы, абзацы, строки таблиц и мероприятия дорожной карты,
    /// сноски и реквизиты сопоставляются по содержанию: вставленный пункт — одно изменение,
    /// а не перенумерация всех следующих. Правка текста показывается по словам:
    /// [-удалено-]{+добавлено+}. Код выхода 0 и когда изменений нет, и когда они есть;
    /// 1 — если редакцию не удалось прочитать.
    Diff {
        /// Прежняя редакция (файл документа).
        #[arg(value_name = "СТАРЫЙ")]
        old: PathBuf,
        /// Новая редакция (файл документа).
        #[arg(value_name = "НОВЫЙ")]
        new: PathBuf,
        /// Как печатать изменения: text — строка на изменение, json — массив для программ.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Разрешить приложениям и включениям читать файлы из этой папки, хотя она вне
        /// папки документа и папки файла организации (можно указать несколько раз).
        #[arg(long, value_name = "ПАПКА")]
        allow_outside: Vec<PathBuf>,
    },
    /// Напечатать JSON Schema файла данных — для редакторов (Taplo, Even Better TOML).
    Schema {
        /// Какого файла: document (по умолчанию), organization, appendix или include.
        #[arg(default_value = "document", value_parser = clap::builder::PossibleValuesParser::new(FileKind::NAMES))]
        kind: String,
    },
}

/// What `prikaz journal` lists.
#[derive(clap::Args)]
struct JournalList {
    /// Только приказы этого года.
    #[arg(long, value_name = "ГОД")]
    year: Option<i32>,
    /// Только приказы этой серии.
    #[arg(long, value_name = "СЕРИЯ")]
    series: Option<String>,
    /// Вид журнала.
    #[arg(long, value_name = "ВИД", value_enum, default_value_t = JournalFormat::Text)]
    format: JournalFormat,
    /// Записать журнал в файл вместо вывода на экран.
    #[arg(short, long, value_name = "ФАЙЛ")]
    output: Option<PathBuf>,
    /// Файл журнала; по умолчанию journal.sqlite в текущей папке, а если его там нет — в
    /// папке data (туда его кладёт prikaz register data/….toml).
    #[arg(long, value_name = "ФАЙЛ")]
    journal: Option<PathBuf>,
}

#[derive(Subcommand)]
enum JournalAction {
    /// Отменить зарегистрированный приказ: номер остаётся занятым, в журнале — причина.
    Cancel {
        /// Номер приказа, как он напечатан («215», «12-к») или порядковый.
        #[arg(value_name = "НОМЕР")]
        number: String,
        /// Почему приказ отменён.
        #[arg(long, value_name = "ПРИЧИНА")]
        reason: String,
        /// Серия, если номер есть в нескольких.
        #[arg(long, value_name = "СЕРИЯ")]
        series: Option<String>,
        /// Год, если номер есть в нескольких годах.
        #[arg(long, value_name = "ГОД")]
        year: Option<i32>,
        /// Файл журнала; по умолчанию journal.sqlite в текущей папке, а если его там нет —
        /// в папке data.
        #[arg(long, value_name = "ФАЙЛ")]
        journal: Option<PathBuf>,
    },
}

/// The forms of the journal's listing (the variants' docs are the --help text). The other
/// forms (CSV, XLSX, PDF, DOCX) come as further variants of this enum.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum JournalFormat {
    /// Текстовая таблица.
    Text,
    /// CSV для Excel: UTF-8 с BOM, разделитель «;».
    Csv,
    /// Книга Excel (нужен -o).
    Xlsx,
    /// PDF: таблица на альбомных листах (нужен -o).
    Pdf,
    /// DOCX: та же таблица (нужен -o).
    Docx,
}

/// The journal file when `--journal` is not given: `journal.sqlite` in the current folder, or
/// else in `data/`, where `prikaz register data/….toml` puts it.
fn journal_file(given: &Option<PathBuf>) -> PathBuf {
    if let Some(path) = given {
        return path.clone();
    }
    let here = PathBuf::from("journal.sqlite");
    let data = Path::new("data").join("journal.sqlite");
    if !here.exists() && data.exists() {
        data
    } else {
        here
    }
}

/// The journal's `entries` in `format`; a binary format without `-o` is wrong usage.
fn journal_bytes(
    entries: &[prikaz::journal::Entry],
    format: JournalFormat,
    to_file: bool,
) -> Result<Vec<u8>, ExitCode> {
    use prikaz::journal::listing;
    let binary = !matches!(format, JournalFormat::Text | JournalFormat::Csv);
    if binary && !to_file {
        eprintln!(
            "журнал в этом виде не печатается на экран: укажите файл, например -o журнал.pdf"
        );
        return Err(ExitCode::from(2));
    }
    let title = "Журнал регистрации приказов";
    let rendered = |formats: Formats| {
        prikaz::render(&listing::document(entries, title), formats).map_err(|e| {
            eprintln!("внутренняя ошибка prikaz ({e}); данные не виноваты, сообщите о ней");
            ExitCode::from(4)
        })
    };
    let (docx, pdf) = (
        Formats {
            docx: true,
            pdf: false,
        },
        Formats {
            docx: false,
            pdf: true,
        },
    );
    Ok(match format {
        JournalFormat::Text => prikaz::journal::text::table(entries).into_bytes(),
        JournalFormat::Csv => listing::csv(entries).into_bytes(),
        JournalFormat::Xlsx => listing::xlsx(entries).map_err(|e| {
            eprintln!("внутренняя ошибка prikaz ({e}); данные не виноваты, сообщите о ней");
            ExitCode::from(4)
        })?,
        JournalFormat::Pdf => rendered(pdf)?.pdf.unwrap_or_default(),
        JournalFormat::Docx => rendered(docx)?.docx.unwrap_or_default(),
    })
}

/// A date as `--date` takes it: `2026-11-29` or `29.11.2026`.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| format!("«{text}» — не дата: пишите 2026-11-29 или 29.11.2026"))
}

/// How problems are printed (the variants' docs are the --help text).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `файл:строка:столбец: ошибка: …` со строкой источника — для людей.
    Text,
    /// По объекту JSON на строку — для программ.
    Json,
}

/// How `prikaz diff` prints the changes (the variants' docs are the --help text).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// По строке на изменение, по-русски.
    Text,
    /// Массив JSON: путь, вид изменения, прежнее и новое значение, правка по словам.
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build {
            files,
            output,
            docx,
            pdf,
            templates,
            emit_markup,
            deny_warnings,
            format,
            allow_outside,
            appendix,
            xlsx,
        } => {
            let formats = if docx || pdf || xlsx {
                Formats { docx, pdf }
            } else {
                Formats {
                    docx: true,
                    pdf: true,
                }
            };
            let appendix = appendix.map(|n| n as usize);
            let outputs = Outputs {
                formats,
                xlsx,
                suffix: appendix.map_or(String::new(), |n| format!("-appendix-{n}")),
            };
            let plan = match plan_outputs(&files, &output, &outputs, emit_markup) {
                Ok(plan) => plan,
                Err(code) => return code,
            };
            // One file: its two writers run side by side; many: each core builds a file.
            let one = files.len() == 1;
            let mut batch = output::Batch::new();
            let mut staged: Vec<(&Path, &[PathBuf])> = Vec::new();
            let how = How {
                templates: templates.as_deref(),
                options: LoadOptions {
                    allow_outside,
                    ..LoadOptions::default()
                },
                deny_warnings,
                format,
                appendix,
            };
            let failed = run(
                &files,
                how,
                |prepared| {
                    (!emit_markup).then(|| match one {
                        true => prikaz::render(&prepared.document, formats),
                        false => prikaz::render_here(&prepared.document, formats),
                    })
                },
                |file, prepared, rendered| {
                    let Some(rendered) = rendered else {
                        println!("{}", prepared.markup);
                        return Ok(());
                    };
                    let paths = plan.get(file).map_or(&[][..], Vec::as_slice);
                    let xlsx = xlsx_of(file, &prepared, &outputs, format)?;
                    stage_outputs(&mut batch, file, rendered, xlsx, paths, format)?;
                    staged.push((file, paths));
                    Ok(())
                },
            );
            let mut failed = match failed {
                Ok(failed) => failed,
                Err(code) => return code,
            };
            failed.extend(commit_outputs(batch, &staged));
            conclude(&files, failed, format)
        }
        Command::Check {
            files,
            templates,
            allow_outside,
            deny_warnings,
            format,
        } => {
            let how = How {
                templates: templates.as_deref(),
                options: LoadOptions {
                    allow_outside,
                    ..LoadOptions::default()
                },
                deny_warnings,
                format,
                appendix: None,
            };
            let failed = run(
                &files,
                how,
                |_| (),
                |file, _, ()| {
                    if format == Format::Text {
                        eprintln!("{}: ошибок нет", file.display());
                    }
                    Ok(())
                },
            );
            match failed {
                Ok(failed) => conclude(&files, failed, format),
                Err(code) => code,
            }
        }
        Command::Register {
            file,
            series,
            date,
            journal,
            templates,
            deny_warnings,
        } => {
            let journal = journal.unwrap_or_else(|| register::default_journal(&file));
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let request = register::Request {
                order: &file,
                journal: &journal,
                series: series.as_deref(),
                date,
            };
            if let Err(e) = register::precheck(&request) {
                return register_failure(&e);
            }
            let mut built = false;
            let how = How {
                templates: templates.as_deref(),
                options: LoadOptions::default(),
                deny_warnings,
                format: Format::Text,
                appendix: None,
            };
            let files = std::slice::from_ref(&file);
            // It must build, not only load: a writer failure is no order to number.
            let both = Formats {
                docx: true,
                pdf: true,
            };
            let result = run(
                files,
                how,
                |prepared| prikaz::render(&prepared.document, both),
                |f, _, rendered| match rendered {
                    Ok(_) => {
                        built = true;
                        Ok(())
                    }
                    Err(e) => {
                        report_internal(f, &e, Format::Text);
                        Err(Failure::Internal)
                    }
                },
            );
            if !built {
                eprintln!("{}: приказ не зарегистрирован", file.display());
                return match result {
                    Ok(failed) => conclude(files, failed, Format::Text),
                    Err(code) => code,
                };
            }
            register_order(&request)
        }
        Command::Journal { action, list } => match action {
            Some(JournalAction::Cancel {
                number,
                reason,
                series,
                year,
                journal,
            }) => cancel(
                &journal_file(&journal),
                &number,
                &reason,
                series.as_deref(),
                year,
            ),
            None => list_journal(&list),
        },
        Command::Diff {
            old,
            new,
            format,
            allow_outside,
        } => diff(&old, &new, format, allow_outside),
        Command::Schema { kind } => {
            let kind = FileKind::from_name(&kind).unwrap_or(FileKind::Document);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema(kind)).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
    }
}

/// `prikaz diff`: both versions loaded (every problem of both reported), then their changes
/// printed.
fn diff(old: &Path, new: &Path, format: DiffFormat, allow_outside: Vec<PathBuf>) -> ExitCode {
    let options = LoadOptions {
        allow_outside,
        ..LoadOptions::default()
    };
    let load =
        |file: &Path| prikaz::data::load_with(file, &options).map_err(|d| report(&d, Format::Text));
    let (Ok(old), Ok(new)) = (load(old), load(new)) else {
        return ExitCode::from(1);
    };
    let changes = prikaz::diff::compare(&old.view, &new.view);
    let out = match format {
        DiffFormat::Text => prikaz::diff::render::text(&changes),
        DiffFormat::Json => prikaz::diff::render::json(&changes),
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// Registers a checked order and says its number.
fn register_order(request: &register::Request) -> ExitCode {
    match register::register(request) {
        Ok(entry) => {
            let done = match entry.kind.as_str() {
                "распоряжение" => "Зарегистрировано распоряжение",
                _ => "Зарегистрирован приказ",
            };
            println!(
                "{done} № {} от {}",
                entry.number,
                entry.date.format("%d.%m.%Y")
            );
            ExitCode::SUCCESS
        }
        Err(e) => register_failure(&e),
    }
}

/// A refused registration: its message, and exit 1 (the order), 2 (the call) or 3 (the
/// journal or the file could not be written).
fn register_failure(e: &register::RegisterError) -> ExitCode {
    eprintln!("{e}");
    ExitCode::from(match e {
        register::RegisterError::Refused(_) => 1,
        register::RegisterError::Usage(_) => 2,
        register::RegisterError::Io(_) => 3,
    })
}

/// A journal failure as its message and exit code: 1 for a refused request, 3 for a
/// journal that cannot be used.
fn journal_failure(e: &StoreError) -> ExitCode {
    eprintln!("{e}");
    ExitCode::from(match e {
        StoreError::Refused(_) => 1,
        StoreError::Journal(_) => 3,
    })
}

/// `prikaz journal`: the entries as a table, on the screen or in a file.
fn list_journal(list: &JournalList) -> ExitCode {
    let journal = journal_file(&list.journal);
    if let Err(e) = register::settle(&journal) {
        return register_failure(&e);
    }
    let entries = SqliteStore::open(&journal, false).and_then(|mut store| {
        store.list(&Filter {
            year: list.year,
            series: list.series.clone(),
        })
    });
    let entries = match entries {
        Ok(entries) => entries,
        Err(e) => return journal_failure(&e),
    };
    let bytes = match journal_bytes(&entries, list.format, list.output.is_some()) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    let Some(out) = &list.output else {
        print!("{}", String::from_utf8_lossy(&bytes));
        return ExitCode::SUCCESS;
    };
    match output::write_all_atomic(&[(out.clone(), &bytes[..])]) {
        Ok(()) => {
            eprintln!("журнал → {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            let why = output::russian_io_error(&e);
            eprintln!("{}: не удалось записать журнал: {why}", out.display());
            ExitCode::from(3)
        }
    }
}

/// `prikaz journal cancel`: the entry whose printed or running number is `number` becomes
/// cancelled, with `reason`.
fn cancel(
    journal: &Path,
    number: &str,
    reason: &str,
    series: Option<&str>,
    year: Option<i32>,
) -> ExitCode {
    // Cancelling needs an existing journal: opening for reading first refuses a missing one
    // instead of creating it.
    if let Err(e) = SqliteStore::open(journal, false) {
        return journal_failure(&e);
    }
    if let Err(e) = register::settle(journal) {
        return register_failure(&e);
    }
    let mut store = match SqliteStore::open(journal, true) {
        Ok(store) => store,
        Err(e) => return journal_failure(&e),
    };
    let filter = Filter {
        year,
        series: series.map(String::from),
    };
    let found = match store.list(&filter) {
        Ok(all) => all,
        Err(e) => return journal_failure(&e),
    };
    let matching: Vec<&prikaz::journal::Entry> = found
        .iter()
        .filter(|e| e.number == number || e.seq.to_string() == number)
        .collect();
    let entry = match matching.as_slice() {
        [] => {
            eprintln!("{}: в журнале нет приказа № {number}", journal.display());
            return ExitCode::from(1);
        }
        [one] => *one,
        many => {
            let which: Vec<String> = many
                .iter()
                .map(|e| format!("серия «{}», {} год", e.series, e.year))
                .collect();
            eprintln!(
                "№ {number} есть в журнале несколько раз ({}): уточните --series и --year",
                which.join("; ")
            );
            return ExitCode::from(2);
        }
    };
    if entry.status == prikaz::journal::Status::Cancelled {
        let when = entry.history.last().map_or("", |e| e.at.as_str());
        eprintln!("приказ № {} уже отменён ({when})", entry.number);
        return ExitCode::from(1);
    }
    let cancelled = store.set_status(
        &entry.series,
        entry.year,
        entry.seq,
        prikaz::journal::Status::Cancelled,
        Some(reason.to_string()),
    );
    match cancelled {
        Ok(e) => {
            println!(
                "Приказ № {} от {} отменён: {reason}",
                e.number,
                e.date.format("%d.%m.%Y")
            );
            ExitCode::SUCCESS
        }
        Err(e) => journal_failure(&e),
    }
}

/// What went wrong with one file.
enum Failure {
    /// Problems in the document.
    Document,
    /// A file could not be written.
    Io,
    /// A writer failed on a valid document: a fault in prikaz.
    Internal,
    /// The command asked for what the document has not (an appendix past its appendices).
    Usage,
}

/// What `build` writes for each document.
struct Outputs {
    /// The DOCX and the PDF.
    formats: Formats,
    /// The XLSX of the appendix's tables (`--xlsx`).
    xlsx: bool,
    /// After the stem of every output name: `-appendix-N` with `--appendix N`.
    suffix: String,
}

/// Whether `--templates` names a folder with templates in it: a wrong folder is wrong usage
/// (exit 2), and an empty one would silently give the built-in templates.
fn usable_templates_dir(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| match dir.exists() {
        false => "папки шаблонов нет".to_string(),
        true if !dir.is_dir() => "это не папка: --templates ждёт папку шаблонов".to_string(),
        true => format!(
            "не удалось открыть папку шаблонов: {}",
            output::russian_io_error(&e)
        ),
    })?;
    let has_template = entries
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "xml"));
    match has_template {
        true => Ok(()),
        false => Err("в папке шаблонов нет ни одного шаблона (*.xml)".into()),
    }
}

/// How the files of a run are read: the settings `build` and `check` share.
struct How<'a> {
    /// A folder of templates replacing the built-in ones.
    templates: Option<&'a Path>,
    /// Folders outside the document's that it may read, and the fonts' coverage.
    options: LoadOptions,
    /// Warnings count as errors.
    deny_warnings: bool,
    /// How problems are printed.
    format: Format,
    /// Only this appendix of each document (`--appendix N`).
    appendix: Option<usize>,
}

/// Prepares every file and runs `work` on the good ones, on all cores; then, in the order of
/// `files`, reports each file's problems and hands the good ones to `then`. Gives the files
/// that failed, or the exit code of a run that could not start.
fn run<'f, W: Send>(
    files: &'f [PathBuf],
    how: How,
    work: impl Fn(&Prepared) -> W + Sync,
    mut then: impl FnMut(&'f Path, Prepared, W) -> Result<(), Failure>,
) -> Result<Vec<(&'f Path, Failure)>, ExitCode> {
    let How {
        templates,
        options,
        deny_warnings,
        format,
        appendix,
    } = how;
    let options = &options;
    if let Some(dir) = templates {
        if let Err(problem) = usable_templates_dir(dir) {
            eprintln!("{}: {problem}", dir.display());
            return Err(ExitCode::from(2));
        }
    }
    let templates = match templates.map_or_else(Templates::built_in, Templates::with_dir) {
        Ok(t) => t,
        Err(d) => {
            report(&d, format);
            return Err(ExitCode::from(1));
        }
    };
    // A document whose warnings count as errors is not worth writing.
    let build = |file: &PathBuf| {
        let prepared = prepare_file(file, &templates, options, appendix)?;
        let denied = deny_warnings && !prepared.warnings.is_empty();
        let made = (!denied).then(|| work(&prepared));
        Ok::<_, AppendixError>((prepared, made))
    };
    let mut failed: Vec<(&Path, Failure)> = Vec::new();
    prikaz::in_parallel(files, build, |i, built| {
        let file = files[i].as_path();
        let result = match built {
            Some(Ok((prepared, made))) => {
                report(&Diagnostics(prepared.warnings.clone()), format);
                match made {
                    Some(made) => then(file, prepared, made),
                    None => {
                        eprintln!(
                            "{}: предупреждения считаются ошибками (--deny-warnings)",
                            file.display()
                        );
                        Err(Failure::Document)
                    }
                }
            }
            Some(Err(AppendixError::Document(diags))) => {
                report(&diags, format);
                Err(Failure::Document)
            }
            Some(Err(missing)) => {
                report_plain(file, &missing.to_string(), format);
                Err(Failure::Usage)
            }
            None => {
                report_internal(file, &"аварийная остановка", format);
                Err(Failure::Internal)
            }
        };
        if let Err(f) = result {
            failed.push((file, f));
        }
    });
    Ok(failed)
}

/// The exit code of a run over `files` in which `failed` failed, after listing them.
fn conclude(files: &[PathBuf], failed: Vec<(&Path, Failure)>, format: Format) -> ExitCode {
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    if files.len() > 1 && format == Format::Text {
        eprintln!(
            "\nне получилось: {} из {} файлов:",
            failed.len(),
            files.len()
        );
        for (f, _) in &failed {
            eprintln!("  {}", f.display());
        }
    }
    let worst = failed.iter().map(|(_, f)| f.exit_code()).max();
    ExitCode::from(worst.unwrap_or(1))
}

/// The whole document, or its appendix `appendix` alone.
fn prepare_file(
    file: &Path,
    templates: &Templates,
    options: &LoadOptions,
    appendix: Option<usize>,
) -> Result<Prepared, AppendixError> {
    match appendix {
        Some(n) => prikaz::export::prepare_appendix(file, templates, options, n),
        None => prikaz::prepare_with(file, templates, options).map_err(AppendixError::Document),
    }
}

impl Failure {
    /// The exit code of a run that failed this way; the larger wins when files fail
    /// differently.
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Document => 1,
            Failure::Usage => 2,
            Failure::Io => 3,
            Failure::Internal => 4,
        }
    }
}

/// A writer's failure: prikaz's fault, reported as such and not as a problem in the data.
fn report_internal(file: &Path, e: &dyn std::fmt::Display, format: Format) {
    let message = format!("внутренняя ошибка prikaz ({e}); данные не виноваты, сообщите о ней");
    if format == Format::Json {
        let json = serde_json::json!({
            "severity": "internal",
            "file": file.display().to_string(),
            "message": message,
        });
        println!("{json}");
    } else {
        eprintln!("{}: {message}", file.display());
    }
}

/// A problem of a whole file that has no place in it (an appendix it has not, an appendix
/// without tables), as `file: message` or as a JSON object.
fn report_plain(file: &Path, message: &str, format: Format) {
    if format == Format::Json {
        let json = serde_json::json!({
            "severity": "error",
            "file": file.display().to_string(),
            "message": message,
        });
        println!("{json}");
    } else {
        eprintln!("{}: {message}", file.display());
    }
}

fn report(diags: &Diagnostics, format: Format) {
    if format == Format::Json {
        for d in &diags.0 {
            println!("{}", serde_json::to_string(d).unwrap_or_default());
        }
        return;
    }
    // Errors first, then warnings, each in the order they were found.
    let (errs, warns): (Vec<_>, Vec<_>) =
        diags.0.iter().partition(|d| d.severity == Severity::Error);
    for d in errs.iter().chain(&warns) {
        eprintln!("{d}\n");
    }
    let errors = diags
        .0
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.0.len() - errors;
    if errors + warnings > 0 {
        eprintln!("ошибок: {errors}, предупреждений: {warnings}");
    }
}

/// The output files of every input, planned before anything is built: inputs whose outputs
/// would overwrite each other or an input stop the run as wrong usage (exit 2). Temporary
/// files that killed runs left in the output folder are removed here.
fn plan_outputs(
    files: &[PathBuf],
    dir: &Path,
    outputs: &Outputs,
    emit_markup: bool,
) -> Result<HashMap<PathBuf, Vec<PathBuf>>, ExitCode> {
    let formats = outputs.formats;
    let exts: Vec<&str> = [
        ("docx", formats.docx),
        ("pdf", formats.pdf),
        ("xlsx", outputs.xlsx),
    ]
    .into_iter()
    .filter_map(|(ext, on)| on.then_some(ext))
    .collect();
    let mut plan = HashMap::new();
    let mut clashes = 0;
    for (file, outputs) in
        files
            .iter()
            .zip(output::plan_with_suffix(dir, files, &outputs.suffix, &exts))
    {
        match outputs {
            Ok(outputs) => {
                plan.insert(file.clone(), outputs);
            }
            Err(clash) => {
                eprintln!("{}: {clash}", file.display());
                clashes += 1;
            }
        }
    }
    if clashes > 0 && !emit_markup {
        return Err(ExitCode::from(2));
    }
    if !emit_markup {
        output::clean_stale_temporaries(dir);
    }
    Ok(plan)
}

/// Writes a document's rendered files to temporary files of `batch`; they replace the old
/// ones only when the batch is committed.
fn stage_outputs(
    batch: &mut output::Batch,
    file: &Path,
    rendered: Result<prikaz::Rendered, prikaz::RenderError>,
    xlsx: Option<Vec<u8>>,
    outputs: &[PathBuf],
    format: Format,
) -> Result<(), Failure> {
    let rendered = match rendered {
        Ok(r) => r,
        Err(e) => {
            report_internal(file, &e, format);
            return Err(Failure::Internal);
        }
    };
    let made = [
        rendered.docx.as_deref(),
        rendered.pdf.as_deref(),
        xlsx.as_deref(),
    ];
    let files: Vec<(PathBuf, &[u8])> = outputs
        .iter()
        .cloned()
        .zip(made.into_iter().flatten())
        .collect();
    batch
        .stage(&files)
        .map_err(|e| not_written(file, outputs, &e))
}

/// The XLSX of the appendix's tables when `--xlsx` asks for it; an appendix without tables is
/// a problem of the document.
fn xlsx_of(
    file: &Path,
    prepared: &Prepared,
    wanted: &Outputs,
    format: Format,
) -> Result<Option<Vec<u8>>, Failure> {
    if !wanted.xlsx {
        return Ok(None);
    }
    match prikaz::export::xlsx::workbook(&prepared.document) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e @ prikaz::export::xlsx::Error::NoTables) => {
            report_plain(file, &e.to_string(), format);
            Err(Failure::Document)
        }
        Err(e) => {
            report_internal(file, &e, format);
            Err(Failure::Internal)
        }
    }
}

/// Syncs the staged outputs to disk once and moves each document's DOCX and PDF into place
/// together (or neither); gives the files whose outputs could not be written.
fn commit_outputs<'f>(
    batch: output::Batch,
    staged: &[(&'f Path, &[PathBuf])],
) -> Vec<(&'f Path, Failure)> {
    let mut failed = Vec::new();
    for ((file, outputs), result) in staged.iter().zip(batch.commit()) {
        match result {
            Ok(()) => {
                for path in outputs.iter() {
                    eprintln!("{} → {}", file.display(), path.display());
                }
            }
            Err(e) => failed.push((*file, not_written(file, outputs, &e))),
        }
    }
    failed
}

/// Reports that `outputs` of `file` could not be written.
fn not_written(file: &Path, outputs: &[PathBuf], e: &std::io::Error) -> Failure {
    let names: Vec<String> = outputs.iter().map(|p| p.display().to_string()).collect();
    eprintln!(
        "{}: не удалось записать {}: {}; прежние файлы не тронуты",
        file.display(),
        names.join(" и "),
        prikaz::output::russian_io_error(e)
    );
    Failure::Io
}
