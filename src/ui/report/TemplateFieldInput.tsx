// One template field, filled by keyboard: a text box (macros and [fields] work here), a pick list
// (opens with Alt+↓ or Space, letters choose), a number with its unit, a date or time. Tab and
// Shift+Tab go from field to field.
import type { KeyboardEvent } from 'react';
import type { TemplateField } from '../../report/template/template';
import { focusNeighbourField, handleTextKeys, textBoxFocus } from './textKeys';

const box = 'w-full rounded bg-neutral-900 px-2 py-1 text-neutral-200 outline-none focus:ring-1 focus:ring-sky-700 read-only:opacity-80';

export function TemplateFieldInput({
  field,
  value,
  locked,
  onChange,
}: {
  field: TemplateField;
  value: string;
  locked: boolean;
  onChange: (value: string) => void;
}) {
  const common = {
    id: `field-${field.id}`,
    'aria-label': field.label,
    'aria-required': field.required || undefined,
    'data-template-field': field.id,
    'data-required': field.required || undefined,
  };
  const tabBetweenFields = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && focusNeighbourField(e.currentTarget, e.shiftKey ? -1 : 1)) e.preventDefault();
  };
  let control;
  if (field.kind === 'choice') {
    control = (
      <select
        {...common}
        value={value}
        disabled={locked}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={tabBetweenFields}
        className={box}
      >
        <option value="">—</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'text') {
    control = (
      <textarea
        {...common}
        value={value}
        readOnly={locked}
        rows={Math.max(1, Math.ceil(value.length / 44))}
        placeholder={field.normal ? `${field.normal} (Alt+N)` : '—'}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => handleTextKeys(e, onChange, true)}
        {...textBoxFocus}
        className={`${box} resize-none`}
      />
    );
  } else {
    const type = field.kind === 'number' ? 'number' : field.kind;
    control = (
      <input
        {...common}
        type={type}
        step="any"
        value={value}
        readOnly={locked}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={tabBetweenFields}
        className={box}
      />
    );
  }
  return (
    <label className="block text-xs text-neutral-400" htmlFor={common.id}>
      <span className="mb-0.5 flex gap-1">
        {field.label}
        {field.required && (
          <span className="text-amber-300" title="Required before signing">
            *
          </span>
        )}
        {field.unit && <span className="text-neutral-400">({field.unit})</span>}
      </span>
      {control}
    </label>
  );
}
