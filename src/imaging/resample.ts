// Resampling a row-major image to another size: the model's input (model/preprocess.ts) and the films
// compared with a prior (align.ts) are resized by the same one. Plain TypeScript.
import type { DisplayTable } from './display';

/**
 * Area-average resize with PyTorch adaptive_avg_pool2d's windows: output cell i covers input
 * [floor(i * H / h), ceil((i + 1) * H / h)). Hand-written because the model was trained with
 * exactly these windows; a canvas or image-library resize filters differently.
 */
export function resizeArea(
  src: ArrayLike<number>,
  rows: number,
  cols: number,
  outRows: number,
  outCols: number,
  table?: DisplayTable,
): Float32Array {
  // Column sums first (separable), then rows.
  const colStart = Array.from({ length: outCols }, (_, j) => Math.floor((j * cols) / outCols));
  const colEnd = Array.from({ length: outCols }, (_, j) => Math.ceil(((j + 1) * cols) / outCols));
  const tmp = new Float32Array(rows * outCols);
  const values = table?.values;
  const min = table?.min ?? 0;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < outCols; j++) {
      let sum = 0;
      if (values) for (let c = colStart[j]; c < colEnd[j]; c++) sum += values[src[base + c] - min];
      else for (let c = colStart[j]; c < colEnd[j]; c++) sum += src[base + c];
      tmp[r * outCols + j] = sum / (colEnd[j] - colStart[j]);
    }
  }
  const out = new Float32Array(outRows * outCols);
  for (let i = 0; i < outRows; i++) {
    const r0 = Math.floor((i * rows) / outRows);
    const r1 = Math.ceil(((i + 1) * rows) / outRows);
    for (let j = 0; j < outCols; j++) {
      let sum = 0;
      for (let r = r0; r < r1; r++) sum += tmp[r * outCols + j];
      out[i * outCols + j] = sum / (r1 - r0);
    }
  }
  return out;
}
