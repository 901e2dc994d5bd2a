/** The live training curves: metric values per batch and per epoch, drawn with lineChartSvg. */
import { type LineSeries, lineChartSvg } from '../../ts/plot/line_chart.js';

export class Curves {
  private readonly series = new Map<string, number[]>();

  constructor(
    private readonly element: HTMLElement,
    private readonly title: string,
    private readonly xLabel: string,
  ) {}

  /** Appends one point to every single-valued metric in `logs` and redraws. */
  add(logs: Record<string, number | number[]>): void {
    for (const [name, value] of Object.entries(logs)) {
      if (typeof value !== 'number') continue;
      if (!this.series.has(name)) this.series.set(name, []);
      this.series.get(name)!.push(value);
    }
    this.draw();
  }

  /** How many points the curves hold. */
  get points(): number {
    return Math.max(0, ...[...this.series.values()].map((v) => v.length));
  }

  private draw(): void {
    const lines: LineSeries[] = [...this.series].map(([name, values]) => ({ name, values }));
    this.element.innerHTML = lineChartSvg(lines, { title: this.title, xLabel: this.xLabel, width: 420, height: 260 });
    this.element.dataset.points = String(this.points);
  }
}
