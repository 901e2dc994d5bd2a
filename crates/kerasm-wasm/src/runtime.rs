//! The per-instance state behind the exports: the tensor store and the autodiff tape. It lives
//! on the thread that loaded the module; the pool's workers only ever run kernels.
use std::cell::RefCell;

use kerasm_core::{Handle, Result, Tape, Tensor, TensorStore};
use wasm_bindgen::JsError;

#[derive(Default)]
pub struct Runtime {
    pub store: TensorStore,
    pub tape: Tape,
}

thread_local! {
    static RUNTIME: RefCell<Runtime> = RefCell::new(Runtime::default());
}

/// Runs `f` on the runtime; a core error becomes a JavaScript exception carrying its message.
pub fn with<T>(f: impl FnOnce(&mut Runtime) -> Result<T>) -> std::result::Result<T, JsError> {
    RUNTIME.with(|rt| f(&mut rt.borrow_mut())).map_err(|e| JsError::new(&e.to_string()))
}

/// Looks up the input handles, runs `op` with the tape, and stores the result as a new handle.
pub fn apply<const N: usize>(
    handles: [Handle; N],
    op: impl FnOnce(&mut Tape, [&Tensor; N]) -> Result<Tensor>,
) -> std::result::Result<Handle, JsError> {
    with(|rt| {
        let mut inputs = Vec::with_capacity(N);
        for h in handles {
            inputs.push(rt.store.get(h)?.clone());
        }
        let refs: [&Tensor; N] = std::array::from_fn(|i| &inputs[i]);
        let out = op(&mut rt.tape, refs)?;
        Ok(rt.store.insert(out))
    })
}
