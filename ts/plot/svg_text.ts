/** Pieces of SVG text shared by the charts. */

/** Text and attribute values with XML's special characters as entities. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A coordinate with two decimals at most, which keeps SVG text short. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** matplotlib's default colour cycle (tab10), which readers of Keras's plots know. */
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export const FONT = 'font-family="Helvetica, Arial, sans-serif"';
