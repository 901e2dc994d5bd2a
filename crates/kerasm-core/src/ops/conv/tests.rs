use ndarray::{ArrayD, IxDyn};

use super::*;
use crate::testing::{assert_close, gradcheck, pseudo_random, t, ti};

fn args(strides: &[usize], padding: Padding, dilation: &[usize]) -> ConvArgs {
    ConvArgs { strides: strides.to_vec(), padding, channels_first: false, dilation_rate: dilation.to_vec() }
}

fn run(x: &Tensor, w: &Tensor, a: &ConvArgs) -> Result<Tensor> {
    conv(&mut Tape::default(), x, w, a)
}

fn iota(n: usize) -> Vec<f32> {
    (1..=n).map(|v| v as f32).collect()
}

#[test]
fn hand_computed_1d_valid_same_and_dilated() {
    let x = t(&[1, 5, 1], &iota(5));
    let w = t(&[3, 1, 1], &[1.0, 0.0, -1.0]);
    let y = run(&x, &w, &args(&[1], Padding::Valid, &[1])).unwrap();
    assert_eq!(y.shape(), &[1, 3, 1]);
    assert_close(&y, &[-2.0, -2.0, -2.0], 0.0);
    // 'same': one zero before and one after.
    let y = run(&x, &w, &args(&[1], Padding::Same, &[1])).unwrap();
    assert_close(&y, &[-2.0, -2.0, -2.0, -2.0, 4.0], 0.0);
    // Dilation 2: y[i] = x[i] + x[i + 2].
    let y = run(&t(&[1, 6, 1], &iota(6)), &t(&[2, 1, 1], &[1.0, 1.0]), &args(&[1], Padding::Valid, &[2])).unwrap();
    assert_close(&y, &[4.0, 6.0, 8.0, 10.0], 0.0);
    // Causal-style explicit padding: two zeros before.
    let y = run(&x, &t(&[3, 1, 1], &[1.0, 1.0, 1.0]), &args(&[1], Padding::Explicit(vec![(2, 0)]), &[1])).unwrap();
    assert_close(&y, &[1.0, 3.0, 6.0, 9.0, 12.0], 0.0);
    // Stride 2 over 5 with 'same': ceil(5 / 2) = 3 outputs, one zero on each side.
    let y = run(&x, &t(&[3, 1, 1], &[1.0, 1.0, 1.0]), &args(&[2], Padding::Same, &[1])).unwrap();
    assert_close(&y, &[3.0, 9.0, 9.0], 0.0);
}

#[test]
fn same_padding_puts_the_odd_zero_after_as_tensorflow() {
    let x = t(&[1, 4, 4, 1], &iota(16));
    // 2×2 ones, stride 2: no padding, block sums.
    let y = run(&x, &t(&[2, 2, 1, 1], &[1.0; 4]), &args(&[2], Padding::Same, &[1])).unwrap();
    assert_close(&y, &[14.0, 22.0, 46.0, 54.0], 0.0);
    // 3×3 ones, stride 2: one zero row/column, after (bottom / right).
    let y = run(&x, &t(&[3, 3, 1, 1], &[1.0; 9]), &args(&[2, 2], Padding::Same, &[1, 1])).unwrap();
    assert_eq!(y.shape(), &[1, 2, 2, 1]);
    assert_close(&y, &[54.0, 45.0, 72.0, 54.0], 0.0);
}

#[test]
fn groups_3d_and_channels_first() {
    // Two channels, two groups: each output channel sees one input channel.
    let y = run(&t(&[1, 1, 2], &[1.0, 2.0]), &t(&[1, 1, 2], &[3.0, 5.0]), &args(&[1], Padding::Valid, &[1])).unwrap();
    assert_close(&y, &[3.0, 10.0], 0.0);
    let y = run(&t(&[1, 2, 2, 2, 1], &iota(8)), &t(&[2, 2, 2, 1, 1], &[1.0; 8]), &args(&[1], Padding::Valid, &[1])).unwrap();
    assert_eq!(y.shape(), &[1, 1, 1, 1, 1]);
    assert_close(&y, &[36.0], 0.0);
    // channels_first: (1, 2, 3) with channels [1, 2, 3] and [10, 20, 30], kernel (2, 2, 1).
    let x = t(&[1, 2, 3], &[1.0, 2.0, 3.0, 10.0, 20.0, 30.0]);
    let w = t(&[2, 2, 1], &[1.0, 1.0, 0.0, -1.0]);
    let a = ConvArgs { channels_first: true, ..args(&[1], Padding::Valid, &[1]) };
    let y = run(&x, &w, &a).unwrap();
    assert_eq!(y.shape(), &[1, 1, 2]);
    // y[i] = x0[i] + x1[i] - x1[i + 1]
    assert_close(&y, &[1.0 + 10.0 - 20.0, 2.0 + 20.0 - 30.0], 0.0);
}

/// Naive channels-last convolution in f64 (3-D spatial; 1-D and 2-D have leading 1s).
fn reference(geo: &geometry::Geometry, x: &[f32], w: &[f32]) -> Vec<f32> {
    let (cin, cout, cg, go) = (geo.in_channels, geo.out_channels, geo.group_in(), geo.group_out());
    let mut out = Vec::new();
    for n in 0..geo.batch {
        for od in 0..geo.output[0] {
            for oh in 0..geo.output[1] {
                for ow in 0..geo.output[2] {
                    for co in 0..cout {
                        let g = co / go;
                        let mut s = 0.0f64;
                        for kd in 0..geo.kernel[0] {
                            for kh in 0..geo.kernel[1] {
                                for kw in 0..geo.kernel[2] {
                                    let p = |i: usize, o: usize, k: usize| (o * geo.strides[i] + k * geo.dilation[i]) as isize - geo.pad[i] as isize;
                                    let (id, ih, iw) = (p(0, od, kd), p(1, oh, kh), p(2, ow, kw));
                                    if id < 0 || ih < 0 || iw < 0 || id >= geo.input[0] as isize || ih >= geo.input[1] as isize || iw >= geo.input[2] as isize {
                                        continue;
                                    }
                                    let pix = ((n * geo.input[0] + id as usize) * geo.input[1] + ih as usize) * geo.input[2] + iw as usize;
                                    for ci in 0..cg {
                                        let tap = (kd * geo.kernel[1] + kh) * geo.kernel[2] + kw;
                                        s += x[pix * cin + g * cg + ci] as f64 * w[(tap * cg + ci) * cout + co] as f64;
                                    }
                                }
                            }
                        }
                        out.push(s as f32);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn large_convolutions_match_a_naive_reference() {
    let cases: [(&[usize], &[usize], &[usize], Padding, &[usize]); 8] = [
        (&[4, 28, 28, 8], &[3, 3, 8, 16], &[1], Padding::Same, &[1]),
        (&[3, 28, 28, 1], &[3, 3, 1, 32], &[1], Padding::Valid, &[1]),
        (&[2, 15, 16, 5], &[3, 2, 5, 7], &[1], Padding::Same, &[2, 1]),
        (&[3, 17, 19, 6], &[5, 3, 3, 12], &[2, 1], Padding::Valid, &[1]),
        (&[2, 20, 20, 4], &[3, 3, 4, 8], &[1], Padding::Same, &[2, 3]),
        (&[2, 9, 10, 11, 4], &[3, 2, 3, 2, 6], &[2], Padding::Same, &[1]),
        (&[3, 200, 5], &[7, 5, 9], &[3], Padding::Valid, &[1]),
        (&[2, 12, 12, 32], &[1, 1, 32, 40], &[1], Padding::Valid, &[1]),
    ];
    for (i, (xs, ws, strides, padding, dilation)) in cases.into_iter().enumerate() {
        let xv = pseudo_random(xs.iter().product(), 100 + i as u64);
        let wv = pseudo_random(ws.iter().product(), 200 + i as u64);
        let a = args(strides, padding, dilation);
        let geo = geometry::Geometry::new(xs, ws, &a).unwrap();
        let y = run(&t(xs, &xv), &t(ws, &wv), &a).unwrap();
        assert_eq!(y.shape(), geo.out_shape.as_slice(), "case {i}");
        assert_close(&y, &reference(&geo, &xv, &wv), 1e-4);
    }
}

#[test]
fn large_gradients_match_the_adjoint_of_the_reference() {
    // <dy, conv(x, w)> is linear in x and in w, so its gradient at a basis vector is one
    // reference convolution: check a sample of elements of dx and dw for grouped 2-D convs.
    for (xs, ws, strides, padding) in [
        (&[2, 13, 11, 6][..], &[3, 3, 3, 8][..], &[2, 1][..], Padding::Same),
        (&[3, 30, 30, 4][..], &[3, 3, 4, 16][..], &[1][..], Padding::Valid),
    ] {
        let a = args(strides, padding, &[1]);
        let (xv, wv) = (pseudo_random(xs.iter().product(), 5), pseudo_random(ws.iter().product(), 6));
        let geo = geometry::Geometry::new(xs, ws, &a).unwrap();
        let dy = pseudo_random(geo.out_shape.iter().product(), 7);
        let mut tape = Tape::default();
        tape.start();
        let (x, w) = (t(xs, &xv), t(ws, &wv));
        let y = conv(&mut tape, &x, &w, &a).unwrap();
        let seed = ArrayD::from_shape_vec(IxDyn(y.shape()), dy.clone()).unwrap().into_shared();
        let grads = tape.gradients(&y, Some(seed), &[x.id, w.id]).unwrap();
        let (dx, dw) = (grads[0].clone().unwrap(), grads[1].clone().unwrap());
        let dot = |v: Vec<f32>| v.iter().zip(&dy).map(|(a, b)| *a as f64 * *b as f64).sum::<f64>();
        for j in (0..xv.len()).step_by(97) {
            let mut e = vec![0.0; xv.len()];
            e[j] = 1.0;
            let want = dot(reference(&geo, &e, &wv));
            assert!((dx.as_slice().unwrap()[j] as f64 - want).abs() < 1e-3, "dx[{j}]");
        }
        for j in (0..wv.len()).step_by(7) {
            let mut e = vec![0.0; wv.len()];
            e[j] = 1.0;
            let want = dot(reference(&geo, &xv, &e));
            assert!((dw.as_slice().unwrap()[j] as f64 - want).abs() < 1e-3 * want.abs().max(1.0), "dw[{j}]");
        }
    }
}

#[test]
fn parallel_and_inline_runs_agree() {
    // Above PARALLEL_MIN_WORK: tiles, samples and filter-gradient partials split over the
    // default pool; a one-thread pool runs the same convolution inline.
    let (xs, ws) = ([20, 28, 28, 8], [3, 3, 8, 16]);
    let a = args(&[1], Padding::Same, &[1]);
    let (xv, wv) = (pseudo_random(xs.iter().product(), 31), pseudo_random(ws.iter().product(), 32));
    let passes = || {
        let mut tape = Tape::default();
        tape.start();
        let (x, w) = (t(&xs, &xv), t(&ws, &wv));
        let y = conv(&mut tape, &x, &w, &a).unwrap();
        let seed = ArrayD::from_shape_vec(IxDyn(y.shape()), pseudo_random(y.len(), 33)).unwrap().into_shared();
        let grads = tape.gradients(&y, Some(seed), &[x.id, w.id]).unwrap();
        [y.to_f32_vec(), grads[0].clone().unwrap().iter().copied().collect(), grads[1].clone().unwrap().iter().copied().collect()]
    };
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(passes);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap().install(passes);
    for (got, want) in pool.iter().zip(&one_thread) {
        let worst = got.iter().zip(want).map(|(g, w)| (g - w).abs() / w.abs().max(1.0)).fold(0.0, f32::max);
        // The filter gradient sums 15,680 products per weight, in another order per split.
        assert!(worst < 1e-4, "largest relative difference {worst}");
    }
}

#[test]
fn gradients_agree_with_finite_differences() {
    let cases: Vec<(Vec<usize>, Vec<usize>, ConvArgs)> = vec![
        (vec![2, 6, 2], vec![3, 2, 3], args(&[1], Padding::Valid, &[1])),
        (vec![1, 7, 2], vec![3, 2, 2], args(&[2], Padding::Same, &[1])),
        (vec![1, 7, 1], vec![2, 1, 2], args(&[1], Padding::Same, &[2])),
        (vec![1, 6, 1], vec![3, 1, 1], args(&[1], Padding::Explicit(vec![(2, 0)]), &[1])),
        (vec![2, 5, 4, 2], vec![3, 2, 2, 3], args(&[2, 1], Padding::Same, &[1])),
        (vec![1, 5, 5, 4], vec![2, 2, 2, 4], args(&[1], Padding::Valid, &[2])),
        (vec![1, 3, 4, 3, 2], vec![2, 2, 2, 2, 2], args(&[1], Padding::Same, &[1])),
        (vec![1, 2, 5, 4], vec![2, 2, 2, 3], ConvArgs { channels_first: true, ..args(&[1, 2], Padding::Same, &[1]) }),
    ];
    for (i, (xs, ws, a)) in cases.into_iter().enumerate() {
        let x = t(&xs, &pseudo_random(xs.iter().product(), 50 + i as u64));
        let w = t(&ws, &pseudo_random(ws.iter().product(), 70 + i as u64));
        gradcheck(|tape, v| conv(tape, &v[0], &v[1], &a), &[x, w]);
    }
}

#[test]
fn errors_name_the_op_and_both_shapes() {
    let err = |xs: &[usize], ws: &[usize], a: ConvArgs| {
        let (x, w) = (t(xs, &vec![0.0; xs.iter().product()]), t(ws, &vec![0.0; ws.iter().product()]));
        run(&x, &w, &a).unwrap_err().to_string()
    };
    let valid = || args(&[1], Padding::Valid, &[1]);
    assert_eq!(
        err(&[2, 3], &[3, 3], valid()),
        "conv: inputs must have rank 3, 4 or 5 (batch, spatial axes, channels), received inputs of shape (2, 3) and kernel of shape (3, 3)"
    );
    assert_eq!(
        err(&[1, 5, 5, 1], &[3, 1, 1], valid()),
        "conv: the kernel must have the same rank as the inputs, received inputs of shape (1, 5, 5, 1) and kernel of shape (3, 1, 1)"
    );
    assert_eq!(
        err(&[1, 4, 4, 1], &[5, 5, 1, 2], valid()),
        "conv: computed output size would be zero or negative, received inputs of shape (1, 4, 4, 1) and kernel of shape (5, 5, 1, 2), strides=[1, 1], dilation_rate=[1, 1], padding=valid"
    );
    assert_eq!(
        err(&[1, 4, 4, 5], &[3, 3, 2, 2], valid()),
        "conv: the inputs' channels (5) must be a positive multiple of the kernel's input channels (2), received inputs of shape (1, 4, 4, 5) and kernel of shape (3, 3, 2, 2)"
    );
    assert_eq!(
        err(&[1, 4, 4, 4], &[3, 3, 2, 3], valid()),
        "conv: the kernel's output channels (3) must be divisible by the number of groups (2), received inputs of shape (1, 4, 4, 4) and kernel of shape (3, 3, 2, 3)"
    );
    assert_eq!(
        err(&[1, 4, 4, 1], &[3, 3, 1, 1], args(&[1, 1, 1], Padding::Valid, &[1])),
        "conv: `strides` must hold 1 or 2 values, received [1, 1, 1] for inputs of shape (1, 4, 4, 1) and kernel of shape (3, 3, 1, 1)"
    );
    assert!(err(&[1, 4, 1], &[3, 1, 1], args(&[0], Padding::Valid, &[1])).starts_with("conv: strides and dilation_rate must be positive"));
    assert!(err(&[1, 1 << 15, 1], &[1, 1, 1 << 14], valid()).starts_with("conv: the output of shape (1, 32768, 16384) would hold more than"));
    let x = ti(&[1, 3, 1], &[1, 2, 3]);
    assert_eq!(run(&x, &t(&[1, 1, 1], &[1.0]), &valid()).unwrap_err().to_string(), "conv: expected a float32 tensor, received int32");
}

#[test]
fn empty_batches_and_channels() {
    let y = run(&t(&[0, 5, 5, 2], &[]), &t(&[3, 3, 2, 4], &[0.5; 72]), &args(&[1], Padding::Same, &[1])).unwrap();
    assert_eq!(y.shape(), &[0, 5, 5, 4]);
    let y = run(&t(&[1, 5, 2], &[1.0; 10]), &t(&[3, 2, 0], &[]), &args(&[1], Padding::Valid, &[1])).unwrap();
    assert_eq!(y.shape(), &[1, 3, 0]);
}
