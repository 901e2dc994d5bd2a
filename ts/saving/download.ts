/**
 * `model.save('downloads://name.keras')` in a browser page: the file is offered as a download, as
 * with TensorFlow.js's `downloads://` scheme. Other runtimes write paths (Node) or take the bytes
 * from `saveModel(model)`.
 */
import { ValueError } from '../utils/errors.js';

const SCHEME = 'downloads://';

export function isDownload(path: string): boolean {
  return path.startsWith(SCHEME);
}

/** Hands `bytes` to the browser as the file named after the scheme. */
export function offerDownload(path: string, bytes: Uint8Array): void {
  const name = path.slice(SCHEME.length);
  if (name === '' || /[\\/]/.test(name)) throw new ValueError(`'${path}': a download needs a file name without folders after '${SCHEME}', such as '${SCHEME}model.keras'.`);
  if (typeof document === 'undefined') {
    throw new ValueError(`'${path}': downloads need a page's document; in a Worker call saveModel(model) and pass the bytes to the page.`);
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the object URL after this task; free it once the download has started.
  setTimeout(() => URL.revokeObjectURL(link.href), 30_000);
}
