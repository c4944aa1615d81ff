// Adds a finding the reader types; the model then proposes its region (locate task).
import { useState } from 'react';
import { addTypedFinding } from '../../app/reportCommands';
import { handleTextKeys, textBoxFocus } from './textKeys';

export function AddFinding({ studyUID }: { studyUID: string }) {
  const [text, setText] = useState('');
  return (
    <form
      className="mt-2"
      onSubmit={(e) => {
        e.preventDefault();
        const sentence = text.trim();
        if (!sentence) return;
        addTypedFinding(studyUID, sentence);
        setText('');
      }}
    >
      <input
        aria-label="Add a finding"
        placeholder="Add a finding… (Enter; Ctrl+Space expands a macro)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => handleTextKeys(e, setText)}
        {...textBoxFocus}
        className={
          'w-full rounded bg-neutral-900 px-2 py-1 text-neutral-200 outline-none ' +
          'placeholder:text-neutral-600 focus:ring-1 focus:ring-sky-700'
        }
      />
    </form>
  );
}
