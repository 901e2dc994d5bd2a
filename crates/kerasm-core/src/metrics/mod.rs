//! Metric state kernels: in-place updates of a metric's state variables from a batch, so that a
//! metric's `update_state` reads nothing back into JavaScript.
pub mod confusion;
