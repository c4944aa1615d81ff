// Contradictions caught anywhere in the report before signing: a negative in the impression or in a
// template field denies an accepted finding of its type and side, and the check names both sentences
// and takes the reader to the finding.
import { expect, test } from '@playwright/test';
import { openSample, typeFinding } from './helpers';

test('"No pleural effusion." in the impression and "The lungs are clear." in a field are must-fix beside accepted findings', async ({
  page,
}) => {
  await openSample(page, 'chest-dx');
  await page.getByTestId('template-select').selectOption('lucent-chest-radiograph');
  await typeFinding(page, 'Large right pleural effusion.');
  await typeFinding(page, '27 mm nodule in the right upper zone.');
  await page.locator('#field-lungs-text').fill('The lungs are clear.');
  await page.getByTestId('impression').fill('No pleural effusion.');
  await page.getByLabel('Reader').fill('Dr Checks');
  await page.getByRole('button', { name: 'Sign report' }).click();

  const checks = page.getByRole('dialog', { name: 'Checks before signing' });
  const blocking = checks.locator('[data-testid="sign-check"][data-severity="blocking"]');
  await expect(
    blocking.filter({ hasText: '“Large right pleural effusion.” is contradicted by “No pleural effusion.” in the impression.' }),
  ).toHaveCount(1);
  await expect(
    blocking.filter({ hasText: '“27 mm nodule in the right upper zone.” is contradicted by “The lungs are clear.” in the field “Lungs”.' }),
  ).toHaveCount(1);
  await expect(checks.getByRole('button', { name: /^Sign/ })).toHaveCount(0);

  // A check takes the reader to the finding it names.
  await blocking.filter({ hasText: 'nodule' }).click();
  await expect(checks).toHaveCount(0);
  await expect(
    page
      .getByTestId('finding')
      .filter({ has: page.locator('textarea').filter({ hasText: 'nodule' }) })
      .locator('textarea'),
  ).toBeFocused();
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'draft');
});
