//! Reverse-mode autodiff. While recording, every op appends a node: the ids of its inputs and
//! output, and a closure that maps the gradient of the output to the gradients of the inputs
//! (forward values it needs are captured by `Arc`, so disposing a handle never breaks backward).
//! Ops run in execution order, so the tape is already topologically sorted: `gradients` is one
//! reverse loop that accumulates.
use std::collections::HashMap;

use ndarray::{ArcArray, ArrayD, IxDyn};

use crate::error::{fail, Result};
use crate::tensor::{DType, Tensor, TensorId};

pub type F32Array = ArcArray<f32, IxDyn>;

/// Maps the output's gradient to one optional gradient per input (None: no gradient flows).
pub type GradFn = Box<dyn Fn(&F32Array) -> Result<Vec<Option<F32Array>>>>;

struct Node {
    inputs: Vec<TensorId>,
    output: TensorId,
    grad_fn: GradFn,
}

#[derive(Default)]
pub struct Tape {
    recording: bool,
    nodes: Vec<Node>,
}

impl Tape {
    /// Starts recording, dropping anything recorded before.
    pub fn start(&mut self) {
        self.nodes.clear();
        self.recording = true;
    }

    /// Stops recording and frees every saved forward value.
    pub fn clear(&mut self) {
        self.nodes.clear();
        self.recording = false;
    }

    pub fn is_recording(&self) -> bool {
        self.recording
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Records `output = op(inputs)` when recording and when a float input could carry a gradient.
    pub fn record(
        &mut self,
        inputs: &[&Tensor],
        output: &Tensor,
        grad_fn: impl Fn(&F32Array) -> Result<Vec<Option<F32Array>>> + 'static,
    ) {
        if !self.recording || output.dtype() != DType::F32 || inputs.iter().all(|t| t.dtype() != DType::F32) {
            return;
        }
        self.nodes.push(Node {
            inputs: inputs.iter().map(|t| t.id).collect(),
            output: output.id,
            grad_fn: Box::new(grad_fn),
        });
    }

    /// Gradients of `sum(output * seed)` with respect to each tensor in `wrt` (None where no path
    /// connects them). With `seed = None` the output must be a scalar and the seed is 1.
    pub fn gradients(&self, output: &Tensor, seed: Option<F32Array>, wrt: &[TensorId]) -> Result<Vec<Option<F32Array>>> {
        let seed = match seed {
            Some(seed) if seed.shape() == output.shape() => seed,
            Some(seed) => return fail("gradients", format!("seed shape {:?} differs from output shape {:?}", seed.shape(), output.shape())),
            None if output.len() == 1 => ArrayD::ones(IxDyn(output.shape())).into_shared(),
            None => return fail("gradients", format!("the target must be a scalar, received shape {:?}", output.shape())),
        };
        let mut grads: HashMap<TensorId, F32Array> = HashMap::from([(output.id, seed)]);
        for node in self.nodes.iter().rev() {
            let Some(grad) = grads.get(&node.output).cloned() else { continue };
            let input_grads = (node.grad_fn)(&grad)?;
            for (id, input_grad) in node.inputs.iter().zip(input_grads) {
                if let Some(g) = input_grad {
                    accumulate(&mut grads, *id, g);
                }
            }
        }
        Ok(wrt.iter().map(|id| grads.get(id).cloned()).collect())
    }
}

fn accumulate(grads: &mut HashMap<TensorId, F32Array>, id: TensorId, grad: F32Array) {
    match grads.get_mut(&id) {
        Some(sum) => *sum = (&*sum + &grad).into_shared(),
        None => {
            grads.insert(id, grad);
        }
    }
}
