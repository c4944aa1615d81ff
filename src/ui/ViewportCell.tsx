// One cell of the viewport grid around whatever it shows: marked when it is the active viewport (the
// toolbar and the keys act on it), made active by a click or by the keyboard's focus, and a place to
// drop a series dragged from the series list.
import type { DragEvent, ReactNode } from 'react';

/** The drag data type of a series dragged from the series list: its series UID. */
export const SERIES_DRAG_TYPE = 'application/x-lucent-series';

const isSeriesDrag = (event: DragEvent) => event.dataTransfer.types.includes(SERIES_DRAG_TYPE);

interface Props {
  id: string;
  active: boolean;
  /** Only a grid of several cells marks the active one. */
  marked: boolean;
  label: string;
  onActivate: () => void;
  onDropSeries: (seriesUID: string) => void;
  children: ReactNode;
}

export function ViewportCell({ id, active, marked, label, onActivate, onDropSeries, children }: Props) {
  const border = marked && active ? 'border-sky-500' : marked ? 'border-neutral-800' : 'border-transparent';
  return (
    <div
      data-testid={`cell-${id}`}
      data-active={active}
      role="group"
      aria-label={label}
      tabIndex={marked ? 0 : -1}
      className={`flex h-full min-h-0 min-w-0 border-2 outline-none ${border}`}
      onPointerDownCapture={(event) => {
        // A control in the cell (a prior's Link and Close) acts on its own, leaving the active viewport as it is.
        if (!(event.target instanceof Element && event.target.closest('button, select, input'))) onActivate();
      }}
      onFocus={(event) => {
        // The cell itself reached with Tab; a control in it focused by a click leaves the active viewport as it is.
        if (event.target === event.currentTarget) onActivate();
      }}
      onDragOver={(event) => {
        if (!isSeriesDrag(event)) return;
        // Not a file drop: the window's drop handler (which opens files) stays out of it.
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(event) => {
        const seriesUID = event.dataTransfer.getData(SERIES_DRAG_TYPE);
        if (!seriesUID) return;
        event.preventDefault();
        event.stopPropagation();
        onDropSeries(seriesUID);
      }}
    >
      {children}
    </div>
  );
}
