//! The tensor store: the single owner of every tensor that JavaScript holds a handle to, and
//! the single place that counts live tensors and bytes (what `memory()` reports).
use crate::error::{KerasmError, Result};
use crate::tensor::Tensor;

pub type Handle = u32;

#[derive(Default)]
pub struct TensorStore {
    slots: Vec<Option<Tensor>>,
    free_slots: Vec<Handle>,
    live_tensors: usize,
    live_bytes: usize,
}

impl TensorStore {
    pub fn insert(&mut self, tensor: Tensor) -> Handle {
        self.live_tensors += 1;
        self.live_bytes += tensor.byte_len();
        match self.free_slots.pop() {
            Some(handle) => {
                self.slots[handle as usize] = Some(tensor);
                handle
            }
            None => {
                self.slots.push(Some(tensor));
                (self.slots.len() - 1) as Handle
            }
        }
    }

    pub fn get(&self, handle: Handle) -> Result<&Tensor> {
        self.slots.get(handle as usize).and_then(Option::as_ref).ok_or(KerasmError::UnknownHandle(handle))
    }

    pub fn get_mut(&mut self, handle: Handle) -> Result<&mut Tensor> {
        self.slots.get_mut(handle as usize).and_then(Option::as_mut).ok_or(KerasmError::UnknownHandle(handle))
    }

    /// Replaces the tensor behind `handle` (its size may change), keeping the byte count right.
    pub fn replace(&mut self, handle: Handle, tensor: Tensor) -> Result<()> {
        let slot = self.get_mut(handle)?;
        let old_bytes = slot.byte_len();
        *slot = tensor;
        let new_bytes = slot.byte_len();
        self.live_bytes = self.live_bytes - old_bytes + new_bytes;
        Ok(())
    }

    pub fn remove(&mut self, handle: Handle) -> Result<Tensor> {
        let tensor = self
            .slots
            .get_mut(handle as usize)
            .and_then(Option::take)
            .ok_or(KerasmError::UnknownHandle(handle))?;
        self.free_slots.push(handle);
        self.live_tensors -= 1;
        self.live_bytes -= tensor.byte_len();
        Ok(tensor)
    }

    pub fn live_tensors(&self) -> usize {
        self.live_tensors
    }

    pub fn live_bytes(&self) -> usize {
        self.live_bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::DType;

    #[test]
    fn counts_and_reuses_slots() {
        let mut store = TensorStore::default();
        let a = store.insert(Tensor::zeros(&[2, 3], DType::F32));
        let b = store.insert(Tensor::zeros(&[4], DType::I32));
        assert_eq!((store.live_tensors(), store.live_bytes()), (2, 40));
        store.remove(a).unwrap();
        assert_eq!((store.live_tensors(), store.live_bytes()), (1, 16));
        assert_eq!(store.get(a).unwrap_err(), KerasmError::UnknownHandle(a));
        let c = store.insert(Tensor::scalar(1.0));
        assert_eq!(c, a, "a freed slot is reused");
        store.replace(b, Tensor::zeros(&[1], DType::F32)).unwrap();
        assert_eq!(store.live_bytes(), 8);
        assert!(store.remove(99).is_err());
    }
}
