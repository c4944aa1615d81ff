import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATES, bundledTemplate } from './bundled';
import { parseMrrt } from './mrrtRead';
import { toMrrt } from './mrrtWrite';
import { fieldsOf, mentionedType, sectionForFinding, type Template } from './template';

const chestRadiograph = bundledTemplate('lucent-chest-radiograph')!;
const outline = (t: Template) => t.sections.map((s) => [s.name, s.role, s.findingTypes ?? [], s.fields.map((f) => f.label)]);

/** Both halves of the round-trip contract. */
function expectRoundTrip(t: Template) {
  const written = toMrrt(t);
  expect(parseMrrt(written)).toStrictEqual(t);
  expect(toMrrt(parseMrrt(written))).toBe(written);
}

describe('bundled templates', () => {
  it('come chest radiograph first, each with its Lucent identifier and Dublin Core terms', () => {
    expect(BUNDLED_TEMPLATES.map((t) => t.id)).toEqual(['lucent-chest-radiograph', 'lucent-chest-ct', 'lucent-generic']);
    for (const t of BUNDLED_TEMPLATES) {
      expect(t.language).toBe('en');
      expect(t.meta['dcterms.publisher']).toBe('Lucent');
      expect(t.meta['dcterms.license']).toMatch(/written for Lucent/i);
    }
    expect(bundledTemplate('nope')).toBeUndefined();
  });

  it('reads the chest radiograph: sections, roles, organ systems and their finding types', () => {
    expect(outline(chestRadiograph)).toEqual([
      ['Clinical information', 'clinical-information', [], []],
      ['Comparison', 'comparison', [], ['Comparison']],
      ['Technique', 'technique', [], ['Projection', 'Inspiration']],
      ['Findings', 'findings', [], []],
      ['Lines and tubes', 'findings', ['endotracheal_tube', 'central_line', 'pacemaker'], ['Lines and tubes']],
      ['Lungs', 'findings', ['nodule', 'mass', 'consolidation', 'atelectasis'], ['Lungs']],
      ['Pleura', 'findings', ['pleural_effusion', 'pneumothorax'], ['Pleura']],
      ['Heart and mediastinum', 'findings', ['cardiomegaly'], ['Heart and mediastinum', 'Cardiothoracic ratio']],
      ['Bones and soft tissues', 'findings', [], ['Bones and soft tissues']],
      ['Impression', 'impression', [], []],
    ]);
    const field = (label: string) => fieldsOf(chestRadiograph).find((f) => f.label === label)!;
    expect(field('Projection')).toEqual({
      id: 'projection',
      label: 'Projection',
      kind: 'choice',
      options: ['PA and lateral', 'PA', 'AP', 'AP portable'],
      normal: 'PA and lateral',
      required: true,
    });
    expect(field('Inspiration')).toMatchObject({ kind: 'choice', options: ['Adequate', 'Limited'] });
    expect(field('Cardiothoracic ratio')).toEqual({ id: 'cardiothoracic-ratio', label: 'Cardiothoracic ratio', kind: 'number' });
    expect(field('Comparison')).toMatchObject({ kind: 'text', normal: 'None.' });
    expect(field('Lungs').normal).toBe('The lungs are clear.');
    expect(field('Pleura').normal).toBe('No pleural effusion or pneumothorax.');
    expect(
      fieldsOf(chestRadiograph)
        .filter((f) => f.required)
        .map((f) => f.label),
    ).toEqual(['Projection']);
    expect(chestRadiograph.sections.find((s) => s.name === 'Findings')?.codes).toEqual([
      { code: '59776-5', scheme: 'LOINC', meaning: 'Findings' },
    ]);
    expect(chestRadiograph.sections.find((s) => s.name === 'Lungs')?.codes).toEqual([
      { code: 'RID1301', scheme: 'RADLEX', meaning: 'lung' },
    ]);
  });

  it('reads the chest CT and the generic template', () => {
    const ct = bundledTemplate('lucent-chest-ct')!;
    expect(ct.sections.filter((s) => s.role === 'findings').map((s) => s.name)).toEqual([
      'Findings',
      'Lungs and airways',
      'Pleura',
      'Heart and mediastinum',
      'Lines and tubes',
      'Upper abdomen',
      'Bones',
    ]);
    expect(ct.sections.find((s) => s.name === 'Lungs and airways')?.findingTypes).toEqual([
      'nodule',
      'mass',
      'consolidation',
      'atelectasis',
    ]);
    const technique = ct.sections.find((s) => s.role === 'technique')!.fields;
    expect(technique).toEqual([
      { id: 'contrast', label: 'Contrast', kind: 'choice', options: ['Without contrast', 'With IV contrast'], required: true },
      { id: 'slice-thickness', label: 'Slice thickness', kind: 'number', unit: 'mm' },
    ]);
    const generic = bundledTemplate('lucent-generic')!;
    expect(outline(generic)).toEqual([
      ['Clinical information', 'clinical-information', [], []],
      ['Comparison', 'comparison', [], ['Comparison']],
      ['Technique', 'technique', [], ['Technique']],
      ['Findings', 'findings', [], ['Findings']],
      ['Impression', 'impression', [], []],
    ]);
  });

  it('round-trip exactly, and each file is already what the writer writes', () => {
    for (const [t, file] of BUNDLED_TEMPLATES.map((t, i) => [t, ['chest-radiograph', 'chest-ct', 'generic'][i]] as const)) {
      expectRoundTrip(t);
      expect(toMrrt(t)).toBe(readFileSync(join(__dirname, 'templates', `${file}.html`), 'utf8'));
    }
  });
});

// A template in the style of other MRRT tools (written for this test): the XML in an HTML comment
// with unclosed <code> tags, nested sections, a section known only by its header, missing ids.
const THIRD_PARTY = `<!DOCTYPE html>
<html><head>
<meta charset="UTF-8"/>
<meta content="Abdomen CT (test)" name="dcterms.title"/>
<meta content="urn:test:abdomen" name="dcterms.identifier"/>
<meta content="Example Radiology Group" name="dcterms.publisher"/>
<meta content="Doe J" name="dcterms.contributor"/>
<meta content="Roe R" name="dcterms.contributor"/>
<script type="text/xml">
<!--
<template_attributes>
<coding_schemes><coding_scheme name="LOINC" designator="2.16.840.1.113883.6.1" /></coding_schemes>
<coded_content>
<entry ORIGTXT="S1"><term><code meaning="Clinical information" value="55752-0" scheme="LOINC"></term></entry>
<entry ORIGTXT="S3"><term><code meaning="liver &amp; biliary" value="RID58" scheme="RadLex"></term></entry>
</coded_content>
</template_attributes>
-->
</script>
<title>Abdomen CT</title>
</head><body>
<section id="S1" data-section-name="Reason for study"><header class="level1">Reason for study</header>
<p><textarea id="T1" name="Reason"></textarea></p></section>
<section id="S2" data-section-name="Findings:"><header class="level1">Findings:</header>
  <section id="S3" class="level2" data-section-name="Liver">
    <p><label for="T2">Liver size:</label> <input id="T2" type="number" data-field-type="NUMERIC" data-field-units="cm" value="15"/> cm</p>
    <p><label for="T3">Steatosis</label>
    <select id="T3" name="steatosis" data-field-type="SELECTION_LIST" data-field-completion-action="PROHIBIT">
      <option value="">-- choose --</option><option value="none" selected>None</option><option value="mild">Mild</option>
    </select></p>
  </section>
  <section class="level2"><header class="level2">Spleen</header>
    <p><input type="text" name="Spleen" value="Normal size."/> <input type="date" title="Date seen"/></p>
  </section>
</section>
<section id="S5"><h2>Conclusion</h2><p><textarea name="Impression">Normal.</textarea></p></section>
</body></html>`;

describe('MRRT templates from other tools', () => {
  const t = parseMrrt(THIRD_PARTY);

  it('reads the Dublin Core terms, keeping the ones without a place of their own in meta', () => {
    expect([t.id, t.title, t.description, t.language]).toEqual(['urn:test:abdomen', 'Abdomen CT (test)', '', 'en']);
    expect(t.meta).toEqual({ 'dcterms.publisher': 'Example Radiology Group', 'dcterms.contributor': 'Doe J; Roe R' });
  });

  it('flattens nested sections, names them from the header or id, and gives roles by code, name and nesting', () => {
    expect(t.sections.map((s) => [s.id, s.name, s.role])).toEqual([
      ['S1', 'Reason for study', 'clinical-information'],
      ['S2', 'Findings', 'findings'],
      ['S3', 'Liver', 'findings'],
      ['section-4', 'Spleen', 'findings'],
      ['S5', 'Conclusion', 'impression'],
    ]);
    expect(t.sections[2].codes).toEqual([{ code: 'RID58', scheme: 'RadLex', meaning: 'liver & biliary' }]);
  });

  it('reads fields: labels, pick lists with their selected option, numbers with units, defaults and generated ids', () => {
    expect(t.sections.map((s) => s.fields)).toEqual([
      [{ id: 'T1', label: 'Reason', kind: 'text' }],
      [],
      [
        { id: 'T2', label: 'Liver size', kind: 'number', unit: 'cm', normal: '15' },
        { id: 'T3', label: 'Steatosis', kind: 'choice', options: ['None', 'Mild'], normal: 'None', required: true },
      ],
      [
        { id: 'field-4', label: 'Spleen', kind: 'text', normal: 'Normal size.' },
        { id: 'field-5', label: 'Date seen', kind: 'date' },
      ],
      [{ id: 'field-6', label: 'Impression', kind: 'text', normal: 'Normal.' }],
    ]);
  });

  it('writes what it read back out as MRRT that reads the same', () => {
    expectRoundTrip(t);
    const written = toMrrt(t);
    expect(written).toMatch(/^<!DOCTYPE html>/);
    expect(written).toContain('<coding_scheme name="RadLex" designator="2.16.840.1.113883.6.256"/>');
    expect(written).toContain('<meta name="dcterms.contributor" content="Doe J; Roe R">');
  });
});

describe('writing MRRT', () => {
  it('escapes text and attributes, and states a role that neither code, name nor nesting would give', () => {
    const tricky: Template = {
      id: 'x&y',
      title: 'A "quoted" <title>',
      description: 'Ends </script> & more',
      language: 'en-GB',
      meta: { 'dcterms.rights': '© <Lucent> & "friends"' },
      sections: [
        {
          id: 's1',
          name: 'Lungs',
          role: 'findings',
          findingTypes: ['nodule'],
          fields: [{ id: 'f1', label: 'A < B', kind: 'text', normal: 'Line one.\nEnds </textarea> & "so"' }],
        },
        {
          id: 's2',
          name: 'Notes',
          fields: [{ id: 'f2', label: 'When', kind: 'time', normal: '10:30' }],
          codes: [{ code: 'X<1>', scheme: 'LOCAL', meaning: 'a "b" & c' }],
        },
        {
          id: 's3',
          name: 'Impression',
          role: 'impression',
          fields: [{ id: 'f3', label: 'Choice', kind: 'choice', options: ['a & b', '<c>'], normal: '<c>' }],
        },
        { id: 's4', name: 'Addendum', role: 'impression', fields: [] },
      ],
    };
    expectRoundTrip(tricky);
    expect(toMrrt(tricky)).toContain('data-lucent-role="findings"');
  });
});

describe('not MRRT', () => {
  it('says so plainly for plain text and for an HTML page without sections', () => {
    expect(() => parseMrrt('Findings: the lungs are clear.')).toThrow('Not an MRRT template: the file is not HTML.');
    expect(() => parseMrrt('')).toThrow(/^Not an MRRT template/);
    expect(() => parseMrrt('<!DOCTYPE html><html><body><p>Hello</p></body></html>')).toThrow(
      'Not an MRRT template: no <section> in the file.',
    );
  });
});

describe('finding sentences in the chest radiograph template', () => {
  const sectionOf = (text: string) => sectionForFinding(chestRadiograph, text)?.name;

  it('go to the organ system section of their finding type', () => {
    expect(sectionOf('Small left pneumothorax.')).toBe('Pleura');
    expect(sectionOf('8 mm nodule in the right upper zone.')).toBe('Lungs');
    expect(sectionOf('Endotracheal tube tip 4 cm above the carina.')).toBe('Lines and tubes');
    expect(sectionOf('No pleural effusion.')).toBe('Pleura');
    expect(sectionOf('The heart is enlarged.')).toBe('Heart and mediastinum');
  });

  it('go to the general Findings section when unrecognised, or to the reader’s choice', () => {
    expect(sectionOf('Degenerative change of the thoracic spine.')).toBe('Findings');
    expect(sectionForFinding(chestRadiograph, 'Small left pneumothorax.', 'lungs')?.name).toBe('Lungs');
  });

  it('knows the type a sentence speaks of, negated or not', () => {
    expect(mentionedType('No pneumothorax.')).toBe('pneumothorax');
    expect(mentionedType('The lungs are clear.')).toBe('consolidation');
    expect(mentionedType('Degenerative change of the thoracic spine.')).toBeUndefined();
  });
});
