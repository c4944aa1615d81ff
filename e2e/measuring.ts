// Measuring on the phantom in the browser: where its image lies on the page, drags and clicks at
// image points, the values the measurements panel shows, and the phantom opened at its centre slice.
import { expect, type Page } from '@playwright/test';
import { dropPaths, forgetSavedReports } from './helpers';
import { PHANTOM, writePhantom } from './fixtures/phantom';

export type Rect = { x: number; y: number; w: number; h: number };

/** Where the image lies on the page: the lit part of the viewport's canvas (the phantom's background is grey). */
export async function imageRect(page: Page, testid = 'viewport'): Promise<Rect> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid=${id}] canvas`)!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let [x0, y0, x1, y1] = [canvas.width, canvas.height, -1, -1];
    for (let y = 0; y < canvas.height; y++)
      for (let x = 0; x < canvas.width; x++) {
        if (data[(y * canvas.width + x) * 4] <= 16) continue;
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      }
    const box = canvas.getBoundingClientRect();
    const scale = box.width / canvas.width;
    return { x: box.x + x0 * scale, y: box.y + y0 * scale, w: (x1 + 1 - x0) * scale, h: (y1 + 1 - y0) * scale };
  }, testid);
}

/** A point of the image (columns, rows in image pixels) on the page. */
export const at = (r: Rect, [x, y]: number[]): [number, number] => [r.x + (x * r.w) / PHANTOM.size, r.y + (y * r.h) / PHANTOM.size];

/**
 * A drag from one image point to another. Cornerstone's tools take the pointer's moves at render
 * speed (slow on a software GPU): the pointer rests on the end point until the tool has followed.
 */
export async function drag(page: Page, r: Rect, from: number[], to: number[]): Promise<void> {
  const end = at(r, to);
  await page.mouse.move(...at(r, from));
  await page.mouse.down();
  await page.mouse.move(...end, { steps: 12 });
  await page.waitForTimeout(300);
  await page.mouse.move(end[0] + 0.25, end[1]);
  await page.mouse.move(...end);
  await page.waitForTimeout(300);
  await page.mouse.up();
}

export async function click(page: Page, r: Rect, p: number[]): Promise<void> {
  await page.mouse.move(...at(r, p));
  await page.mouse.down();
  await page.mouse.up();
}

/** The numbers the panel shows for the newest measurement of a tool, by value name ("long axis" → 20.1). */
export async function valuesOf(page: Page, tool: string): Promise<Record<string, number>> {
  const text = await page.locator(`[data-testid=measurement][data-tool=${tool}]`).last().getByTestId('measurement-values').innerText();
  return Object.fromEntries([...text.matchAll(/([a-zA-Z ]+?) (-?\d+(?:\.\d+)?)/g)].map((m) => [m[1].trim().toLowerCase(), Number(m[2])]));
}

/** The phantom opened, at the slice through the sphere's centre. */
export async function openPhantom(page: Page, prior?: { sphereMm: number; date: string }): Promise<Rect> {
  await page.goto('./');
  await forgetSavedReports(page);
  await dropPaths(page, writePhantom(prior));
  await expect(page.getByTestId('overlay-slice')).toContainText(`/${PHANTOM.slices}`);
  // A chest CT hangs in three viewports (chest-ct-planes): the tools measure on one, at full size.
  await page.getByTestId('layout-picker').selectOption('1x1');
  for (let k = 0; k < PHANTOM.centreSlice; k++) await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('overlay-slice')).toContainText(`Im ${PHANTOM.centreSlice + 1}/${PHANTOM.slices}`);
  await expect.poll(async () => (await imageRect(page)).w).toBeGreaterThan(100);
  return imageRect(page);
}

export const [cx, cy] = PHANTOM.sphere.centre;
export const radiusPx = PHANTOM.sphere.diameterMm / 2 / PHANTOM.spacingMm;

/** A bidirectional across the sphere's section: the long axis drawn on a diameter, the short axis dragged out to the edge. */
export async function measureSphere(page: Page, r: Rect): Promise<void> {
  await page.keyboard.press('b');
  await drag(page, r, [cx - radiusPx, cy], [cx + radiusPx, cy]);
  // Cornerstone starts the short axis at a third of the long one each side of the centre.
  await drag(page, r, [cx, cy - (2 * radiusPx) / 3], [cx, cy - radiusPx]);
  await drag(page, r, [cx, cy + (2 * radiusPx) / 3], [cx, cy + radiusPx]);
}
