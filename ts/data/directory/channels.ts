/**
 * The channel conversions of TensorFlow's `decode_image(channels=...)`, which Keras's image loader
 * asks for: gray spreads to RGB, alpha is added opaque or dropped (never blended), and colour
 * becomes gray as TensorFlow's PNG decoder makes it (libpng's `png_set_rgb_to_gray` with Rec. 601
 * weights 0.299, 0.587, 0.114, in 15-bit fixed point, rounded down). JPEGs' gray is their luma,
 * which is the same weighting of the decoded colour.
 */

/** Pixels in rows of `channels` interleaved 8-bit values. */
export interface Pixels {
  height: number;
  width: number;
  channels: number;
  data: Uint8Array;
}

/** 0.299, 0.587 and the rest of 32768, as libpng turns the weights into integers. */
const [RED, GREEN, BLUE] = [9798, 19235, 3735];

/** `pixels` with `channels` channels (1, 3 or 4). */
export function convertChannels(pixels: Pixels, channels: number): Pixels {
  if (pixels.channels === channels) return pixels;
  const count = pixels.height * pixels.width;
  const out = new Uint8Array(count * channels);
  const from = pixels.data;
  const inChannels = pixels.channels;
  const isColour = inChannels >= 3;
  for (let p = 0; p < count; p++) {
    const i = p * inChannels;
    const o = p * channels;
    if (channels === 1) {
      out[o] = isColour ? (RED * from[i]! + GREEN * from[i + 1]! + BLUE * from[i + 2]!) >> 15 : from[i]!;
      continue;
    }
    for (let c = 0; c < 3; c++) out[o + c] = from[i + (isColour ? c : 0)]!;
    if (channels === 4) out[o + 3] = inChannels === 4 || inChannels === 2 ? from[i + inChannels - 1]! : 255;
  }
  return { height: pixels.height, width: pixels.width, channels, data: out };
}
