// A modal dialog over the app: a dimmed backdrop that closes it on click, and the dialog box.
import type { ReactNode } from 'react';

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
  return (
    <div className="absolute inset-0 z-30 flex items-center justify-center bg-black/60" onClick={onClose}>
      <div
        role="dialog"
        aria-label={label}
        className={`rounded border border-neutral-700 bg-neutral-900 p-4 text-sm ${className}`}
        onClick={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
