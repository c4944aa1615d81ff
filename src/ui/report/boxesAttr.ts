// A finding's boxes as a data attribute (rounded to 0.1 px), for tests and tools reading the page.
export const boxesAttr = (boxes: number[][]) => JSON.stringify(boxes.map((b) => b.map((v) => Math.round(v * 10) / 10)));
