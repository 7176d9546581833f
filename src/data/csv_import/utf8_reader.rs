//! A reader that checks UTF-8 as bytes stream through it, so a file can be parsed in chunks
//! (never held whole in memory) and still be refused at the exact byte that is not UTF-8.

use std::io::{self, Read};

/// Where the first invalid byte is: its offset from the start of the stream and its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidAt {
    pub offset: usize,
    pub line: usize,
}

impl std::fmt::Display for InvalidAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid UTF-8 at byte {}", self.offset)
    }
}

impl std::error::Error for InvalidAt {}

/// Passes bytes through unchanged, failing with an [`InvalidAt`] (inside an `io::Error`)
/// at the first byte that cannot be UTF-8. A character split across two reads is held
/// back in `pending` and checked when the rest of it arrives.
pub struct Utf8Reader<R> {
    inner: R,
    /// Bytes passed through so far.
    offset: usize,
    /// Newlines passed through so far.
    newlines: usize,
    /// The first bytes of a character whose remaining bytes have not been read yet.
    pending: Vec<u8>,
}

impl<R: Read> Utf8Reader<R> {
    pub fn new(inner: R) -> Self {
        Utf8Reader {
            inner,
            offset: 0,
            newlines: 0,
            pending: Vec::new(),
        }
    }

    fn invalid(&self, offset_in_read: usize, bytes: &[u8]) -> io::Error {
        let line = 1 + self.newlines + count_newlines(&bytes[..offset_in_read.min(bytes.len())]);
        io::Error::new(
            io::ErrorKind::InvalidData,
            InvalidAt {
                offset: self.offset + offset_in_read,
                line,
            },
        )
    }

    /// Checks `bytes`, which directly follow whatever is in `pending`.
    fn check(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut start = 0;
        if !self.pending.is_empty() {
            let width = utf8_width(self.pending[0]);
            let needed = width.saturating_sub(self.pending.len()).min(bytes.len());
            let continues = bytes[..needed].iter().all(|b| (0x80..=0xBF).contains(b));
            self.pending.extend_from_slice(&bytes[..needed]);
            let complete = self.pending.len() == width;
            if continues && !complete {
                return Ok(());
            }
            if !continues || std::str::from_utf8(&self.pending).is_err() {
                let back = self.pending.len() - needed;
                self.pending.clear();
                // The character began `back` bytes before this read.
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    InvalidAt {
                        offset: self.offset - back,
                        line: 1 + self.newlines,
                    },
                ));
            }
            self.pending.clear();
            start = needed;
        }
        match std::str::from_utf8(&bytes[start..]) {
            Ok(_) => Ok(()),
            Err(e) if e.error_len().is_none() => {
                // A character cut off by the end of this read.
                self.pending
                    .extend_from_slice(&bytes[start + e.valid_up_to()..]);
                Ok(())
            }
            Err(e) => Err(self.invalid(start + e.valid_up_to(), bytes)),
        }
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if !self.pending.is_empty() {
                let back = self.pending.len();
                self.pending.clear();
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    InvalidAt {
                        offset: self.offset - back,
                        line: 1 + self.newlines,
                    },
                ));
            }
            return Ok(0);
        }
        self.check(&buf[..n])?;
        self.newlines += count_newlines(&buf[..n]);
        self.offset += n;
        Ok(n)
    }
}

/// How many bytes a UTF-8 character starting with `first` takes (1 for an invalid lead,
/// which the check then rejects).
fn utf8_width(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

pub fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Finds our failure inside an I/O error (as the csv crate hands it back).
pub fn invalid_at(error: &io::Error) -> Option<InvalidAt> {
    error
        .get_ref()
        .and_then(|e| e.downcast_ref::<InvalidAt>())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads through a reader that hands out at most `step` bytes a call.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn read_all(bytes: &[u8], step: usize) -> Result<Vec<u8>, InvalidAt> {
        let mut out = Vec::new();
        Utf8Reader::new(Trickle { bytes, step })
            .read_to_end(&mut out)
            .map(|_| out)
            .map_err(|e| invalid_at(&e).expect("our error"))
    }

    #[test]
    fn valid_text_passes_unchanged_whatever_the_read_size() {
        let text = "a,b\nçé,日本語\n😀,x\n".as_bytes();
        for step in 1..8 {
            assert_eq!(read_all(text, step).unwrap(), text);
        }
    }

    #[test]
    fn invalid_byte_is_found_at_its_offset_whatever_the_read_size() {
        // "a,b\n" then "é" (2 bytes) then an invalid 0xFF at offset 6, on line 2.
        let mut bytes = b"a,b\n".to_vec();
        bytes.extend_from_slice("é".as_bytes());
        bytes.push(0xFF);
        bytes.extend_from_slice(b",x\n");
        for step in 1..8 {
            assert_eq!(
                read_all(&bytes, step),
                Err(InvalidAt { offset: 6, line: 2 }),
                "step {step}"
            );
        }
    }

    #[test]
    fn broken_multibyte_character_is_found_at_its_first_byte() {
        // 0xE6 starts a 3-byte character, but "x" follows: invalid at offset 2.
        let bytes = b"a\n\xE6x\n";
        for step in 1..6 {
            assert_eq!(
                read_all(bytes, step),
                Err(InvalidAt { offset: 2, line: 2 }),
                "step {step}"
            );
        }
    }

    #[test]
    fn character_cut_off_by_end_of_file_is_invalid() {
        let bytes = b"ab\xE6\x97";
        for step in 1..5 {
            assert_eq!(
                read_all(bytes, step),
                Err(InvalidAt { offset: 2, line: 1 }),
                "step {step}"
            );
        }
    }
}
