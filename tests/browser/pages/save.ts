/**
 * Saving in a page: `model.save('downloads://tiny.keras')` offers a download (the test catches
 * it), and the same bytes load back from a Blob with the same predictions. The outcome is left
 * on `window.saveResult`.
 */
async function run(): Promise<{ predictions: number[]; reloaded: number[]; bytes: number }> {
  // Imported here, so that `saveResult` exists as soon as the page's script runs.
  const { Sequential, layers, loadModel, saveModel, tensor } = await import('../../../ts/index.js');
  const model = new Sequential([new layers.Dense({ units: 2, activation: 'softmax', inputShape: [3] })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy' });
  const x = tensor([[0.1, -0.2, 0.3], [1, 2, 3]]);
  const predictions = Array.from(model.predict(x, { verbose: 0 }).dataSync());
  await model.save('downloads://tiny.keras');
  const bytes = await saveModel(model);
  const reloaded = await loadModel(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  return { predictions, reloaded: Array.from(reloaded.predict(x, { verbose: 0 }).dataSync()), bytes: bytes.byteLength };
}

(window as { saveResult?: Promise<unknown> }).saveResult = run().catch((error: Error) => ({ error: String(error?.stack ?? error) }));
