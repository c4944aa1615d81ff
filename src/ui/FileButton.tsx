// A button that opens the file chooser and hands over the one file picked (the hidden input is reset,
// so the same file can be picked again).
import { useRef, type ReactNode } from 'react';

interface Props {
  accept: string;
  /** The hidden input's test id, for tests that set files on it. */
  inputTestId: string;
  onFile: (file: File) => void;
  className: string;
  children: ReactNode;
  disabled?: boolean;
  title?: string;
  testId?: string;
}

export function FileButton({ accept, inputTestId, onFile, className, children, disabled, title, testId }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        data-testid={testId}
        disabled={disabled}
        title={title}
        className={className}
        onClick={() => input.current?.click()}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        data-testid={inputTestId}
        className="hidden"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) onFile(chosen);
        }}
      />
    </>
  );
}
