//! What an event's `detail` says, as data: why it happened ([`Why`]), whether its scope was left
//! early, whether it was recorded while unwinding. The recorder builds it from what it knows;
//! the sentences match on it. JSON carries its words, the ones SCHEMA.md lists (one string,
//! parts joined by `; `), so the schema is unchanged; reading JSON parses them back, here only.

use crate::labels;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// Text that is usually a `&'static str` written by the macro, owned only after deserializing.
type Text = Cow<'static, str>;

/// Why an event happened, or how: the main part of its `detail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// `bind` of a function parameter.
    Parameter,
    /// `bind` of a variable of a `match` arm, `if let`, `while let`, `let ... else`.
    Pattern,
    /// `bind` of a `for` loop's variable.
    LoopVariable,
    /// `bind` of a closure's parameter.
    ClosureParameter,
    /// `bind` of a variable declared without a value (`let x;`).
    Declared,
    /// A move, copy or borrow of a method's receiver.
    MethodReceiver,
    /// A variable's capture by a closure without `move`.
    Captured,
    /// A clone written `(*x).clone()`: the value `x` points to was cloned.
    Pointee,
    /// The drop of a value given to `drop()`.
    DroppedEarly,
    /// A move of one field out of a variable.
    PartialMove,
    /// The drop of a variable's old value when it is assigned a new one.
    Replaced,
    /// A borrow's end that comes with the call it was given to.
    EndedWithCall,
    /// The scope end of a variable that was partly moved out.
    PartiallyMoved,
    /// The scope end of a variable never given a value.
    NeverGiven,
    /// The scope end of a reference (nothing is dropped).
    Reference,
    /// The scope end of a variable whose value was moved to this place (a variable, a call).
    MovedTo(Text),
    /// The scope end of a variable that this method may have taken.
    MayHaveBeenTaken(Text),
    /// A function's exit by unwinding from a panic.
    Unwound,
    /// A heap block resized (`realloc`) from this block: its size and address.
    Resized {
        /// Bytes of the old block.
        bytes: usize,
        /// Address of the old block.
        addr: usize,
    },
    /// Other words: the method or macro that borrowed, the variable that keeps a borrow, a
    /// function's file, what a folded event counts, a resize's old block.
    Words(Text),
}

impl Why {
    /// The words of a fixed reason, `None` for those that carry their own.
    fn label(&self) -> Option<&'static str> {
        Some(match self {
            Why::Parameter => labels::PARAMETER,
            Why::Pattern => labels::PATTERN,
            Why::LoopVariable => labels::LOOP_VARIABLE,
            Why::ClosureParameter => labels::CLOSURE_PARAMETER,
            Why::Declared => labels::DECLARED,
            Why::MethodReceiver => labels::METHOD_RECEIVER,
            Why::Captured => labels::CAPTURED,
            Why::Pointee => labels::POINTEE,
            Why::DroppedEarly => labels::DROPPED_EARLY,
            Why::PartialMove => labels::PARTIAL_MOVE,
            Why::Replaced => labels::REPLACED,
            Why::EndedWithCall => labels::ENDED_WITH_CALL,
            Why::PartiallyMoved => labels::PARTIALLY_MOVED,
            Why::NeverGiven => labels::NEVER_GIVEN,
            Why::Reference => labels::A_REFERENCE,
            Why::Unwound => labels::UNWINDING,
            Why::MovedTo(_) | Why::MayHaveBeenTaken(_) | Why::Resized { .. } | Why::Words(_) => {
                return None
            }
        })
    }

    /// Every reason with fixed words, for reading words back.
    const FIXED: [Why; 16] = [
        Why::Parameter,
        Why::Pattern,
        Why::LoopVariable,
        Why::ClosureParameter,
        Why::Declared,
        Why::MethodReceiver,
        Why::Captured,
        Why::Pointee,
        Why::DroppedEarly,
        Why::PartialMove,
        Why::Replaced,
        Why::EndedWithCall,
        Why::PartiallyMoved,
        Why::NeverGiven,
        Why::Reference,
        Why::Unwound,
    ];

    /// The reason these words say (any words not in the table are [`Why::Words`]).
    fn from_words(words: Text) -> Why {
        if let Some(fixed) = Why::FIXED.iter().find(|w| w.label() == Some(&*words)) {
            return fixed.clone();
        }
        if let Some(to) = words.strip_prefix(labels::MOVED_TO) {
            return Why::MovedTo(to.to_string().into());
        }
        if let Some(by) = words.strip_prefix(labels::MAY_HAVE_BEEN_TAKEN) {
            return Why::MayHaveBeenTaken(by.to_string().into());
        }
        let resized = words.strip_prefix(labels::RESIZED_FROM).and_then(|rest| {
            let (bytes, addr) = rest.split_once(labels::BYTES_AT)?;
            let addr = usize::from_str_radix(addr.strip_prefix("0x")?, 16).ok()?;
            Some(Why::Resized {
                bytes: bytes.parse().ok()?,
                addr,
            })
        });
        resized.unwrap_or(Why::Words(words))
    }

    fn write(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        match self {
            Why::MovedTo(to) => write!(out, "{}{to}", labels::MOVED_TO),
            Why::MayHaveBeenTaken(by) => write!(out, "{}{by}", labels::MAY_HAVE_BEEN_TAKEN),
            Why::Resized { bytes, addr } => write!(
                out,
                "{}{bytes}{}{addr:#x}",
                labels::RESIZED_FROM,
                labels::BYTES_AT
            ),
            Why::Words(w) => out.write_str(w),
            fixed => out.write_str(fixed.label().unwrap_or_default()),
        }
    }
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write(f)
    }
}

/// An event's `detail`: its reason, and two notes that can come with any reason.
///
/// It reads as its words (`Deref<Target = str>`), the ones JSON carries:
///
/// ```
/// use trace_ownership_runtime::{Detail, Why};
/// let d = Detail::new(Some(Why::MovedTo("t".into())), Some(7), true);
/// assert_eq!(&*d, "moved to t; left early at line 7; unwinding from a panic");
/// assert_eq!(Detail::from("moved to t; left early at line 7; unwinding from a panic"), d);
/// assert_eq!(Detail::from("parameter").why, Some(Why::Parameter));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// Why the event happened, or how (`None` when only a note is said).
    pub why: Option<Why>,
    /// The scope end was reached by an exit (`return`, `break`, `continue`, `?`) at this line;
    /// the event's own position is the scope's closing brace.
    pub left_early: Option<u32>,
    /// Recorded while unwinding from a panic.
    pub unwinding: bool,
    /// The words, made once from the parts above.
    words: Text,
}

impl Detail {
    /// A detail of these parts.
    pub fn new(why: Option<Why>, left_early: Option<u32>, unwinding: bool) -> Detail {
        let label = why.as_ref().and_then(Why::label);
        let words = match (&why, left_early, unwinding, label) {
            // The usual case, a fixed reason alone: its words are a constant.
            (_, None, false, Some(label)) => Text::from(label),
            (Some(Why::Words(w)), None, false, _) => w.clone(),
            _ => {
                let mut s = String::new();
                if let Some(w) = &why {
                    let _ = w.write(&mut s);
                }
                if let Some(line) = left_early {
                    if !s.is_empty() {
                        s.push_str("; ");
                    }
                    s.push_str(labels::LEFT_EARLY);
                    s.push_str(&line.to_string());
                }
                if unwinding {
                    if !s.is_empty() {
                        s.push_str("; ");
                    }
                    s.push_str(labels::UNWINDING_FROM_PANIC);
                }
                s.into()
            }
        };
        Detail {
            why,
            left_early,
            unwinding,
            words,
        }
    }

    /// A detail that is only a reason.
    pub fn why(why: Why) -> Detail {
        Detail::new(Some(why), None, false)
    }

    /// The same detail without the note that the scope was left early (said apart).
    pub fn without_left_early(&self) -> Option<Detail> {
        (self.why.is_some() || self.unwinding)
            .then(|| Detail::new(self.why.clone(), None, self.unwinding))
    }

    /// Reads words as JSON carries them: parts joined by `; `, the notes recognised wherever
    /// they are, the rest (joined again) the reason.
    fn parse(words: Text) -> Detail {
        let mut left_early = None;
        let mut unwinding = false;
        let mut rest: Vec<&str> = Vec::new();
        for part in words.split("; ") {
            if let Some(line) = part
                .strip_prefix(labels::LEFT_EARLY)
                .and_then(|n| n.parse().ok())
            {
                left_early = Some(line);
            } else if part == labels::UNWINDING_FROM_PANIC {
                unwinding = true;
            } else {
                rest.push(part);
            }
        }
        let why = if left_early.is_none() && !unwinding {
            Some(Why::from_words(words.clone()))
        } else {
            (!rest.is_empty()).then(|| Why::from_words(rest.join("; ").into()))
        };
        Detail {
            why,
            left_early,
            unwinding,
            words,
        }
    }
}

impl std::ops::Deref for Detail {
    type Target = str;
    fn deref(&self) -> &str {
        &self.words
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words)
    }
}

impl From<&'static str> for Detail {
    fn from(words: &'static str) -> Detail {
        Detail::parse(words.into())
    }
}

impl From<String> for Detail {
    fn from(words: String) -> Detail {
        Detail::parse(words.into())
    }
}

impl From<Text> for Detail {
    fn from(words: Text) -> Detail {
        Detail::parse(words)
    }
}

impl From<Why> for Detail {
    fn from(why: Why) -> Detail {
        Detail::why(why)
    }
}

impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.words)
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Detail, D::Error> {
        Ok(Detail::parse(String::deserialize(d)?.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_reason_reads_back_from_its_words() {
        for why in Why::FIXED {
            let d = Detail::why(why.clone());
            assert_eq!(Detail::from(d.to_string()), d, "{d}");
            assert_eq!(d.why, Some(why));
        }
        let words: Vec<String> = Why::FIXED
            .iter()
            .map(|w| Detail::why(w.clone()).to_string())
            .collect();
        let unique: std::collections::BTreeSet<&String> = words.iter().collect();
        assert_eq!(unique.len(), words.len(), "{words:?}");
    }

    #[test]
    fn notes_join_the_reason_and_read_back_apart_from_it() {
        let d = Detail::new(
            Some(Why::MayHaveBeenTaken("norm()".into())),
            Some(12),
            false,
        );
        assert_eq!(&*d, "may have been taken by norm(); left early at line 12");
        let back = Detail::from(d.to_string());
        assert_eq!(
            (back.why.clone(), back.left_early, back.unwinding),
            (
                Some(Why::MayHaveBeenTaken("norm()".into())),
                Some(12),
                false
            )
        );
        let only = Detail::new(None, Some(3), true);
        assert_eq!(&*only, "left early at line 3; unwinding from a panic");
        assert_eq!(Detail::from(only.to_string()), only);
        assert_eq!(
            Detail::new(None, None, true).to_string(),
            "unwinding from a panic"
        );
        assert_eq!(
            only.without_left_early(),
            Some(Detail::new(None, None, true))
        );
        assert_eq!(Detail::new(None, Some(3), false).without_left_early(), None);
    }

    #[test]
    fn words_that_only_look_like_a_note_stay_the_reason() {
        // A folded event's words hold a `; ` of their own; a holder or method may be named
        // like a note. Only a whole part that is a note is one.
        let folded = Detail::from("iterations after the first 3; 40 events not shown");
        assert_eq!(
            folded.why,
            Some(Why::Words(
                "iterations after the first 3; 40 events not shown".into()
            ))
        );
        let named = Detail::from("moved to unwinding_report()");
        assert_eq!(
            (named.why, named.unwinding),
            (Some(Why::MovedTo("unwinding_report()".into())), false)
        );
        let resized = Detail::why(Why::Resized {
            bytes: 16,
            addr: 0x7f00,
        });
        assert_eq!(&*resized, "from 16 bytes at 0x7f00");
        assert_eq!(Detail::from(resized.to_string()), resized);
        let not_resized = Detail::from("from 16 bytes at the heap");
        assert_eq!(
            not_resized.why,
            Some(Why::Words("from 16 bytes at the heap".into()))
        );
        let not_a_line = Detail::from("left early at line x");
        assert_eq!(
            (not_a_line.why, not_a_line.left_early),
            (Some(Why::Words("left early at line x".into())), None)
        );
    }
}
