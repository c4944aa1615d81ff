// One colour per finding, the same in the report list and on the image (distinct on black).
const PALETTE = ['#38bdf8', '#f59e0b', '#a3e635', '#f472b6', '#c084fc', '#2dd4bf', '#fb7185', '#facc15'];

export function findingColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}
