//! A tensor: an id (what the autodiff tape knows it by) and an n-dimensional array of f32 or i32.
//! Arrays are reference-counted (`ArcArray`), so the tape can keep a forward value alive after
//! JavaScript disposes its handle, and always in standard (C-contiguous) layout, so that
//! JavaScript can copy them in and out as one flat block.
use std::sync::atomic::{AtomicU64, Ordering};

use ndarray::{ArcArray, ArrayD, IxDyn};

use crate::error::{fail, Result};

pub type TensorId = u64;

/// The most elements one tensor may hold (1 GiB of float32). Beyond it an allocation could fail,
/// which is a trap in WebAssembly, so ops refuse such outputs with an error instead.
pub const MAX_ELEMENTS: usize = 1 << 28;

/// The element count of `shape`, or an error naming `op` when it exceeds `MAX_ELEMENTS`.
pub fn checked_len(op: &'static str, shape: &[usize]) -> Result<usize> {
    match shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)) {
        Some(len) if len <= MAX_ELEMENTS => Ok(len),
        _ => fail(op, format!("the output of shape {} would hold more than {MAX_ELEMENTS} values", crate::error::shape_str(shape))),
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn next_id() -> TensorId {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    F32,
    I32,
}

impl DType {
    pub fn name(self) -> &'static str {
        match self {
            DType::F32 => "float32",
            DType::I32 => "int32",
        }
    }
}

#[derive(Clone, Debug)]
pub enum Data {
    F32(ArcArray<f32, IxDyn>),
    I32(ArcArray<i32, IxDyn>),
}

#[derive(Clone, Debug)]
pub struct Tensor {
    pub id: TensorId,
    pub data: Data,
}

impl Tensor {
    pub fn f32(array: ArrayD<f32>) -> Tensor {
        Tensor { id: next_id(), data: Data::F32(standard(array).into_shared()) }
    }

    pub fn i32(array: ArrayD<i32>) -> Tensor {
        Tensor { id: next_id(), data: Data::I32(standard(array).into_shared()) }
    }

    pub fn zeros(shape: &[usize], dtype: DType) -> Tensor {
        match dtype {
            DType::F32 => Tensor::f32(ArrayD::zeros(IxDyn(shape))),
            DType::I32 => Tensor::i32(ArrayD::zeros(IxDyn(shape))),
        }
    }

    pub fn scalar(value: f32) -> Tensor {
        Tensor::f32(ArrayD::from_elem(IxDyn(&[]), value))
    }

    pub fn shape(&self) -> &[usize] {
        match &self.data {
            Data::F32(a) => a.shape(),
            Data::I32(a) => a.shape(),
        }
    }

    pub fn rank(&self) -> usize {
        self.shape().len()
    }

    pub fn len(&self) -> usize {
        self.shape().iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn dtype(&self) -> DType {
        match &self.data {
            Data::F32(_) => DType::F32,
            Data::I32(_) => DType::I32,
        }
    }

    pub fn byte_len(&self) -> usize {
        self.len() * 4
    }

    /// The f32 array, or an error naming `op` when the tensor holds int32.
    pub fn as_f32(&self, op: &'static str) -> Result<&ArcArray<f32, IxDyn>> {
        match &self.data {
            Data::F32(a) => Ok(a),
            Data::I32(_) => fail(op, "expected a float32 tensor, received int32"),
        }
    }

    /// The i32 array, or an error naming `op` when the tensor holds float32.
    pub fn as_i32(&self, op: &'static str) -> Result<&ArcArray<i32, IxDyn>> {
        match &self.data {
            Data::I32(a) => Ok(a),
            Data::F32(_) => fail(op, "expected an int32 tensor, received float32"),
        }
    }

    /// Values as f32 whatever the dtype (int32 is converted); for indices and tests.
    pub fn to_f32_vec(&self) -> Vec<f32> {
        match &self.data {
            Data::F32(a) => a.iter().copied().collect(),
            Data::I32(a) => a.iter().map(|&v| v as f32).collect(),
        }
    }

    /// The same values under a new id that no tape node produces, so no gradient flows back
    /// through it (`keras.ops.stop_gradient`). The buffer is shared, copied only if written.
    pub fn detached(&self) -> Tensor {
        Tensor { id: next_id(), data: self.data.clone() }
    }

    /// A mutable view of the f32 buffer, copying first if the tape still shares it.
    pub fn f32_slice_mut(&mut self, op: &'static str) -> Result<&mut [f32]> {
        match &mut self.data {
            Data::F32(a) => Ok(a.as_slice_mut().expect("tensors are kept in standard layout")),
            Data::I32(_) => fail(op, "expected a float32 tensor, received int32"),
        }
    }
}

fn standard<T: Clone>(array: ArrayD<T>) -> ArrayD<T> {
    if array.is_standard_layout() {
        array
    } else {
        array.as_standard_layout().into_owned()
    }
}
