// Display formatting for DICOM values.

/** 'DOE^JANE^^DR' -> 'DOE, JANE DR' */
export function formatPersonName(name: string): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = name.split('=')[0].split('^');
  const rest = [prefix, given, middle, suffix].filter(Boolean).join(' ');
  return [family, rest].filter(Boolean).join(', ');
}

/** 'YYYYMMDD' -> 'YYYY-MM-DD' (ISO, unambiguous across locales) */
export function formatDicomDate(date: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : date;
}
