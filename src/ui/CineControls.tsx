// The toolbar's Cine button (pressed while the active viewport plays) and its frame rate.
import { useSyncExternalStore } from 'react';
import { setCineRate, toggleCine } from '../app/cine';
import { CINE_RATES, useCineStore } from '../store/cineStore';
import { activeViewer } from '../viewer/activeViewer';
import { subscribeCine } from '../viewer/cine';

const playingNow = () => activeViewer()?.isCinePlaying() ?? false;
const LOOK = { on: 'bg-sky-700 text-white', off: 'bg-neutral-800 text-neutral-200 hover:bg-neutral-700' };

export function CineControls() {
  const playing = useSyncExternalStore(subscribeCine, playingNow);
  const framesPerSecond = useCineStore((s) => s.framesPerSecond);
  const rates = CINE_RATES.includes(framesPerSecond) ? CINE_RATES : [...CINE_RATES, framesPerSecond].sort((a, b) => a - b);
  return (
    <>
      <button
        type="button"
        data-testid="cine"
        title="Cine: play the slices in a loop, or stop (N)"
        aria-label="Cine"
        aria-pressed={playing}
        onClick={toggleCine}
        className={`rounded px-2 py-1 text-xs ${playing ? LOOK.on : LOOK.off}`}
      >
        {playing ? '■ Cine' : '▶ Cine'}
      </button>
      <select
        aria-label="Cine frame rate"
        data-testid="cine-fps"
        title="Cine frame rate, frames per second"
        className="rounded bg-neutral-800 px-1 py-1 text-xs"
        value={framesPerSecond}
        onChange={(e) => setCineRate(Number(e.target.value))}
      >
        {rates.map((fps) => (
          <option key={fps} value={fps}>
            {fps} fps
          </option>
        ))}
      </select>
    </>
  );
}
