// IHE MRRT (Management of Radiology Report Templates): the vocabulary Lucent's reader and writer
// share. An MRRT template is an HTML5 page: Dublin Core <meta> in the head, coded terms in a
// <script type="text/xml"> block, <section>s of form controls in the body. Reading (mrrtRead.ts) is
// lenient, for templates from other tools; writing (mrrtWrite.ts) emits one fixed layout that reads
// back to the same Template.
import type { CodedTerm, SectionRole } from './template';

export const ROLES: SectionRole[] = ['clinical-information', 'comparison', 'technique', 'findings', 'impression'];
const LOINC_ROLES: Record<string, SectionRole> = {
  '55752-0': 'clinical-information',
  '11329-0': 'clinical-information',
  '18785-6': 'clinical-information', // clinical information, history, indications
  '18834-2': 'comparison',
  '55111-9': 'technique',
  '59776-5': 'findings',
  '19005-8': 'impression',
};
const NAME_ROLES: Array<[RegExp, SectionRole]> = [
  [/\b(clinical information|indications?|history)\b/, 'clinical-information'],
  [/\bcomparisons?\b/, 'comparison'],
  [/\b(technique|procedure)\b/, 'technique'],
  [/\b(findings|observations)\b/, 'findings'],
  [/\b(impression|conclusions?)\b/, 'impression'],
];
/** Dublin Core terms that have their own place in a Template; every other one rides in `meta`. */
export const OWN_META = ['dcterms.title', 'dcterms.identifier', 'dcterms.description', 'dcterms.language'];
/** HL7 OIDs of the usual coding schemes, for the coding_schemes list a written file declares. */
export const SCHEME_OIDS: Record<string, string> = {
  RADLEX: '2.16.840.1.113883.6.256',
  LOINC: '2.16.840.1.113883.6.1',
  LN: '2.16.840.1.113883.6.1',
  SNOMEDCT: '2.16.840.1.113883.6.96',
  SCT: '2.16.840.1.113883.6.96',
};

/** A section's role from its own LOINC code or its name, before any inherited from an enclosing section. */
export function sectionRole(codes: CodedTerm[] | undefined, name: string): SectionRole | undefined {
  const loinc = codes?.find((c) => /^(LOINC|LN)$/i.test(c.scheme) && LOINC_ROLES[c.code]);
  if (loinc) return LOINC_ROLES[loinc.code];
  const lower = name.toLowerCase();
  return NAME_ROLES.find(([pattern]) => pattern.test(lower))?.[1];
}
