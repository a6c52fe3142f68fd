//! The record log: one session's raw records, in order, in chunks that are never copied as
//! the log grows.

use super::quietly;
use crate::site::Raw;

/// Records are kept in chunks, so that a growing trace never copies what it holds: the first
/// chunk has room for this many records (20 KiB), each next one for twice as many as the one
/// before, up to [`MAX_CHUNK`].
pub(super) const FIRST_CHUNK: usize = 256;
pub(super) const MAX_CHUNK: usize = 16 * 1024;

/// The records of one session, in order.
pub(super) struct RawLog {
    /// The records, chunk after chunk.
    pub(super) chunks: Vec<Vec<Raw>>,
    len: usize,
    /// How many of them are heap events.
    pub(super) heap: usize,
}

impl RawLog {
    pub(super) fn new() -> RawLog {
        RawLog {
            chunks: vec![Vec::with_capacity(FIRST_CHUNK)],
            len: 0,
            heap: 0,
        }
    }

    /// How many records the log holds.
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Appends a record: into the last chunk while it has room, else into a new one.
    #[inline(always)]
    pub(super) fn push(&mut self, raw: Raw) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < chunk.capacity() => chunk.push(raw),
            _ => self.push_in_new_chunk(raw),
        }
        self.len += 1;
    }

    #[cold]
    #[inline(never)]
    fn push_in_new_chunk(&mut self, raw: Raw) {
        let room = self
            .chunks
            .last()
            .map_or(FIRST_CHUNK, |c| (c.capacity() * 2).min(MAX_CHUNK));
        // Allocating is the recorder's own doing, never reported by the heap tracker.
        quietly(|| {
            let mut chunk = Vec::with_capacity(room);
            chunk.push(raw);
            self.chunks.push(chunk);
        });
    }
}
