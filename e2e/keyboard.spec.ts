// The keyboard as a reading room uses it. Dialogs: each opens with focus inside, keeps Tab inside,
// closes with Esc or its close button, and gives focus back to what opened it. A macro's [fields]:
// reachable by Tab after leaving the box, and named by the checks before signing while blank.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openSample } from './helpers';

/** Whether the focused element is inside the dialog. */
const focusInside = (dialog: Locator) => dialog.evaluate((d) => d.contains(document.activeElement));

async function expectKeyboardDialog(page: Page, opener: Locator, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name });
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  expect(await focusInside(dialog), `${name}: focus moves into the dialog`).toBe(true);
  // Tab round the dialog more times than it has controls: focus never reaches the page behind.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const inside = await focusInside(dialog);
    const onPage = await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null);
    // Between the last control and the first, focus may rest on the browser itself (not the page).
    if (onPage) expect(inside, `${name}: Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener, `${name}: focus returns to its opener`).toBeFocused();

  await opener.click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
}

test('settings and the checks before signing close with Esc or their close button, trap focus and return it', async ({ page }) => {
  await openSample(page, 'chest-dx');
  await expectKeyboardDialog(page, page.getByRole('button', { name: 'Model settings' }), 'Model settings');
  await expectKeyboardDialog(page, page.getByTestId('reporting-settings'), 'Reporting settings');
  await expectKeyboardDialog(page, page.getByRole('button', { name: 'Help' }), 'Keyboard shortcuts');

  // The checks before signing (an empty impression is a warning) behave the same way.
  await page.getByLabel('Reader').fill('Dr Keys');
  await expectKeyboardDialog(page, page.getByRole('button', { name: 'Sign report' }), 'Checks before signing');
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'draft');
});

test("a macro's [fields] are reached by Tab after leaving the box, and the checks before signing name those left blank", async ({
  page,
}) => {
  await openSample(page, 'chest-dx');
  const impression = page.getByTestId('impression');
  await impression.click();
  await page.keyboard.type('nodule');
  await page.keyboard.press('Control+Space');
  await page.keyboard.type('9');
  await expect(impression).toHaveValue('9 mm [solid] nodule in the [location].');
  // Away and back by keyboard: the first field left is selected, Tab walks on to the next.
  await page.getByLabel('Reader').focus();
  await page.getByLabel('Reader').fill('Dr Keys');
  await impression.focus();
  await page.keyboard.type('solid');
  await page.keyboard.press('Tab');
  await page.keyboard.type('right mid zone');
  await expect(impression).toHaveValue('9 mm solid nodule in the right mid zone.');

  await impression.fill('Nodule, [size] mm.');
  await page.getByRole('button', { name: 'Sign report' }).click();
  const checks = page.getByRole('dialog', { name: 'Checks before signing' });
  await expect(checks.getByTestId('sign-check')).toContainText(["The impression still holds the macro's blank [size]."]);
  await checks.getByTestId('sign-check').click();
  await expect(impression).toBeFocused();
  await page.keyboard.type('9');
  await expect(impression).toHaveValue('Nodule, 9 mm.');
});
