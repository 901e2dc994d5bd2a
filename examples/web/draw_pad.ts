/**
 * The canvas the user draws a digit on, and its conversion to an MNIST-like 28×28 image: the
 * stroke's bounding box scaled to fit 20×20, then placed so that its centre of mass is the
 * image's centre (how MNIST's digits were normalised).
 */
const SIZE = 28;
const BOX = 20;

export class DrawPad {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private inked = false;

  constructor(private readonly canvas: HTMLCanvasElement, onStrokeEnd: () => void) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear();
    canvas.addEventListener('pointerdown', (e) => {
      this.drawing = true;
      this.ctx.beginPath();
      this.ctx.moveTo(...this.point(e));
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      this.ctx.lineTo(...this.point(e));
      this.ctx.stroke();
      this.inked = true;
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = false;
      if (this.inked) onStrokeEnd();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointerleave', end);
  }

  clear(): void {
    const { ctx, canvas } = this;
    ctx.fillStyle = 'black';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.strokeStyle = 'white';
    ctx.lineWidth = canvas.width / 14;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    this.inked = false;
  }

  private point(e: PointerEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [((e.clientX - rect.left) * this.canvas.width) / rect.width, ((e.clientY - rect.top) * this.canvas.height) / rect.height];
  }

  /** The drawing as 784 values in [0, 1], MNIST-normalised; null when nothing is drawn. */
  image(): Float32Array | null {
    const box = inkBox(this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height));
    if (!box) return null;
    const scale = BOX / Math.max(box.width, box.height);
    const [w, h] = [box.width * scale, box.height * scale];
    const small = document.createElement('canvas');
    small.width = small.height = SIZE;
    const ctx = small.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(this.canvas, box.x, box.y, box.width, box.height, (SIZE - w) / 2, (SIZE - h) / 2, w, h);
    const centred = grey(ctx.getImageData(0, 0, SIZE, SIZE));
    const [cx, cy] = centreOfMass(centred);
    return shifted(centred, Math.round(SIZE / 2 - cx), Math.round(SIZE / 2 - cy));
  }
}

function inkBox(image: ImageData): { x: number; y: number; width: number; height: number } | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.data[(y * image.width + x) * 4]! > 32) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

function grey(image: ImageData): Float32Array {
  return Float32Array.from({ length: SIZE * SIZE }, (_, i) => image.data[i * 4]! / 255);
}

function centreOfMass(pixels: Float32Array): [number, number] {
  let [total, sx, sy] = [0, 0, 0];
  pixels.forEach((v, i) => {
    total += v;
    sx += v * ((i % SIZE) + 0.5);
    sy += v * (Math.floor(i / SIZE) + 0.5);
  });
  return [sx / total, sy / total];
}

function shifted(pixels: Float32Array, dx: number, dy: number): Float32Array {
  const out = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const [sx, sy] = [x - dx, y - dy];
      if (sx >= 0 && sx < SIZE && sy >= 0 && sy < SIZE) out[y * SIZE + x] = pixels[sy * SIZE + sx]!;
    }
  }
  return out;
}
