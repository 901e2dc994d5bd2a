//! The activations a fused recurrent cell may use, each with its derivative written in terms of
//! its output (what the forward pass keeps), so backward needs no pre-activation values.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Tanh,
    Sigmoid,
    /// Keras 3's `hard_sigmoid`: `relu6(x + 3) / 6`.
    HardSigmoid,
    Relu,
    Linear,
}

impl Activation {
    /// Keras's name of the activation (`"tanh"`, `"sigmoid"`, …), or None for one kerasm does not fuse.
    pub fn from_name(name: &str) -> Option<Activation> {
        Some(match name {
            "tanh" => Activation::Tanh,
            "sigmoid" => Activation::Sigmoid,
            "hard_sigmoid" => Activation::HardSigmoid,
            "relu" => Activation::Relu,
            "linear" => Activation::Linear,
            _ => return None,
        })
    }

    #[inline(always)]
    pub fn apply(self, x: f32) -> f32 {
        match self {
            Activation::Tanh => x.tanh(),
            Activation::Sigmoid => 1.0 / (1.0 + (-x).exp()),
            Activation::HardSigmoid => ((x + 3.0) / 6.0).clamp(0.0, 1.0),
            Activation::Relu => x.max(0.0),
            Activation::Linear => x,
        }
    }

    /// The derivative at the input whose output is `y`.
    #[inline(always)]
    pub fn derivative(self, y: f32) -> f32 {
        match self {
            Activation::Tanh => 1.0 - y * y,
            Activation::Sigmoid => y * (1.0 - y),
            Activation::HardSigmoid => if y > 0.0 && y < 1.0 { 1.0 / 6.0 } else { 0.0 },
            Activation::Relu => if y > 0.0 { 1.0 } else { 0.0 },
            Activation::Linear => 1.0,
        }
    }
}
