// The structured parts of a report in Lucent's SR and back: each finding's section, accepted (or
// dismissed) follow-up and critical-result communication inside its measurement group; at the root,
// the template with one container per section holding its filled fields, and who wrote the
// impression. Critical results carry their ACR category as a CID 7035 code (RadLex RID49480–82).
import {
  ACTIONABLE_CODES,
  type ActionableCategory,
  type Communication,
  type CommunicationMethod,
  describeCommunication,
} from '../critical';
import type { Finding, FollowUp, ReportContent } from '../types';
import { reportOutline } from '../outline';
import { sectionForFinding, type Template, type TemplateField } from '../template/template';
import { code, CODES, codeItem, codeValueOf, dt, find, is, item, list, text, textOf, type Code, type Item } from './items';

/** A DICOM DT in UTC (as dt() writes it, or with the +0000 offset of earlier SRs) back to ISO 8601. */
const isoOf = (value: string) =>
  /^\d{14}/.test(value)
    ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` +
      `T${value.slice(8, 10)}:${value.slice(10, 12)}:${value.slice(12, 14)}.000Z`
    : value;

function recommendationItems(r: FollowUp): Item[] {
  if (r.status === 'proposed') return []; // Derived again from the finding on reading back.
  return [
    text('CONTAINS', r.status === 'accepted' ? CODES.recommendation : CODES.dismissed, r.text),
    text('CONTAINS', CODES.recommendationSource, r.source),
  ];
}

function communicationItems(c: Communication): Item[] {
  const category = ACTIONABLE_CODES[c.category];
  return [
    codeItem('CONTAINS', CODES.actionable, code(category.code, 'RADLEX', category.meaning)),
    text('CONTAINS', CODES.communication, describeCommunication(c)),
    text('CONTAINS', CODES.recipient, c.recipient),
    text('CONTAINS', CODES.method, c.method),
    item('CONTAINS', 'DATETIME', CODES.communicatedAt, { DateTime: dt(c.at) }),
    text('CONTAINS', CODES.criticalRule, c.rule),
  ];
}

/** A finding's section, follow-up and communication, for its measurement group. */
export function findingStructureItems(f: Finding, content: ReportContent): Item[] {
  const section = content.template && sectionForFinding(content.template, f.text, f.sectionId);
  return [
    ...(section ? [text('CONTAINS', CODES.section, section.name)] : []),
    ...(f.sectionId ? [text('HAS OBS CONTEXT', CODES.sectionId, f.sectionId)] : []),
    ...(f.recommendation ? recommendationItems(f.recommendation) : []),
    ...(f.communication ? communicationItems(f.communication) : []),
  ];
}

export function findingStructureFrom(children: Item[]): Pick<Finding, 'sectionId' | 'recommendation' | 'communication'> {
  const accepted = find(children, CODES.recommendation);
  const recommendation = accepted ?? find(children, CODES.dismissed);
  // The interval is not written: the rule gives it again, and the reader's decision stays while the text matches.
  const followUp: FollowUp | undefined = recommendation && {
    text: textOf(recommendation),
    source: textOf(find(children, CODES.recommendationSource)),
    status: accepted ? 'accepted' : 'dismissed',
  };
  const category = Object.entries(ACTIONABLE_CODES).find(([, c]) => c.code === codeValueOf(find(children, CODES.actionable)))?.[0];
  const recipient = find(children, CODES.recipient);
  return {
    ...(find(children, CODES.sectionId) ? { sectionId: textOf(find(children, CODES.sectionId)) } : {}),
    ...(followUp ? { recommendation: followUp } : {}),
    ...(recipient && category
      ? {
          communication: {
            recipient: textOf(recipient),
            method: textOf(find(children, CODES.method)) as CommunicationMethod,
            at: isoOf(String(find(children, CODES.communicatedAt)?.DateTime ?? '')),
            rule: textOf(find(children, CODES.criticalRule)),
            category: Number(category) as ActionableCategory,
          },
        }
      : {}),
  };
}

/** A field's coded term as the item's concept, else Lucent's own with the field's label. */
function fieldConcept(field: TemplateField | undefined, label: string): Code {
  const term = field?.codes?.[0];
  return term ? code(term.code, term.scheme, term.meaning.slice(0, 64)) : code('field', '99LUCENT', label.slice(0, 64));
}

/** The template's sections with their filled fields (as every export writes them), and who wrote the impression, for the SR's root. */
export function reportStructureItems(content: ReportContent): Item[] {
  const template = content.template;
  const fieldsById = new Map((template?.sections ?? []).flatMap((s) => s.fields).map((f) => [f.id, f]));
  const sections = template ? reportOutline(content).filter((s) => s.fields.length) : [];
  return [
    ...(content.impressionBy
      ? [codeItem('CONTAINS', CODES.impressionBy, code(content.impressionBy, '99LUCENT', content.impressionBy))]
      : []),
    ...(content.noduleRisk
      ? [codeItem('CONTAINS', CODES.noduleRisk, code(content.noduleRisk, '99LUCENT', `${content.noduleRisk} risk`))]
      : []),
    ...(template ? [text('CONTAINS', CODES.template, template.title), text('CONTAINS', CODES.templateId, template.id)] : []),
    ...sections.map((s) =>
      item('CONTAINS', 'CONTAINER', code('section', '99LUCENT', s.title.slice(0, 64)), {
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: s.fields.map((f) => ({
          ...text('CONTAINS', fieldConcept(fieldsById.get(f.id), f.label), f.value),
          ContentSequence: [text('HAS OBS CONTEXT', CODES.fieldId, f.id)],
        })),
      }),
    ),
  ];
}

/** Template, fields, impression author and nodule risk back from the root; the template by its id from those Lucent knows. */
export function reportStructureFrom(root: Item[], templateById: (id: string) => Template | undefined): Partial<ReportContent> {
  const template = templateById(textOf(find(root, CODES.templateId)));
  const fields: Record<string, string> = {};
  for (const container of root.filter((i) => i.ValueType === 'CONTAINER' && is(i, CODES.section))) {
    for (const field of list(container.ContentSequence)) {
      const id = textOf(find(list(field.ContentSequence), CODES.fieldId));
      const unit = template?.sections.flatMap((s) => s.fields).find((f) => f.id === id)?.unit;
      if (id) fields[id] = unit ? textOf(field).replace(new RegExp(` ${unit}$`), '') : textOf(field);
    }
  }
  const by = codeValueOf(find(root, CODES.impressionBy));
  const risk = codeValueOf(find(root, CODES.noduleRisk));
  return {
    ...(template ? { template } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(by === 'model' || by === 'proposed' || by === 'reader' ? { impressionBy: by } : {}),
    ...(risk === 'low' || risk === 'high' ? { noduleRisk: risk } : {}),
  };
}
