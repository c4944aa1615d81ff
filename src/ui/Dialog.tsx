// A modal dialog over the app, the browser's own <dialog> opened with showModal(): the page behind
// is inert (focus stays inside), Esc closes it, and focus returns to what opened it. A click on the
// dimmed backdrop or the close button closes it too.
import { useEffect, useRef, type ReactNode } from 'react';

const FRAME = 'max-h-[90vh] max-w-[95vw] rounded border border-neutral-700 bg-neutral-900 p-0 text-sm text-neutral-100';

export function Dialog({
  label,
  onClose,
  className,
  children,
}: {
  label: string;
  onClose: () => void;
  className: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    dialog.showModal();
    return () => {
      dialog.close();
      // The opener may be gone (a sign-check that took the reader elsewhere moved focus on purpose).
      if (opener?.isConnected && (document.activeElement === document.body || !document.activeElement)) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={label}
      // Esc: the browser's cancel, turned into the app's own close (which unmounts the dialog).
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
      // A click on the backdrop lands on the <dialog> itself; the content fills it otherwise.
      onClick={(e) => e.target === e.currentTarget && close.current()}
      className={`${FRAME} backdrop:bg-black/60`}
    >
      <div className={`relative p-4 ${className}`}>
        <button
          type="button"
          aria-label="Close"
          title="Close (Esc)"
          className="absolute right-2 top-2 rounded px-1.5 text-neutral-400 hover:bg-neutral-800 hover:text-neutral-100"
          onClick={() => close.current()}
        >
          ✕
        </button>
        {children}
      </div>
    </dialog>
  );
}
