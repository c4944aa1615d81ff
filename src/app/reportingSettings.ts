// The reader's reporting settings, kept in this browser: macros (edited here, exported and imported
// as a file) and the critical-results list (defaults on or off, their ACR category, the reader's own
// words). The screens call these; the reporting store only publishes the result.
import { criticalRuleFromWords, type CriticalRule } from '../report/critical';
import { newId } from '../report/ids';
import { macrosFromFile, macrosToFile, mergeMacros, type Macro } from '../report/macros';
import { useReportingStore } from '../store/reportingStore';
import { download } from './download';

/** A new empty macro at the end of the list, for the reader to fill in. */
export function addMacro(): void {
  const { macros, setMacros } = useReportingStore.getState();
  setMacros([...macros, { id: newId(), name: '', trigger: '', text: '' }]);
}

/** Replaces the macro at `index` of the list, or removes it (`undefined`). */
export function changeMacro(index: number, macro: Macro | undefined): void {
  const { macros, setMacros } = useReportingStore.getState();
  setMacros(macro ? macros.map((m, k) => (k === index ? macro : m)) : macros.filter((_, k) => k !== index));
}

/** Replaces the critical-results rule at `index` of the list (switched on or off, another category). */
export function changeCriticalRule(index: number, rule: CriticalRule): void {
  const { criticalRules, setCriticalRules } = useReportingStore.getState();
  setCriticalRules(criticalRules.map((r, k) => (k === index ? rule : r)));
}

/** The reader's own critical words as a new rule; returns whether one was added. */
export function addCriticalWords(words: string): boolean {
  const rule = criticalRuleFromWords(words, newId());
  if (!rule) return false;
  const { criticalRules, setCriticalRules } = useReportingStore.getState();
  setCriticalRules([...criticalRules, rule]);
  return true;
}

export function exportMacros(): void {
  download('lucent-macros.json', 'application/json', macrosToFile(useReportingStore.getState().macros));
}

/** Adds the file's macros (replacing those with the same trigger); throws a message naming the file. */
export async function importMacros(file: File): Promise<number> {
  try {
    const imported = macrosFromFile(await file.text());
    const { macros, setMacros } = useReportingStore.getState();
    setMacros(mergeMacros(macros, imported));
    return imported.length;
  } catch (error) {
    throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
