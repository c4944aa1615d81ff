// A Template written as an IHE MRRT file, in one fixed layout that mrrtRead.ts reads back to the
// same Template (mrrt.ts has the shared vocabulary).
import { OWN_META, SCHEME_OIDS, sectionRole } from './mrrt';
import type { CodedTerm, FieldKind, Template, TemplateField, TemplateSection } from './template';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pad = (depth: number) => '  '.repeat(depth);

function metaLines(t: Template): string[] {
  const own: Array<[string, string]> = [
    ['dcterms.title', t.title],
    ['dcterms.identifier', t.id],
    ['dcterms.description', t.description],
    ['dcterms.language', t.language],
  ];
  const rest = Object.entries(t.meta).filter(([key]) => !OWN_META.includes(key.toLowerCase()));
  return [...own, ...rest].map(([name, content]) => `${pad(2)}<meta name="${esc(name)}" content="${esc(content)}">`);
}

function codedElements(t: Template): Array<{ id: string; codes: CodedTerm[] }> {
  return t.sections.flatMap((s) => [s, ...s.fields]).flatMap((e) => (e.codes?.length ? [{ id: e.id, codes: e.codes }] : []));
}

function attributesLines(t: Template): string[] {
  const coded = codedElements(t);
  const schemes = [...new Set(coded.flatMap((e) => e.codes.map((c) => c.scheme)).filter(Boolean))];
  const term = (c: CodedTerm) =>
    `${pad(6)}<term><code meaning="${esc(c.meaning)}" value="${esc(c.code)}" scheme="${esc(c.scheme)}"/></term>`;
  return [
    `${pad(2)}<script type="text/xml">`,
    `${pad(3)}<template_attributes>`,
    `${pad(4)}<top-level-flag>true</top-level-flag>`,
    `${pad(4)}<status>ACTIVE</status>`,
    `${pad(4)}<coding_schemes>`,
    ...schemes.map((s) => `${pad(5)}<coding_scheme name="${esc(s)}" designator="${esc(SCHEME_OIDS[s.toUpperCase()] ?? s)}"/>`),
    `${pad(4)}</coding_schemes>`,
    `${pad(4)}<coded_content>`,
    ...coded.flatMap((e) => [`${pad(5)}<entry ORIGTXT="${esc(e.id)}">`, ...e.codes.map(term), `${pad(5)}</entry>`]),
    `${pad(4)}</coded_content>`,
    `${pad(3)}</template_attributes>`,
    `${pad(2)}</script>`,
  ];
}

const FIELD_TYPES: Record<FieldKind, string> = { text: 'TEXT', choice: 'SELECTION_LIST', number: 'NUMBER', date: 'DATE', time: 'TIME' };

function fieldLines(f: TemplateField, depth: number): string[] {
  const required = f.required ? ' data-field-completion-action="REQUIRED"' : '';
  const common = `id="${esc(f.id)}" name="${esc(f.label)}" data-field-type="${FIELD_TYPES[f.kind]}"${required}`;
  const label = `${pad(depth)}<p><label for="${esc(f.id)}">${esc(f.label)}</label>`;
  if (f.kind === 'text') return [`${label} <textarea ${common}>${esc(f.normal ?? '')}</textarea></p>`];
  if (f.kind === 'choice') {
    const option = (o: string) => `${pad(depth + 2)}<option value="${esc(o)}"${o === f.normal ? ' selected' : ''}>${esc(o)}</option>`;
    return [label, `${pad(depth + 1)}<select ${common}>`, ...(f.options ?? []).map(option), `${pad(depth + 1)}</select></p>`];
  }
  const unit = f.kind === 'number' && f.unit ? esc(f.unit) : '';
  const units = unit && ` data-field-units="${unit}"`;
  return [`${label} <input type="${f.kind}" ${common}${units} value="${esc(f.normal ?? '')}">${unit && ` ${unit}`}</p>`];
}

/** Opening lines of a section at level 1 or 2; `stateRole` when neither its code, name nor nesting gives its role. */
function sectionLines(s: TemplateSection, level: 1 | 2, stateRole: boolean): string[] {
  const depth = level + 1;
  const role = stateRole && s.role ? ` data-lucent-role="${s.role}"` : '';
  const types = s.findingTypes?.length ? ` data-lucent-finding-types="${s.findingTypes.join(' ')}"` : '';
  const open = `${pad(depth)}<section id="${esc(s.id)}" class="level${level}" data-section-name="${esc(s.name)}"${role}${types}>`;
  return [
    open,
    `${pad(depth + 1)}<header class="level${level}">${esc(s.name)}</header>`,
    ...s.fields.flatMap((f) => fieldLines(f, depth + 1)),
  ];
}

/**
 * A section whose role comes only from the one before it (organ systems after Findings) is nested in
 * it, so it reads back with that role.
 */
function bodyLines(t: Template): string[] {
  const out: string[] = [];
  let head: TemplateSection | undefined;
  for (const s of t.sections) {
    const own = sectionRole(s.codes, s.name);
    if (!own && s.role && head?.role === s.role) out.push(...sectionLines(s, 2, false), `${pad(3)}</section>`);
    else {
      if (head) out.push(`${pad(2)}</section>`);
      out.push(...sectionLines(s, 1, own !== s.role));
      head = s;
    }
  }
  if (head) out.push(`${pad(2)}</section>`);
  return out;
}

export function toMrrt(template: Template): string {
  const head = [
    `${pad(2)}<meta charset="UTF-8">`,
    `${pad(2)}<title>${esc(template.title)}</title>`,
    ...metaLines(template),
    ...attributesLines(template),
  ];
  const body = bodyLines(template);
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(template.language)}">`,
    `${pad(1)}<head>`,
    ...head,
    `${pad(1)}</head>`,
    `${pad(1)}<body>`,
    ...body,
    `${pad(1)}</body>`,
    '</html>',
    '',
  ].join('\n');
}
