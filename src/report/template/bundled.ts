/// <reference types="vite/client" />
// The templates Lucent ships, as MRRT files in templates/ (written for Lucent), parsed once at load.
// The reference above lets the `?raw` imports type-check in the test project too, which lacks vite/client.
import chestCt from './templates/chest-ct.html?raw';
import chestRadiograph from './templates/chest-radiograph.html?raw';
import generic from './templates/generic.html?raw';
import { parseMrrt } from './mrrtRead';
import type { Template } from './template';

/** Chest radiograph first: the study Lucent reads most. */
export const BUNDLED_TEMPLATES: Template[] = [chestRadiograph, chestCt, generic].map((html) => parseMrrt(html));

export function bundledTemplate(id: string): Template | undefined {
  return BUNDLED_TEMPLATES.find((t) => t.id === id);
}
