// Structured reporting in the browser: a template filled by keyboard, a macro, the model's draft in
// its sections, a guideline follow-up, a critical result that stops signing until it is
// communicated, a left/right mismatch caught by the checks, MRRT export and re-import, and exports
// that carry it all.
import { expect, test, type Page } from '@playwright/test';
import { bytesToDataset } from '../src/report/sr/dicomFile';
import { chooseBackend, downloaded, draft, expectValidSR, openSample, SIGN_OVER_WARNINGS, signOverWarnings, typeFinding } from './helpers';

const section = (page: Page, id: string) => page.locator(`[data-testid="template-section"][data-section-id="${id}"]`);
const field = (page: Page, id: string) => page.locator(`#field-${id}`);
const finding = (page: Page, text: RegExp) =>
  page.getByTestId('finding').filter({ has: page.locator('textarea').filter({ hasText: text }) });

test('a chest template filled by keyboard, a macro, the draft in sections, follow-up, critical result, checks, MRRT and exports', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openSample(page, 'chest-dx');
  await page.getByTestId('template-select').selectOption('lucent-chest-radiograph');
  await expect(page.getByTestId('structured-report')).toHaveAttribute('data-template-id', 'lucent-chest-radiograph');
  await expect(page.getByTestId('template-section')).toHaveText([
    /Clinical information/,
    /Comparison/,
    /Technique/,
    /Findings/,
    /Lines and tubes/,
    /Lungs/,
    /Pleura/,
    /Heart and mediastinum/,
    /Bones and soft tissues/,
    /Impression/,
  ]);

  // Fields by keyboard: type, Tab to the pick list, choose by typing, Tab on; Alt+N puts a section's normal text.
  await field(page, 'comparison-studies').click();
  await page.keyboard.type('None available.');
  await page.keyboard.press('Tab');
  await expect(field(page, 'projection')).toBeFocused();
  await page.keyboard.type('AP');
  await expect(field(page, 'projection')).toHaveValue('AP');
  await page.keyboard.press('Tab');
  await expect(field(page, 'inspiration')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(field(page, 'projection')).toBeFocused();
  await field(page, 'bones-and-soft-tissues-text').focus();
  await page.keyboard.press('Alt+n');
  await expect(field(page, 'bones-and-soft-tissues-text')).toHaveValue('No acute bony abnormality.');

  // A macro: its trigger, then Ctrl+Space; the nodule macro's [fields] are walked with Tab.
  await field(page, 'lungs-text').focus();
  await page.keyboard.type('normal chest');
  await page.keyboard.press('Control+Space');
  await expect(field(page, 'lungs-text')).toHaveValue(
    'The lungs are clear. No pleural effusion or pneumothorax. The heart size is normal.',
  );
  await page.getByLabel('Add a finding').focus();
  await page.keyboard.type('nodule');
  await page.keyboard.press('Control+Space');
  await expect(page.getByLabel('Add a finding')).toHaveValue('[size] mm [solid] nodule in the [location].');
  await page.keyboard.type('9');
  await page.keyboard.press('Tab');
  await page.keyboard.type('solid');
  await page.keyboard.press('Tab');
  await page.keyboard.type('right mid zone');
  await expect(page.getByLabel('Add a finding')).toHaveValue('9 mm solid nodule in the right mid zone.');
  await page.keyboard.press('Enter');

  // The nodule sits in Lungs; a radiograph's nodule gets the CT recommendation, accepted into the impression.
  const nodule = finding(page, /nodule/);
  await expect(section(page, 'lungs').getByTestId('finding')).toHaveCount(1);
  await expect(nodule.getByTestId('recommendation')).toHaveAttribute('data-status', 'proposed');
  await expect(nodule.getByTestId('recommendation')).toContainText(
    'Chest CT is recommended to characterise the nodule seen on the radiograph.',
  );
  await nodule.getByRole('button', { name: 'Accept follow-up' }).click();
  await expect(page.getByTestId('impression')).toHaveValue(
    '9 mm solid nodule in the right mid zone.\nRecommendation: Chest CT is recommended to characterise the nodule seen on the radiograph.',
  );
  await expect(page.getByTestId('impression')).toHaveAttribute('data-by', 'proposed');

  // The model's draft lands in its sections: the heart in Heart and mediastinum, the effusion in Pleura.
  await chooseBackend(page, 'wasm');
  const drafted = await draft(page);
  expect(drafted.findings.some((f) => /effusion/.test(f.text))).toBe(true);
  const effusion = finding(page, /effusion/);
  const heart = finding(page, /heart|cardi/i);
  await expect(
    section(page, 'pleura')
      .getByTestId('finding')
      .filter({ has: page.locator('textarea').filter({ hasText: /effusion/ }) }),
  ).toHaveCount(1);
  await expect(
    section(page, 'heart-and-mediastinum')
      .getByTestId('finding')
      .filter({ has: page.locator('textarea').filter({ hasText: /heart|cardi/i }) }),
  ).not.toHaveCount(0);
  await effusion.getByRole('button', { name: 'Accept', exact: true }).click();
  await heart.first().getByRole('button', { name: 'Accept', exact: true }).click();
  // The proposed impression follows: the effusion ranks before the nodule, the heart after.
  await expect(page.getByTestId('impression')).toHaveValue(/^1\. .*effusion.*\n2\. 9 mm solid nodule.*\n3\. .*(heart|cardi)/i);

  // A pneumothorax is a critical result: signing stops until the communication is recorded. The draft says no
  // "No pneumothorax." its label head does not back (#37); the reader's own, typed before, is caught below.
  await typeFinding(page, 'No pneumothorax.');
  await typeFinding(page, 'Small right apical pneumothorax.');
  const pneumothorax = finding(page, /apical pneumothorax/);
  await expect(
    section(page, 'pleura')
      .getByTestId('finding')
      .filter({ has: page.locator('textarea').filter({ hasText: 'Small right apical pneumothorax.' }) }),
  ).toHaveCount(1);
  await expect(pneumothorax.getByTestId('critical-result')).toHaveAttribute('data-communicated', 'false');
  await page.getByLabel('Reader').fill('Dr Structured');
  await page.getByRole('button', { name: 'Sign report' }).click();
  const checks = page.getByRole('dialog', { name: 'Checks before signing' });
  await expect(checks.getByTestId('sign-check').filter({ hasText: 'Critical result (Pneumothorax)' })).toHaveAttribute(
    'data-severity',
    'blocking',
  );
  // The Lungs field's macro text denies the accepted effusion, and "No pneumothorax." the pneumothorax: caught too.
  await expect(
    checks.getByTestId('sign-check').filter({ hasText: /effusion\.” is contradicted by “No pleural effusion or pneumothorax\.”/ }),
  ).toHaveCount(1);
  await expect(
    checks.getByTestId('sign-check').filter({ hasText: '“Small right apical pneumothorax.” is contradicted by “No pneumothorax.”' }),
  ).toHaveCount(1);
  await expect(checks.getByRole('button', { name: SIGN_OVER_WARNINGS })).toHaveCount(0);
  await checks.getByTestId('sign-check').filter({ hasText: 'Critical result' }).click();
  await expect(pneumothorax.locator('textarea')).toBeFocused();
  await pneumothorax.getByLabel('Communicated to').fill('Dr Lee (ED registrar)');
  await pneumothorax.getByRole('button', { name: 'Record communication' }).click();
  await expect(pneumothorax.getByTestId('critical-result')).toContainText(
    'Pneumothorax (ACR category 1) communicated to Dr Lee (ED registrar) by telephone',
  );
  await field(page, 'lungs-text').fill('The lungs are otherwise clear.');
  await finding(page, /^No pneumothorax/)
    .getByRole('button', { name: /^Delete finding/ })
    .click();

  // Left/right: the effusion's sentence made to say the other side than its region.
  const said = await effusion.locator('textarea').inputValue();
  const swapped = /\bleft\b/.test(said) ? said.replace(/\bleft\b/, 'right') : said.replace(/\bright\b/, 'left');
  await effusion.locator('textarea').fill(swapped);
  await expect(effusion).toHaveAttribute('data-decision', 'accepted');
  await page.getByRole('button', { name: 'Sign report' }).click();
  await expect(
    checks.getByTestId('sign-check').filter({ hasText: /says (left|right), but its region is on the patient's (right|left)/ }),
  ).toHaveAttribute('data-severity', 'warning');
  await checks.getByRole('button', { name: 'Back to the report' }).click();
  await effusion.locator('textarea').fill(said);
  await page.getByRole('button', { name: 'Sign report' }).click();
  if (await checks.isVisible()) {
    await expect(checks.locator('[data-severity="blocking"]')).toHaveCount(0);
    await expect(checks.getByTestId('sign-check').filter({ hasText: /says (left|right)/ })).toHaveCount(0);
    await checks.getByRole('button', { name: SIGN_OVER_WARNINGS }).click();
  }
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');

  // MRRT: export, import the file back, export again: the same bytes.
  const mrrt = await downloaded(page, 'template-export');
  expect(mrrt.name).toBe('lucent-chest-radiograph.mrrt.html');
  expect(mrrt.bytes.toString()).toContain('<template_attributes>');
  await page.getByRole('button', { name: 'Amend' }).click();
  await page.getByTestId('template-file').setInputFiles({ name: mrrt.name, mimeType: 'text/html', buffer: mrrt.bytes });
  await expect(page.getByTestId('template-error')).toHaveCount(0);
  expect((await downloaded(page, 'template-export')).bytes.equals(mrrt.bytes)).toBe(true);
  await page
    .getByTestId('template-file')
    .setInputFiles({ name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<p>just a page</p>') });
  await expect(page.getByTestId('template-error')).toContainText('notes.html: Not an MRRT template');
  await signOverWarnings(page);
  await expect(page.getByTestId('sign-off')).toHaveAttribute('data-status', 'signed');

  // The exports keep the sections, the recommendation and the communication.
  const text = (await downloaded(page, 'export-text')).bytes.toString();
  expect(text).toContain('TECHNIQUE:\nProjection: AP');
  expect(text).toMatch(
    new RegExp(
      /LUNGS:\nLungs: The lungs are otherwise clear\.\n- 9 mm solid nodule in the right mid zone\.\n/.source +
        /  Recommendation: Chest CT is recommended/.source,
    ),
  );
  expect(text).toMatch(
    new RegExp(
      /PLEURA:\n[^]*- Small right apical pneumothorax\.\n/.source +
        /  CRITICAL RESULT: Pneumothorax \(ACR category 1\) communicated to Dr Lee \(ED registrar\)/.source,
    ),
  );
  const fhir = JSON.parse((await downloaded(page, 'export-fhir')).bytes.toString());
  const types = fhir.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
  expect(types).toContain('Communication');
  expect(types).toContain('ServiceRequest');
  expect(JSON.stringify(fhir)).toContain('"valueString":"Pleura"');
  const sr = await downloaded(page, 'export-sr');
  // dciodvfy and DCMTK read it (a critical result's communication time is a DT DCMTK once refused).
  expectValidSR(sr.bytes, sr.name);
  const dump = JSON.stringify(
    bytesToDataset(sr.bytes.buffer.slice(sr.bytes.byteOffset, sr.bytes.byteOffset + sr.bytes.byteLength) as ArrayBuffer),
  );
  for (const expected of ['"Pleura"', '"Lungs"', '"121075"', 'Chest CT is recommended', '"73568-8"', '"RID49480"', 'Dr Lee (ED registrar)'])
    expect(dump).toContain(expected);
});
