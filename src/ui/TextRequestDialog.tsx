// The dialog that asks for a short text (an arrow's): Enter keeps it, Esc or Close cancels.
import { useState } from 'react';
import { useTextRequestStore, type TextRequest } from '../store/textRequestStore';
import { Dialog } from './Dialog';

function TextForm({ request }: { request: TextRequest }) {
  const [text, setText] = useState(request.initial);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        request.answer(text.trim() || undefined);
      }}
    >
      <h2 className="text-sm font-semibold">{request.title}</h2>
      <input
        autoFocus
        aria-label={request.title}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="rounded bg-neutral-800 px-2 py-1 text-sm"
      />
      <button type="submit" className="self-end rounded bg-sky-700 px-3 py-1 text-xs text-white hover:bg-sky-600">
        OK
      </button>
    </form>
  );
}

export function TextRequestDialog() {
  const request = useTextRequestStore((s) => s.request);
  if (!request) return null;
  return (
    <Dialog label={request.title} onClose={() => request.answer(undefined)} className="w-80">
      <TextForm request={request} />
    </Dialog>
  );
}
