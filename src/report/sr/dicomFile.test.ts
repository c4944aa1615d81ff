import { describe, expect, it } from 'vitest';
import { utf8Again } from './dicomFile';

describe('UTF-8 text inside sequence items, as dcmjs 0.52 decodes it', () => {
  const text = 'Edited finding 1: “Résumé” — 18 mm ≥ 2 €';
  // What Chromium's TextDecoder('latin1') — windows-1252 by the Encoding standard — makes of its UTF-8 bytes.
  const windows1252 = 'Edited finding 1: â€œRÃ©sumÃ©â€\u009d â€” 18 mm â‰¥ 2 â‚¬';

  it("is decoded again whether it came back as Latin-1 (Node) or windows-1252 (the browsers' latin1)", () => {
    const latin1 = Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
    expect(utf8Again(latin1)).toBe(text);
    expect(utf8Again(windows1252)).toBe(text);
  });

  it('leaves text that is not a one-byte reading of UTF-8 as it is', () => {
    expect(utf8Again(text)).toBe(text);
    expect(utf8Again('“Dr”')).toBe('“Dr”');
    expect(utf8Again('plain ASCII')).toBe('plain ASCII');
  });
});
