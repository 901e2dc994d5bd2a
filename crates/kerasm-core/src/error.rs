//! The one error type of the core. Every fallible path that JavaScript can reach returns it,
//! so a bad argument becomes an exception with a message, never a WebAssembly trap.
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum KerasmError {
    /// An op received arguments it cannot work with (shape, dtype, axis, value).
    #[error("{op}: {message}")]
    Invalid { op: &'static str, message: String },
    /// A tensor handle that was never issued or has been disposed.
    #[error("tensor handle {0} is not alive: it was disposed or never created")]
    UnknownHandle(u32),
}

pub type Result<T> = std::result::Result<T, KerasmError>;

/// Shorthand for an `Invalid` error: `fail("matmul", format!(...))`.
pub fn fail<T>(op: &'static str, message: impl Into<String>) -> Result<T> {
    Err(KerasmError::Invalid { op, message: message.into() })
}

/// Formats a shape the way Keras prints one: `(2, 3)`, `(5,)`, `()`.
pub fn shape_str(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    }
}
