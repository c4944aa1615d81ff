// Ids for findings and regions. crypto.randomUUID exists only in secure contexts (https,
// localhost); getRandomValues exists everywhere.
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new UID under 2.25 (PS3.5 B.2): 128 random bits read as one decimal number. */
export function newUID(): string {
  return `2.25.${BigInt(`0x${newId().replace(/-/g, '')}`).toString()}`;
}
