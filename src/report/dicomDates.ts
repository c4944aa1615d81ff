// DICOM dates (DA, YYYYMMDD) as reports print them: ISO 8601, unambiguous across locales.

/** 'YYYYMMDD' -> 'YYYY-MM-DD'; anything else as it is. */
export const isoDate = (d: string): string => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);
