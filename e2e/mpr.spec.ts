// MPR on a CT the test makes (e2e/fixtures/volumePhantom.ts): each plane shows the phantom's boxes
// where the geometry says, dragging a crosshair line moves the other plane to the right slice, a slab
// shows what a thin plane misses, and a series that forms no volume says why MPR is not offered.
import { expect, test, type Page } from '@playwright/test';
import { dropPaths, forgetSavedReports } from './helpers';
import { VOLUME, writeVolumePhantom, type Box } from './fixtures/volumePhantom';
import { imageRect, type Rect } from './measuring';

const PLANES = { axial: 'viewport-1', coronal: 'viewport-2', sagittal: 'viewport-3' } as const;
type Plane = keyof typeof PLANES;

/** Which voxel axes run across and down each plane's image, and their lengths. */
const AXES: Record<Plane, { across: 'x' | 'y'; down: 'y' | 'k'; size: [number, number] }> = {
  axial: { across: 'x', down: 'y', size: [VOLUME.size, VOLUME.size] },
  coronal: { across: 'x', down: 'k', size: [VOLUME.size, VOLUME.slices] },
  sagittal: { across: 'y', down: 'k', size: [VOLUME.size, VOLUME.slices] },
};

const centreOf = (b: Box, plane: Plane) => {
  const mid = (r: [number, number]) => (r[0] + r[1]) / 2;
  return [mid(b[AXES[plane].across]), mid(b[AXES[plane].down])];
};

/** A point of the plane's image (voxel units across and down) on the page. */
const onPage = (r: Rect, plane: Plane, [u, v]: number[]): [number, number] => {
  const [w, h] = AXES[plane].size;
  return [r.x + (u * r.w) / w, r.y + (v * r.h) / h];
};

/** The canvas's red value (0–255) at a point of the plane's image. */
async function brightness(page: Page, plane: Plane, at: number[]): Promise<number> {
  const r = await imageRect(page, PLANES[plane]);
  const [px, py] = onPage(r, plane, at);
  return page.evaluate(
    ([id, x, y]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid=${id}] canvas`)!;
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      return canvas.getContext('2d')!.getImageData(Math.round((x - box.x) * scale), Math.round((y - box.y) * scale), 1, 1).data[0];
    },
    [PLANES[plane], px, py] as const,
  );
}

const BRIGHT = 150;
const shows = (page: Page, plane: Plane, box: keyof typeof VOLUME.boxes) =>
  expect.poll(() => brightness(page, plane, centreOf(VOLUME.boxes[box], plane)), { message: `${plane} shows ${box}` });

async function openVolume(page: Page, series: Parameters<typeof writeVolumePhantom>[0] = ['volume']): Promise<void> {
  await page.goto('./');
  await forgetSavedReports(page);
  await dropPaths(page, writeVolumePhantom(series));
}

/** The volume opened (as its hanging rule lays a chest CT out), then MPR pressed: three planes of the volume. */
async function openPlanes(page: Page): Promise<void> {
  await openVolume(page);
  await page.getByTestId('mpr-button').click();
  await expect(page.getByTestId('mpr-button')).toHaveAttribute('aria-pressed', 'true');
  for (const [plane, count] of [
    ['axial', VOLUME.slices],
    ['coronal', VOLUME.size],
    ['sagittal', VOLUME.size],
  ] as const)
    await expect(page.getByTestId(PLANES[plane])).toHaveAttribute('data-slice-count', String(count));
  await expect(page.getByTestId('viewport-1-progress')).toHaveCount(0);
}

test('each plane of the volume shows the phantom where its geometry says', async ({ page }) => {
  await openPlanes(page);
  // Through the centre, each plane cuts its own box and none of the others.
  await shows(page, 'axial', 'C').toBeGreaterThan(BRIGHT);
  await shows(page, 'coronal', 'A').toBeGreaterThan(BRIGHT);
  await shows(page, 'sagittal', 'B').toBeGreaterThan(BRIGHT);
  for (const [plane, box] of [
    ['axial', 'A'],
    ['axial', 'B'],
    ['coronal', 'B'],
    ['coronal', 'C'],
    ['sagittal', 'A'],
    ['sagittal', 'C'],
  ] as const)
    await shows(page, plane, box).toBeLessThan(BRIGHT);
  await expect(page.getByTestId('viewport-1-plane')).toContainText('Axial');
  await expect(page.getByTestId('viewport-2-plane')).toContainText('Coronal');
  await expect(page.getByTestId('viewport-3-wl')).toHaveText('W 2000 L 0');
});

test('dragging a crosshair line moves the other plane to the slice it marks', async ({ page }) => {
  await openPlanes(page);
  await page.keyboard.press('s');
  const coronalSlice = await page.getByTestId(PLANES.coronal).getAttribute('data-slice-index');
  // On the axial plane the sagittal plane's line runs down the middle: drag it (away from the centre) to box A's column.
  const r = await imageRect(page, PLANES.axial);
  const targetColumn = 12;
  await page.mouse.move(...onPage(r, 'axial', [VOLUME.size / 2, 8]));
  await page.mouse.down();
  await page.mouse.move(...onPage(r, 'axial', [targetColumn, 8]), { steps: 12 });
  await page.waitForTimeout(500);
  await page.mouse.up();
  await expect
    .poll(async () => Number(await page.getByTestId(PLANES.sagittal).getAttribute('data-slice-index')))
    .toBeCloseTo(targetColumn, -0.5);
  await shows(page, 'sagittal', 'A').toBeGreaterThan(BRIGHT);
  await shows(page, 'sagittal', 'B').toBeLessThan(BRIGHT);
  await expect(page.getByTestId(PLANES.coronal)).toHaveAttribute('data-slice-index', coronalSlice!);
});

test('a MIP slab shows a bead that the thin plane misses, and says its thickness', async ({ page }) => {
  await openPlanes(page);
  await shows(page, 'axial', 'D').toBeLessThan(BRIGHT);
  await page.getByTestId('viewport-1-slab-mode').selectOption('mip');
  await page.getByTestId('viewport-1-slab-thickness').selectOption('20');
  await expect(page.getByTestId('viewport-1-slab')).toHaveText('MIP 20 mm');
  await shows(page, 'axial', 'D').toBeGreaterThan(BRIGHT);
  await shows(page, 'axial', 'C').toBeGreaterThan(BRIGHT);
  await page.getByTestId('viewport-1-slab-mode').selectOption('thin');
  await shows(page, 'axial', 'D').toBeLessThan(BRIGHT);
});

test('a chest CT opens as its axial stack beside coronal and sagittal planes, the stack and the planes linked', async ({ page }) => {
  await openVolume(page);
  await expect(page.getByTestId('viewport-grid')).toHaveAttribute('data-protocol', 'chest-ct-planes');
  await expect(page.getByTestId('overlay-slice')).toContainText(`/${VOLUME.slices}`);
  await expect(page.getByTestId('viewport-2')).toHaveAttribute('data-orientation', 'coronal');
  await expect(page.getByTestId('viewport-3')).toHaveAttribute('data-orientation', 'sagittal');
  await expect(page.getByTestId('viewport-2-progress')).toHaveCount(0);
  // Where the stack's slice lies on the coronal plane: a line across it, at the slice's height.
  const lineAt = async () => {
    const r = await imageRect(page, PLANES.coronal);
    const y = Number(await page.getByTestId('viewport-2-stack-line').locator('line').getAttribute('y1'));
    const top = (await page.getByTestId(PLANES.coronal).boundingBox())!.y;
    return (top + y - r.y) / r.h;
  };
  await page.getByTestId('viewport').click();
  await page.keyboard.press('Home');
  await expect.poll(lineAt).toBeCloseTo(0.5 / VOLUME.slices, 1);
  await page.keyboard.press('End');
  await expect.poll(lineAt).toBeCloseTo((VOLUME.slices - 0.5) / VOLUME.slices, 1);
  // A crosshair click on the coronal plane brings the stack to the slice clicked, and the sagittal plane to its column.
  await page.keyboard.press('s');
  const r = await imageRect(page, PLANES.coronal);
  await page.mouse.click(...onPage(r, 'coronal', [12, 9.5]));
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-slice-index', '9');
  await shows(page, 'sagittal', 'A').toBeGreaterThan(BRIGHT);
});

test('a series with a missing slice or mixed orientations offers no MPR and says why', async ({ page }) => {
  const missing = 'a slice is missing: 5 mm between images 6 and 7 where the others are 2.5 mm apart';
  await openVolume(page, ['gap']);
  // The chest CT's rule asks for coronal and sagittal planes: they show the stack and say why.
  await expect(page.getByTestId('viewport-2-no-mpr')).toContainText(missing);
  await expect(page.getByTestId('viewport-3-no-mpr')).toContainText(missing);
  await expect(page.getByTestId('mpr-button')).toBeDisabled();
  await expect(page.getByTestId('mpr-button')).toHaveAttribute('title', `MPR is not offered for this series: ${missing}`);
  await openVolume(page, ['mixed']);
  await expect(page.getByTestId('viewport-2-no-mpr')).toContainText('more than one orientation');
  await expect(page.getByTestId('mpr-button')).toBeDisabled();
});

test('a volume larger than the image memory budget is not built: the series stays a stack and says so', async ({ page }) => {
  // The phantom's volume is 64 × 64 × 40 voxels of 2 bytes: 0.3 MB, over a budget of 0.25 MB.
  await page.goto('./?cacheMB=0.25');
  await forgetSavedReports(page);
  await dropPaths(page, writeVolumePhantom(['volume']));
  await expect(page.getByTestId('viewport-2-no-mpr')).toContainText(
    'as a volume it needs 0.3 MB, more than the image memory budget of 0.25 MB',
  );
  await expect(page.getByTestId('mpr-button')).toBeDisabled();
  await expect(page.getByTestId('overlay-slice').first()).toContainText(`/${VOLUME.slices}`);
});
