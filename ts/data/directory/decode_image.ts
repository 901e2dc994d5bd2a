/**
 * Image files to pixels, as TensorFlow's `decode_image` (which Keras's image loader calls): the
 * format is read from the file's first bytes, not its name. PNGs are decoded by `fast-png` and
 * JPEGs by `jpeg-js` (pure JavaScript, imported on first use, so only programs that load images
 * load them); GIF and BMP files, which Keras also accepts, are refused with the file named.
 */
import { ValueError } from '../../utils/errors.js';
import { convertChannels, type Pixels } from './channels.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

type Format = 'png' | 'jpeg' | 'gif' | 'bmp';

/** The pixels of an image file with `channels` channels (1, 3 or 4); `path` names it in errors. */
export async function decodeImage(bytes: Uint8Array, channels: number, path: string): Promise<Pixels> {
  const format = formatOf(bytes);
  if (format === 'png') return convertChannels(await decodePng(bytes), channels);
  if (format === 'jpeg') {
    // TensorFlow's JPEG decoder refuses an alpha channel ("JPEG does not support 4 channels").
    if (channels === 4) throw new ValueError(`JPEG does not support 4 channels (color_mode="rgba"): ${path}`);
    return convertChannels(await decodeJpeg(bytes), channels);
  }
  if (format === 'gif' || format === 'bmp') {
    throw new ValueError(`kerasm cannot decode ${format.toUpperCase()} images; convert ${path} to PNG or JPEG.`);
  }
  throw new ValueError(`Unknown image file format. One of JPEG, PNG, GIF, BMP required: ${path}`);
}

function formatOf(bytes: Uint8Array): Format | null {
  const startsWith = (signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);
  if (startsWith(PNG_SIGNATURE)) return 'png';
  if (startsWith(JPEG_SIGNATURE)) return 'jpeg';
  if (startsWith([0x47, 0x49, 0x46, 0x38])) return 'gif'; // "GIF8"
  if (startsWith([0x42, 0x4d])) return 'bmp'; // "BM"
  return null;
}

async function decodePng(bytes: Uint8Array): Promise<Pixels> {
  const png = await import('fast-png');
  const image = png.decode(bytes);
  if (image.palette) return { height: image.height, width: image.width, channels: image.palette[0]!.length, data: png.convertIndexedToRgb(image) };
  // 16-bit samples keep their high byte, as TensorFlow's 8-bit PNG decoding does.
  const data = image.depth === 16 ? Uint8Array.from(image.data, (v) => v >>> 8) : Uint8Array.from(image.data);
  if (image.depth < 8) return { height: image.height, width: image.width, channels: 1, data: expandGray(data, image.width, image.height, image.depth) };
  return { height: image.height, width: image.width, channels: image.channels, data };
}

/**
 * Gray samples of 1, 2 or 4 bits (packed, each row starting on a byte) as 8-bit values, scaled
 * as libpng's `png_set_expand_gray_1_2_4_to_8`.
 */
function expandGray(packed: Uint8Array, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8);
  const max = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      const sample = (packed[y * rowBytes + (bit >> 3)]! >> (8 - depth - (bit & 7))) & max;
      out[y * width + x] = (sample * 255) / max;
    }
  }
  return out;
}

async function decodeJpeg(bytes: Uint8Array): Promise<Pixels> {
  const jpeg = await import('jpeg-js');
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  return { height: image.height, width: image.width, channels: 3, data: image.data };
}
