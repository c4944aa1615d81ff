// Where the model looked for a finding, drawn over the image: its cross-attention grid as a heat
// map on a canvas above the viewport, redrawn whenever Cornerstone renders (zoom, pan, scroll).
// Cells cover the model's input square at the image's top-left; cells outside the image are clipped.
import { Enums, utilities as csUtils, type Types } from '@cornerstonejs/core';
import type { Evidence } from '../report/types';

/** The strongest cell, in image pixels: what a reader (and a test) compares with the finding's box. */
export interface HeatmapPeak {
  box: [number, number, number, number];
  weight: number;
}

/** A cold-to-hot ramp (transparent blue → yellow → red) for weight relative to the map's maximum. */
function colour(t: number): string {
  const r = Math.round(255 * Math.min(1, 2 * t));
  const g = Math.round(255 * Math.min(1, 2 * (1 - t)) * Math.min(1, 2 * t + 0.2));
  const b = Math.round(255 * Math.max(0, 1 - 2 * t));
  // Weak cells nearly transparent, so the image stays readable where the model did not look.
  return `rgba(${r}, ${g}, ${b}, ${(0.04 + 0.56 * t * t).toFixed(3)})`;
}

export function cellBox(evidence: Evidence, index: number, rows: number, cols: number): [number, number, number, number] | undefined {
  const [gr, gc] = evidence.grid;
  const r = Math.floor(index / gc);
  const c = index % gc;
  const w = evidence.squarePx / gc;
  const h = evidence.squarePx / gr;
  const box: [number, number, number, number] = [c * w, r * h, Math.min(cols, (c + 1) * w), Math.min(rows, (r + 1) * h)];
  return box[0] < cols && box[1] < rows ? box : undefined;
}

export function peakOf(evidence: Evidence, rows: number, cols: number): HeatmapPeak | undefined {
  let best: HeatmapPeak | undefined;
  evidence.weights.forEach((weight, i) => {
    const box = cellBox(evidence, i, rows, cols);
    if (box && (!best || weight > best.weight)) best = { box, weight };
  });
  return best;
}

export class HeatmapLayer {
  private readonly canvas = document.createElement('canvas');
  private evidence: Evidence | undefined;
  private readonly redraw = () => this.draw();

  constructor(
    private readonly element: HTMLDivElement,
    private readonly viewport: () => Types.IStackViewport,
  ) {
    this.canvas.dataset.testid = 'heatmap';
    Object.assign(this.canvas.style, {
      position: 'absolute',
      inset: '0',
      width: '100%',
      height: '100%',
      pointerEvents: 'none',
      zIndex: '5',
    });
    element.appendChild(this.canvas);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, this.redraw);
  }

  show(evidence: Evidence | undefined): void {
    this.evidence = evidence;
    this.draw();
  }

  dispose(): void {
    this.element.removeEventListener(Enums.Events.IMAGE_RENDERED, this.redraw);
    this.canvas.remove();
  }

  private draw(): void {
    const { canvas, evidence } = this;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(this.element.clientWidth * ratio);
    canvas.height = Math.round(this.element.clientHeight * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const vp = this.viewport();
    const imageId = vp.getCurrentImageId?.();
    const dims = vp.getImageData?.()?.dimensions;
    delete canvas.dataset.peak;
    if (!evidence || !dims || imageId !== evidence.imageId) return;
    const [cols, rows] = dims;
    const max = Math.max(...evidence.weights, 1e-9);
    const toCanvas = (x: number, y: number) =>
      vp.worldToCanvas(csUtils.imageToWorldCoords(imageId, [x, y]) as Types.Point3).map((v) => v * ratio);
    evidence.weights.forEach((weight, i) => {
      const box = cellBox(evidence, i, rows, cols);
      if (!box) return;
      const [x0, y0] = toCanvas(box[0], box[1]);
      const [x1, y1] = toCanvas(box[2], box[3]);
      ctx.fillStyle = colour(weight / max);
      ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    });
    const peak = peakOf(evidence, rows, cols);
    if (peak) canvas.dataset.peak = JSON.stringify(peak.box.map((v) => Math.round(v)));
  }
}
