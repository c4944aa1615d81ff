// An IHE MRRT file read into a Template, leniently: templates come from other tools (mrrt.ts has the
// shared vocabulary).
import { parse, type DefaultTreeAdapterTypes as Tree } from 'parse5';
import { FINDING_TYPES, type FindingType } from '../../findings/labels';
import { OWN_META, ROLES, sectionRole } from './mrrt';
import type { CodedTerm, FieldKind, Template, TemplateField, TemplateSection } from './template';

type Element = Tree.Element;
type Node = Tree.Node;

const isElement = (node: Node): node is Element => 'tagName' in node;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A name or label as shown: one line, without the trailing colon many templates put after labels. */
const tidy = (s: string | undefined) => squash(s ?? '').replace(/\s*:$/, '');

const childrenOf = (node: Node): Node[] => ('childNodes' in node ? node.childNodes : []);
const elementsUnder = (node: Node): Element[] => childrenOf(node).flatMap((c) => (isElement(c) ? [c, ...elementsUnder(c)] : []));

/** Text content; below the top node, form controls' own text (options, defaults) is left out. */
function textOf(node: Node, top = true): string {
  if (node.nodeName === '#text') return (node as Tree.TextNode).value;
  if (!top && isElement(node) && ['select', 'textarea', 'script', 'style'].includes(node.tagName)) return '';
  return childrenOf(node)
    .map((c) => textOf(c, false))
    .join('');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    const n = /^#x/i.test(ref) ? parseInt(ref.slice(2), 16) : ref[0] === '#' ? Number(ref.slice(1)) : NaN;
    return n <= 0x10ffff ? String.fromCodePoint(n) : (XML_ENTITIES[ref.toLowerCase()] ?? whole);
  });
}

function xmlAttrs(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1].toLowerCase()] = decodeXml(m[2] ?? m[3]);
  return out;
}

const TAG_ATTRS = `((?:[^>"']|"[^"]*"|'[^']*')*)`;

/** The <code meaning value scheme> terms of an entry (whether or not the file closes the <code> tags). */
function termsIn(xml: string): CodedTerm[] {
  const codes = [...xml.matchAll(new RegExp(`<code\\b${TAG_ATTRS}>`, 'gi'))].map((m) => xmlAttrs(m[1])).filter((a) => a.value);
  return codes.map((a) => ({ code: a.value, scheme: a.scheme ?? '', meaning: a.meaning ?? '' }));
}

/** coded_content: the terms tied to each element, by the element's id (ORIGTXT). */
function readCodedContent(xml: string): Map<string, CodedTerm[]> {
  const byId = new Map<string, CodedTerm[]>();
  for (const [, attrs, inner] of xml.matchAll(new RegExp(`<entry\\b${TAG_ATTRS}>([\\s\\S]*?)</entry\\s*>`, 'gi'))) {
    const id = xmlAttrs(attrs).origtxt;
    if (id) byId.set(id, [...(byId.get(id) ?? []), ...termsIn(inner)]);
  }
  return byId;
}

/** The template_attributes XML: in <script type="text/xml"> (MRRT), or loose in the file (early drafts). */
function attributesXml(all: Element[], html: string): string {
  const scripts = all.filter((e) => e.tagName === 'script' && /xml/i.test(attr(e, 'type') ?? ''));
  return scripts.length ? scripts.map((s) => textOf(s)).join('\n') : html;
}

function readDublinCore(all: Element[]): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const el of all.filter((e) => e.tagName === 'meta')) {
    const name = /^dcterms\.(.+)$/i.exec(attr(el, 'name') ?? '')?.[1];
    const content = squash(attr(el, 'content') ?? '');
    if (!name || !content) continue;
    const key = `dcterms.${name}`;
    // Repeated terms (several dcterms.contributor) are kept together in one value.
    meta[key] = meta[key] ? `${meta[key]}; ${content}` : content;
  }
  return meta;
}

/** What a reading collects; codes (coded_content) and labels (<label for>) are by element id. */
type Reading = {
  sections: TemplateSection[];
  codes: Map<string, CodedTerm[]>;
  labels: Map<string, string>;
  usedIds: Set<string>;
  count: { section: number; field: number };
};

/** An id for an element that has none: section-3, field-7, by position, skipping ids the file uses. */
function freshId(prefix: 'section' | 'field', n: number, used: Set<string>): string {
  let id = `${prefix}-${n}`;
  for (let k = n + 1; used.has(id); k++) id = `${prefix}-${k}`;
  used.add(id);
  return id;
}

function isField(el: Element): boolean {
  if (el.tagName === 'textarea' || el.tagName === 'select') return true;
  return el.tagName === 'input' && ['text', 'number', 'date', 'time', 'search'].includes((attr(el, 'type') ?? 'text').toLowerCase());
}

function fieldKind(el: Element): FieldKind {
  if (el.tagName === 'select') return 'choice';
  const type = el.tagName === 'input' ? (attr(el, 'type') ?? '').toLowerCase() : '';
  const declared = (attr(el, 'data-field-type') ?? '').toUpperCase();
  if (type === 'number' || /^(NUMBER|NUMERIC|INTEGER|DECIMAL)$/.test(declared)) return 'number';
  if (type === 'date' || declared === 'DATE') return 'date';
  if (type === 'time' || declared === 'TIME') return 'time';
  return 'text';
}

/** A pick list's choices as shown (the option text, else its value); value="" marks a prompt, not a choice. */
function choicesOf(select: Element): { options: string[]; selected?: string } {
  const choices = elementsUnder(select).filter((o) => o.tagName === 'option' && attr(o, 'value') !== '');
  const shown = (o: Element) => squash(textOf(o)) || squash(attr(o, 'value') ?? '');
  const selected = choices.find((o) => attr(o, 'selected') !== undefined);
  return { options: choices.map(shown).filter(Boolean), selected: selected && shown(selected) };
}

/** The label of a control: <label for>, a <label> around it, its name, its title, its id. */
function labelOf(el: Element, id: string, reading: Reading): string {
  let around: string | undefined;
  for (let p = el.parentNode; p && isElement(p) && !around; p = p.parentNode) if (p.tagName === 'label') around = tidy(textOf(p));
  const ownId = attr(el, 'id');
  return (ownId && reading.labels.get(ownId)) || around || tidy(attr(el, 'name')) || tidy(attr(el, 'title')) || id;
}

function readField(el: Element, reading: Reading): TemplateField {
  const ownId = attr(el, 'id');
  const id = ownId || freshId('field', reading.count.field, reading.usedIds);
  const field: TemplateField = { id, label: labelOf(el, id, reading), kind: fieldKind(el) };
  const choices = field.kind === 'choice' ? choicesOf(el) : undefined;
  if (choices) field.options = choices.options;
  const value = el.tagName === 'textarea' ? textOf(el) : attr(el, 'value') || attr(el, 'data-field-default-value') || '';
  const normal = choices ? choices.selected : value.trim();
  const unit = squash(attr(el, 'data-field-units') ?? '');
  if (field.kind === 'number' && unit) field.unit = unit;
  // PROHIBIT (signing prohibited until filled) is the MRRT profile's word; REQUIRED is what Lucent writes.
  if (/^(REQUIRED|PROHIBIT)$/i.test(attr(el, 'data-field-completion-action') ?? '')) field.required = true;
  if (normal) field.normal = normal;
  const codes = ownId && reading.codes.get(ownId);
  if (codes && codes.length) field.codes = codes;
  return field;
}

function headerText(section: Element): string {
  const header = section.childNodes.find((c) => isElement(c) && /^(header|h[1-6])$/.test(c.tagName));
  return header ? tidy(textOf(header)) : '';
}

function readSection(el: Element, parent: TemplateSection | undefined, reading: Reading): TemplateSection {
  const ownId = attr(el, 'id');
  const id = ownId || freshId('section', reading.count.section, reading.usedIds);
  const section: TemplateSection = { id, name: tidy(attr(el, 'data-section-name')) || headerText(el) || id, fields: [] };
  const codes = ownId ? reading.codes.get(ownId) : undefined;
  const stated = ROLES.find((r) => r === attr(el, 'data-lucent-role'));
  // A section inside another (organ systems inside Findings) takes the enclosing section's role.
  const role = stated ?? sectionRole(codes, section.name) ?? parent?.role;
  if (role) section.role = role;
  const listed = (attr(el, 'data-lucent-finding-types') ?? '').split(/\s+/);
  const types = [...new Set(listed)].filter((t): t is FindingType => (FINDING_TYPES as readonly string[]).includes(t));
  if (types.length) section.findingTypes = types;
  if (codes && codes.length) section.codes = codes;
  return section;
}

/** Sections in document order (nested ones flattened after their parent); fields to the nearest section. */
function walk(node: Node, current: TemplateSection | undefined, reading: Reading): void {
  for (const child of childrenOf(node).filter(isElement)) {
    if (child.tagName === 'section') {
      reading.count.section++;
      const section = readSection(child, current, reading);
      reading.sections.push(section);
      walk(child, section, reading);
    } else if (isField(child)) {
      reading.count.field++;
      if (current) current.fields.push(readField(child, reading));
    } else walk(child, current, reading);
  }
}

export function parseMrrt(html: string): Template {
  if (!/<[a-z!]/i.test(html)) throw new Error('Not an MRRT template: the file is not HTML.');
  const doc = parse(html);
  const all = elementsUnder(doc);
  if (!all.some((e) => e.tagName === 'section')) throw new Error('Not an MRRT template: no <section> in the file.');
  // Reversed so that the first <label for> of a control wins.
  const labels = new Map(
    all
      .filter((e) => e.tagName === 'label' && attr(e, 'for') && tidy(textOf(e)))
      .reverse()
      .map((e) => [attr(e, 'for')!, tidy(textOf(e))]),
  );
  const usedIds = new Set(all.map((e) => attr(e, 'id')).filter((id): id is string => !!id));
  const reading: Reading = {
    sections: [],
    codes: readCodedContent(attributesXml(all, html)),
    labels,
    usedIds,
    count: { section: 0, field: 0 },
  };
  walk(doc, undefined, reading);
  const dc = readDublinCore(all);
  const meta = Object.fromEntries(Object.entries(dc).filter(([key]) => !OWN_META.includes(key.toLowerCase())));
  const own = (key: string) => Object.entries(dc).find(([k]) => k.toLowerCase() === key)?.[1];
  const titleElement = all.find((e) => e.tagName === 'title');
  const title = own('dcterms.title') || (titleElement ? squash(textOf(titleElement)) : '');
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const lang = squash(attr(all.find((e) => e.tagName === 'html') ?? all[0], 'lang') ?? '');
  const id = own('dcterms.identifier') || slug || 'template';
  return {
    id,
    title: title || id,
    description: own('dcterms.description') ?? '',
    language: own('dcterms.language') || lang || 'en',
    meta,
    sections: reading.sections,
  };
}
