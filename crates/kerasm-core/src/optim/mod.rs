//! Optimizer update kernels: in-place updates of a variable and its slots from a gradient.
