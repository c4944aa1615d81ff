// The image memory budget: how much decoded image data the viewer keeps (far slices are dropped and
// fetched again when a study is larger). Kept in this browser.
import { useState } from 'react';
import { DEFAULT_CACHE_MB, imageMemoryBudget, setImageMemoryBudget } from '../app/streaming';

export function ImageMemorySetting() {
  const [mb, setMb] = useState(imageMemoryBudget);
  return (
    <section aria-label="Image memory" className="space-y-1 text-xs">
      <h2 className="text-lg font-semibold">Image memory</h2>
      <label className="flex items-center gap-2">
        Keep up to
        <input
          aria-label="Image memory budget (MB)"
          type="number"
          min={64}
          step={64}
          value={mb}
          onChange={(e) => setMb(Number(e.target.value))}
          onBlur={() => mb >= 64 && setImageMemoryBudget(mb)}
          className="w-24 rounded bg-neutral-800 px-1.5 py-0.5"
        />
        MB of decoded images (default {DEFAULT_CACHE_MB} MB, for a 4 GB laptop).
      </label>
    </section>
  );
}
