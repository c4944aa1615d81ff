// Accessibility as a reading room needs it (#38): axe-core scans the main states of the production
// build — the start screen, the viewer with the model's draft, a structured template, the checks
// before signing, the settings, and an attending's review of a resident's preliminary — and no state
// may have a serious or critical violation. Each scan covers the whole page, dialogs included.
import { expect, test } from '@playwright/test';
import { chooseBackend, draft, expectAccessible, openSample, readAs, signOverWarnings } from './helpers';

test('the start screen has no serious accessibility violation', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('sample-chest-dx')).toBeVisible();
  await expectAccessible(page, 'start screen');
});

test('a structured template and the settings have no serious accessibility violation', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page, 'chest-dx');
  await page.getByTestId('template-select').selectOption('lucent-chest-radiograph');
  await expect(page.getByTestId('structured-report')).toHaveAttribute('data-template-id', 'lucent-chest-radiograph');
  // A typed nodule in its section, with its guideline follow-up dismissed.
  await page.getByLabel('Add a finding').fill('9 mm solid nodule in the right mid zone.');
  await page.getByLabel('Add a finding').press('Enter');
  const followUp = page.getByTestId('recommendation');
  await followUp.getByRole('button', { name: 'Dismiss' }).click();
  await expect(followUp).toHaveAttribute('data-status', 'dismissed');
  await expectAccessible(page, 'structured template');

  await page.getByTestId('reporting-settings').click();
  await expect(page.getByRole('dialog', { name: 'Reporting settings' })).toBeVisible();
  await expectAccessible(page, 'reporting settings');
  // A fresh page rather than closing the dialog: how the settings close is not under test here.
  await openSample(page, 'chest-dx');
  await page.getByRole('button', { name: 'Model settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Model settings' })).toBeVisible();
  await expectAccessible(page, 'model settings');
});

test('the viewer with a draft, the checks before signing and the review have no serious accessibility violation', async ({ page }) => {
  test.setTimeout(300_000);
  await openSample(page, 'chest-dx');
  await chooseBackend(page, 'wasm');
  await draft(page);
  await expectAccessible(page, 'viewer with a draft');

  // A resident signs a preliminary with an empty impression and undecided AI findings: the checks' dialog.
  await readAs(page, 'Dr Resident', 'resident');
  await page.getByLabel('Impression').fill('');
  await page.getByRole('button', { name: 'Sign report' }).click();
  const checks = page.getByRole('dialog', { name: 'Checks before signing' });
  await expect(checks.getByTestId('sign-check')).not.toHaveCount(0);
  await expect(checks.getByTestId('undecided-note')).toBeVisible();
  await expectAccessible(page, 'checks before signing');
  // The resident keeps the AI findings (so the attending's review has findings to change); the empty
  // impression is still a warning, signed over.
  await checks.getByRole('button', { name: /^Accept (it|all \d+) and sign$/ }).click();
  await checks.getByRole('button', { name: 'Sign anyway' }).click();
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'preliminary');

  // The attending's review: tracked changes to the preliminary, then the final with the resident's feedback.
  await readAs(page, 'Dr Attending', 'attending');
  await page.getByLabel('Finding 1', { exact: true }).fill('Attending wording of the first finding.');
  await page.getByTestId('finding').nth(1).getByRole('button', { name: 'Reject' }).click();
  await page.getByLabel('Impression').fill('Attending impression.');
  await expect(page.getByTestId('tracked-change')).not.toHaveCount(0);
  await expectAccessible(page, 'review of a preliminary');
  await signOverWarnings(page);
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');
  await expect(page.getByTestId('feedback-item')).not.toHaveCount(0);
  await expectAccessible(page, 'signed final with the review');
});
