//! Included files spliced into a part: each file read once (by its canonical path), a cycle
//! reported once at the `include` value that closes it, and the total of what includes bring
//! in bounded, so that a file including another several times over cannot blow up.

use super::build::{Builder, Located, Notes};
use super::raw::{BlockData, IncludeFile, Spanned, Text};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// How deep includes may nest.
const MAX_INCLUDE_DEPTH: usize = 16;

/// How many times a document may include a file, counting every repetition.
pub const MAX_INCLUDES: usize = 1000;

/// How many blocks includes may bring into one document.
pub const MAX_INCLUDED_BLOCKS: usize = 10_000;

/// How many bytes of data text includes may bring into one document (32 MiB).
pub const MAX_INCLUDED_BYTES: usize = 32 * 1024 * 1024;

/// What the includes of one document have read and brought in so far.
#[derive(Default)]
pub(super) struct Includes {
    /// Files read, by canonical path: the file and its source, or `None` when it failed.
    read: HashMap<PathBuf, Option<(Rc<IncludeFile>, usize)>>,
    /// Canonical paths of the files being expanded, outermost first.
    chain: Vec<PathBuf>,
    /// Cycles reported, as the sorted paths in them.
    cycles: HashSet<Vec<PathBuf>>,
    /// Includes expanded.
    count: usize,
    /// Blocks and bytes brought in.
    blocks: usize,
    bytes: usize,
    /// Set once a limit or the depth is passed: nothing more is expanded or reported.
    exhausted: bool,
}

impl Builder {
    /// Splices the files `content` includes into `out`, merging their footnotes into
    /// `notes`; `content` was read from source `src`.
    pub(super) fn expand(
        &mut self,
        content: &[Spanned<BlockData>],
        src: usize,
        notes: &mut Notes,
        out: &mut Vec<Located>,
    ) {
        let own = std::fs::canonicalize(&self.sources[src].path).unwrap_or_default();
        self.includes.chain = vec![own];
        self.splice(content, src, notes, out);
        self.includes.chain.clear();
    }

    fn splice(
        &mut self,
        content: &[Spanned<BlockData>],
        src: usize,
        notes: &mut Notes,
        out: &mut Vec<Located>,
    ) {
        let included = self.includes.chain.len() > 1;
        for b in content {
            if self.includes.exhausted {
                return;
            }
            let Some(rel) = &b.include else {
                if included && !self.count_block(b) {
                    let at = b.start();
                    self.over_limit(src, at);
                    return;
                }
                out.push((b.clone(), src));
                continue;
            };
            let Some((inc, isrc)) = self.include(src, rel) else {
                continue;
            };
            for (k, v) in super::blocks::notes_of(&inc.footnotes, isrc) {
                notes.entry(k).or_insert(v);
            }
            self.splice(&inc.content, isrc, notes, out);
            self.includes.chain.pop();
        }
    }

    /// Counts a block brought in by an include; false past the limits.
    fn count_block(&mut self, b: &Spanned<BlockData>) -> bool {
        let inc = &mut self.includes;
        inc.blocks += 1;
        inc.bytes += b.span().len();
        inc.blocks <= MAX_INCLUDED_BLOCKS && inc.bytes <= MAX_INCLUDED_BYTES
    }

    /// The file `rel` names in source `src`, read or taken from those read, and pushed on the
    /// chain; `None` (reported) for a cycle, a limit passed or a file that cannot be read.
    fn include(&mut self, src: usize, rel: &Text) -> Option<(Rc<IncludeFile>, usize)> {
        let inc = &mut self.includes;
        inc.count += 1;
        if inc.count > MAX_INCLUDES {
            self.over_limit(src, rel.start());
            return None;
        }
        if inc.chain.len() > MAX_INCLUDE_DEPTH {
            // Reported once, like the limits: what lies deeper is not expanded.
            self.includes.exhausted = true;
            self.error(
                src,
                rel.start(),
                format!("включения вложены глубже {MAX_INCLUDE_DEPTH} уровней"),
            );
            return None;
        }
        let path = self.resolve(src, rel, true)?;
        if let Some(i) = self.includes.chain.iter().position(|p| *p == path) {
            self.cycle(src, rel, i);
            return None;
        }
        let found = match self.includes.read.get(&path) {
            Some(found) => found.clone(),
            None => {
                let found = self
                    .read_at::<IncludeFile>(src, rel, &path)
                    .map(|(f, s)| (Rc::new(f), s));
                self.includes.read.insert(path.clone(), found.clone());
                found
            }
        };
        if found.is_some() {
            self.includes.chain.push(path);
        }
        found
    }

    /// Reports the cycle that `rel` (in source `src`) closes by naming the file at
    /// `chain[from]` again, unless that cycle was reported already.
    fn cycle(&mut self, src: usize, rel: &Text, from: usize) {
        let mut key = self.includes.chain[from..].to_vec();
        key.sort();
        if !self.includes.cycles.insert(key) {
            return;
        }
        let name = |p: &Path| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        };
        let mut names: Vec<String> = self.includes.chain[from..]
            .iter()
            .map(|p| name(p))
            .collect();
        names.push(name(&self.includes.chain[from]));
        self.error(
            src,
            rel.start(),
            format!(
                "включение замыкает цикл: {}; файл не может включать сам себя ни прямо, ни \
                 через другие файлы",
                names.join(" → ")
            ),
        );
    }

    /// Reports, once, that includes bring in too much, at byte `at` of source `src`.
    fn over_limit(&mut self, src: usize, at: usize) {
        self.includes.exhausted = true;
        self.error(
            src,
            at,
            format!(
                "включения дают слишком много: на документ допускается не больше \
                 {MAX_INCLUDES} включений, {MAX_INCLUDED_BLOCKS} включённых блоков и {} МиБ \
                 включённого текста (один и тот же файл включён много раз?)",
                MAX_INCLUDED_BYTES / (1024 * 1024)
            ),
        );
    }
}
