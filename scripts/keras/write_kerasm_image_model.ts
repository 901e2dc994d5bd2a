/**
 * The kerasm side of the image layers' interop check: builds the model of
 * scripts/keras/image_preprocessing_fixtures.py (`augment_model`), saves it as `.keras` and writes
 * `augment_model.json` (layer classes and configs, probe images, kerasm's predictions), which
 * `image_preprocessing_fixtures.py check DIR` compares in Keras.
 *
 *     node dist/scripts/keras/write_kerasm_image_model.js DIR
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Input, Sequential, type Tensor, layers, tensor } from '../../ts/index.js';

export function augmentModel(): InstanceType<typeof Sequential> {
  return new Sequential([
    Input({ shape: [10, 12, 3] }),
    new layers.Resizing({ height: 8, width: 8, interpolation: 'bicubic', antialias: true }),
    new layers.CenterCrop(6, 6),
    new layers.RandomFlip({ mode: 'horizontal', seed: 1 }),
    new layers.RandomRotation({ factor: 0.1, fillMode: 'constant', seed: 2 }),
    new layers.RandomZoom({ heightFactor: 0.1, seed: 3 }),
    new layers.RandomTranslation({ heightFactor: 0.1, widthFactor: 0.2, seed: 4 }),
    new layers.RandomContrast({ factor: 0.2, valueRange: [0, 1], seed: 5 }),
    new layers.RandomBrightness({ factor: 0.1, valueRange: [0, 1], seed: 6 }),
    new layers.RandomCrop({ height: 6, width: 6, seed: 7 }),
    new layers.Flatten(),
    new layers.Dense(2),
  ]);
}

async function main(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const model = augmentModel();
  const shape = [3, 10, 12, 3];
  const values = Array.from({ length: 3 * 10 * 12 * 3 }, (_, i) => Math.sin(i * 0.37));
  const probe = tensor(values, shape);
  const outputs = model.predict(probe, { verbose: 0 }) as Tensor;
  await model.save(join(dir, 'augment_model.keras'));
  const record = {
    layers: model.layers.map((layer) => [layer.constructor.name, layer.getConfig()]),
    inputs: { shape, values },
    outputs: Array.from(outputs.dataSync()),
  };
  await writeFile(join(dir, 'augment_model.json'), `${JSON.stringify(record)}\n`);
  probe.dispose();
  outputs.dispose();
}

await main(process.argv[2] ?? '.');
