use super::*;
use crate::testing::{assert_close, gradcheck, pseudo_random, t};

const CELLS: [Cell; 4] = [Cell::Lstm, Cell::Gru { reset_after: true }, Cell::Gru { reset_after: false }, Cell::SimpleRnn];

/// Small random weights for `cell` over `features` inputs and `units` units, with a bias.
fn weights(cell: Cell, features: usize, units: usize, seed: u64) -> Vec<Tensor> {
    let width = cell.gates() * units;
    let bias_shape = if cell == (Cell::Gru { reset_after: true }) { vec![2, width] } else { vec![width] };
    let scaled = |len, s| pseudo_random(len, s).iter().map(|v| v * 0.6).collect::<Vec<_>>();
    vec![
        t(&[features, width], &scaled(features * width, seed)),
        t(&[units, width], &scaled(units * width, seed + 1)),
        t(&bias_shape, &scaled(bias_shape.iter().product(), seed + 2)),
    ]
}

fn args(cell: Cell, go_backwards: bool) -> RecurrentArgs {
    RecurrentArgs { cell, activation: Activation::Tanh, recurrent_activation: Activation::Sigmoid, go_backwards }
}

/// Runs `cell` on `[x, kernel, recurrent_kernel, bias, states…]`.
fn run(tape: &mut Tape, xs: &[Tensor], cell: Cell, mask: Option<&Tensor>, go_backwards: bool) -> Result<Tensor> {
    let states: Vec<&Tensor> = xs[4..].iter().collect();
    let inputs = RecurrentInputs { x: &xs[0], kernel: &xs[1], recurrent_kernel: &xs[2], bias: Some(&xs[3]), states: &states, mask };
    recurrent(tape, &inputs, args(cell, go_backwards))
}

fn case(cell: Cell, batch: usize, steps: usize, features: usize, units: usize) -> Vec<Tensor> {
    let mut xs = vec![t(&[batch, steps, features], &pseudo_random(batch * steps * features, 11))];
    xs.extend(weights(cell, features, units, 20));
    for i in 0..cell.state_count() {
        xs.push(t(&[batch, units], &pseudo_random(batch * units, 30 + i as u64)));
    }
    xs
}

#[test]
fn gradients_of_every_cell_match_finite_differences() {
    for cell in CELLS {
        for go_backwards in [false, true] {
            gradcheck(|tape, xs| run(tape, xs, cell, None, go_backwards), &case(cell, 2, 3, 3, 2));
        }
    }
}

#[test]
fn gradients_with_a_mask_match_finite_differences() {
    // The first row skips its first and last steps, the second its middle one.
    let mask = t(&[2, 4], &[0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0]);
    for cell in CELLS {
        for go_backwards in [false, true] {
            gradcheck(|tape, xs| run(tape, xs, cell, Some(&mask), go_backwards), &case(cell, 2, 4, 2, 3));
        }
    }
}

/// A step-by-step reference in f64 written from Keras's cell equations.
fn reference_step(cell: Cell, x: &[f64], h: &[f64], c: &[f64], w: &[Tensor]) -> (Vec<f64>, Vec<f64>) {
    let (k, rk, bias) = (w[0].to_f32_vec(), w[1].to_f32_vec(), w[2].to_f32_vec());
    let u = h.len();
    let width = cell.gates() * u;
    let proj = |v: &[f64], m: &[f32], col: usize| -> f64 { v.iter().enumerate().map(|(i, v)| v * m[i * width + col] as f64).sum() };
    let sig = |v: f64| 1.0 / (1.0 + (-v).exp());
    let b = |i: usize| bias[i] as f64;
    let mut hn = vec![0.0; u];
    let mut cn = c.to_vec();
    for j in 0..u {
        match cell {
            Cell::Lstm => {
                let z = |g: usize| proj(x, &k, g * u + j) + proj(h, &rk, g * u + j) + b(g * u + j);
                let (i, f, g, o) = (sig(z(0)), sig(z(1)), z(2).tanh(), sig(z(3)));
                cn[j] = f * c[j] + i * g;
                hn[j] = o * cn[j].tanh();
            }
            Cell::Gru { reset_after } => {
                let rb = |i: usize| if reset_after { b(width + i) } else { 0.0 };
                let z = sig(proj(x, &k, j) + b(j) + proj(h, &rk, j) + rb(j));
                let r = sig(proj(x, &k, u + j) + b(u + j) + proj(h, &rk, u + j) + rb(u + j));
                let rec = if reset_after {
                    r * (proj(h, &rk, 2 * u + j) + rb(2 * u + j))
                } else {
                    let rh: Vec<f64> = (0..u).map(|i| sig(proj(x, &k, u + i) + b(u + i) + proj(h, &rk, u + i)) * h[i]).collect();
                    proj(&rh, &rk, 2 * u + j)
                };
                let hh = (proj(x, &k, 2 * u + j) + b(2 * u + j) + rec).tanh();
                hn[j] = z * h[j] + (1.0 - z) * hh;
            }
            Cell::SimpleRnn => hn[j] = (proj(x, &k, j) + proj(h, &rk, j) + b(j)).tanh(),
        }
    }
    (hn, cn)
}

#[test]
fn forward_matches_the_cell_equations_with_masks_and_go_backwards() {
    let (batch, steps, features, units) = (2, 4, 3, 2);
    let mask_values = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];
    for cell in CELLS {
        for go_backwards in [false, true] {
            let xs = case(cell, batch, steps, features, units);
            let mask = t(&[batch, steps], &mask_values);
            let out = run(&mut Tape::default(), &xs, cell, Some(&mask), go_backwards).unwrap();
            let rows = steps + cell.state_count() - 1;
            assert_eq!(out.shape(), &[batch, rows, units]);
            let x = xs[0].to_f32_vec();
            let mut want = Vec::new();
            for b in 0..batch {
                let state = |i: usize| xs[4 + i].to_f32_vec()[b * units..][..units].iter().map(|&v| v as f64).collect::<Vec<_>>();
                let (mut h, mut c) = (state(0), if cell == Cell::Lstm { state(1) } else { vec![0.0; units] });
                for s in 0..steps {
                    let time = if go_backwards { steps - 1 - s } else { s };
                    if mask_values[b * steps + time] != 0.0 {
                        let xt: Vec<f64> = x[(b * steps + time) * features..][..features].iter().map(|&v| v as f64).collect();
                        (h, c) = reference_step(cell, &xt, &h, &c, &xs[1..4]);
                    }
                    want.extend(h.iter().map(|&v| v as f32));
                }
                if cell == Cell::Lstm {
                    want.extend(c.iter().map(|&v| v as f32));
                }
            }
            assert_close(&out, &want, 1e-5);
        }
    }
}

#[test]
fn large_runs_split_their_products_and_stay_finite() {
    let (batch, steps, features, units) = (32, 5, 64, 128);
    for cell in CELLS {
        let xs = case(cell, batch, steps, features, units);
        let mut tape = Tape::default();
        tape.start();
        let out = run(&mut tape, &xs, cell, None, false).unwrap();
        let seed = ArrayD::ones(IxDyn(out.shape())).into_shared();
        let ids: Vec<_> = xs.iter().map(|x| x.id).collect();
        let grads = tape.gradients(&out, Some(seed), &ids).unwrap();
        for (g, x) in grads.iter().zip(&xs) {
            let g = g.as_ref().expect("every input gets a gradient");
            assert_eq!(g.shape(), x.shape());
            assert!(g.iter().all(|v| v.is_finite()));
        }
    }
}

#[test]
fn errors_name_the_shapes() {
    let xs = case(Cell::Lstm, 2, 3, 3, 2);
    let err = |xs: &[Tensor], mask: Option<&Tensor>| run(&mut Tape::default(), xs, Cell::Lstm, mask, false).unwrap_err().to_string();
    let mut flat = xs.clone();
    flat[0] = t(&[2, 9], &[0.0; 18]);
    assert_eq!(err(&flat, None), "recurrent: inputs must be (batch, timesteps, features), received shape (2, 9)");
    assert_eq!(err(&xs, Some(&t(&[2, 2], &[1.0; 4]))), "recurrent: mask of shape (2, 2) should be (2, 3) for inputs of shape (2, 3, 3)");
    let mut small = xs.clone();
    small[5] = t(&[2, 3], &[0.0; 6]);
    assert_eq!(err(&small, None), "recurrent: an initial state of shape (2, 3) should be (2, 2)");
    let mut wide = xs.clone();
    wide[1] = t(&[4, 8], &[0.0; 32]);
    assert_eq!(err(&wide, None), "recurrent: kernel of shape (4, 8) does not match inputs of shape (2, 3, 3) and 8 gate columns");
    let mut integer_state = xs.clone();
    integer_state[4] = crate::testing::ti(&[2, 2], &[0; 4]);
    assert_eq!(err(&integer_state, None), "recurrent: expected a float32 tensor, received int32");
}
