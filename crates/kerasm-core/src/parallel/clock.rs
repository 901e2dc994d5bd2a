//! Milliseconds on a monotonic clock shared by the pool's threads, for its decisions that depend
//! on time. std has no clock in WebAssembly (`Instant::now` panics there), so the binding installs
//! the host's with [`set_clock`] before it builds the pool; natively std's is used.
use std::sync::OnceLock;

static HOST_CLOCK: OnceLock<fn() -> f64> = OnceLock::new();

/// Installs the host's clock: milliseconds, monotonic, from the same origin on every thread (one
/// thread's times are compared with another's). The first call wins.
pub fn set_clock(now_ms: fn() -> f64) {
    let _ = HOST_CLOCK.set(now_ms);
}

/// The time in milliseconds, or None without a clock (WebAssembly before [`set_clock`]).
pub(super) fn now_ms() -> Option<f64> {
    match HOST_CLOCK.get() {
        Some(now) => Some(now()),
        None => std_now_ms(),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn std_now_ms() -> Option<f64> {
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    Some(START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1e3)
}

#[cfg(target_arch = "wasm32")]
fn std_now_ms() -> Option<f64> {
    None
}
