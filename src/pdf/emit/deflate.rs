//! Stream compression, on two threads, as each stream is made.
//!
//! lopdf compresses a stream at the strongest zlib level with a fresh compressor each time;
//! for our streams (font subsets and text-heavy pages) that costs several times the CPU of a
//! middle level for about 1 % of size. Here each thread keeps one compressor, reset between
//! streams, at [`LEVEL`].
//!
//! Making the streams (cutting a font, writing a page) and compressing them is shared between
//! the calling thread and one more, split by weight. Each stream is compressed on its own from
//! a reset compressor and results are put back in input order, so the split never changes a
//! byte of the output; on two cores the PDF's largest steps take about half the time.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Stream};

/// zlib level for every stream: the measured knee between size and time on the samples.
/// For order 368 with zlib-rs: level 1 gives 152 KB, 2 gives 121 KB, 4 gives 111 KB and
/// 6 gives 109 KB for about 1 ms more CPU; level 9 was 1 % larger and 20 % slower.
const LEVEL: u32 = 4;

/// A compressor that is reset before each stream.
pub(super) struct Zlib(Compress);

/// A stream's bytes, compressed when that made them smaller.
#[derive(Clone)]
pub(super) struct Packed {
    /// The bytes to store.
    pub bytes: Vec<u8>,
    /// Whether `bytes` are zlib data (the stream needs `/Filter /FlateDecode`).
    pub deflated: bool,
}

impl Zlib {
    fn new() -> Zlib {
        Zlib(Compress::new(Compression::new(LEVEL), true))
    }

    /// `data` compressed, or as it is when compressing would not pay for the filter entry.
    pub(super) fn pack(&mut self, data: Vec<u8>) -> Result<Packed, String> {
        Ok(match self.shrink(&data)? {
            Some(bytes) => Packed {
                bytes,
                deflated: true,
            },
            None => Packed {
                bytes: data,
                deflated: false,
            },
        })
    }

    /// `data` compressed, if that saves more than the filter entry costs (about twenty
    /// bytes).
    fn shrink(&mut self, data: &[u8]) -> Result<Option<Vec<u8>>, String> {
        if data.is_empty() {
            return Ok(None);
        }
        let packed = deflate(&mut self.0, data)?;
        Ok((packed.len() + 20 < data.len()).then_some(packed))
    }
}

impl Packed {
    /// The stream object holding these bytes, with `dict` (plus `/Length`, and `/Filter`
    /// when they are compressed).
    pub(super) fn into_stream(self, mut dict: Dictionary) -> Stream {
        if self.deflated {
            dict.set("Filter", "FlateDecode");
        }
        Stream::new(dict, self.bytes)
    }
}

/// `job` applied to every item, on this thread and one more, each with its own [`Zlib`]; the
/// results come back in the order of `items`. The items are cut into two runs of about equal
/// `weight`.
pub(super) fn par_map<T, R, W, J>(items: &[T], weight: W, job: J) -> Result<Vec<R>, String>
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> usize,
    J: Fn(&mut Zlib, &T) -> Result<R, String> + Sync,
{
    if ALONE.get() {
        return run_alone(items, &job);
    }
    let total: usize = items.iter().map(&weight).sum();
    let mut cut = 0;
    let mut acc = 0;
    while cut < items.len() && 2 * acc < total {
        acc += weight(&items[cut]);
        cut += 1;
    }
    let (first, second) = items.split_at(cut);
    let run = |part: &[T]| -> Result<Vec<R>, String> {
        if part.is_empty() {
            return Ok(Vec::new());
        }
        let mut zlib = Zlib::new();
        part.iter().map(|item| job(&mut zlib, item)).collect()
    };
    let (here, there) = std::thread::scope(|scope| {
        let helper = scope.spawn(|| run(second));
        let here = run(first);
        let there = helper
            .join()
            .unwrap_or_else(|_| Err("a PDF compression thread failed".to_string()));
        (here, there)
    });
    let mut all = here?;
    all.extend(there?);
    Ok(all)
}

std::thread_local! {
    /// Set while [`alone`] runs: the streams are made on the calling thread only.
    static ALONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every PDF stream of this thread made on it alone, without a helper thread:
/// in a batch every core already writes a document of its own. The bytes are the same.
pub fn alone<R>(f: impl FnOnce() -> R) -> R {
    let before = ALONE.replace(true);
    let result = f();
    ALONE.set(before);
    result
}

/// `job` applied to every item in order on this thread, with one [`Zlib`].
fn run_alone<T, R>(
    items: &[T],
    job: &impl Fn(&mut Zlib, &T) -> Result<R, String>,
) -> Result<Vec<R>, String> {
    let mut zlib = Zlib::new();
    items.iter().map(|item| job(&mut zlib, item)).collect()
}

/// `data` as one zlib stream, with `zlib` reset first so that each stream stands alone.
fn deflate(zlib: &mut Compress, data: &[u8]) -> Result<Vec<u8>, String> {
    zlib.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let consumed = usize::try_from(zlib.total_in()).unwrap_or(usize::MAX);
        let status = zlib
            .compress_vec(
                &data[consumed.min(data.len())..],
                &mut out,
                FlushCompress::Finish,
            )
            .map_err(|e| format!("cannot compress a PDF stream: {e}"))?;
        match status {
            Status::StreamEnd => return Ok(out),
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::ZlibDecoder;
    use std::io::Read;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        ZlibDecoder::new(data).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn streams_round_trip_through_one_reused_compressor() {
        let mut zlib = Compress::new(Compression::new(LEVEL), true);
        let long: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_be_bytes())
            .collect();
        for data in [&b""[..], b"BT /FRegular 14 Tf ET", &long] {
            let packed = deflate(&mut zlib, data).unwrap();
            assert_eq!(inflate(&packed), data);
        }
        // Same input, same bytes, whatever came before.
        let a = deflate(&mut zlib, b"a stream").unwrap();
        let b = deflate(
            &mut Compress::new(Compression::new(LEVEL), true),
            b"a stream",
        )
        .unwrap();
        assert_eq!(a, b);
    }
}
