/**
 * Keras's `data_format`: where the channels axis of an image-like input is, and the axes that
 * follow from it (`backend.standardize_data_format`).
 */
import { ValueError } from '../utils/errors.js';

/** `'channels_last'` (`(batch, *spatial, channels)`, Keras's default) or `'channels_first'`. */
export type DataFormat = 'channels_last' | 'channels_first';

/** null → 'channels_last' (Keras's `image_data_format()`); anything else must name a format. */
export function standardizeDataFormat(value: unknown): DataFormat {
  if (value === null || value === undefined) return 'channels_last';
  const format = String(value).toLowerCase();
  if (format !== 'channels_last' && format !== 'channels_first') {
    throw new ValueError(`The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${format}`);
  }
  return format;
}

/** The channels axis of a rank-`rank` input: 1, or the last. */
export function channelAxis(rank: number, dataFormat: DataFormat): number {
  return dataFormat === 'channels_first' ? 1 : rank - 1;
}

/** The spatial axes of a rank-`rank` input (every axis but the batch and the channels). */
export function spatialAxes(rank: number, dataFormat: DataFormat): number[] {
  const first = dataFormat === 'channels_first' ? 2 : 1;
  return Array.from({ length: rank - 2 }, (_, i) => first + i);
}
