// The measurements on the images open (the measuring tools' annotations, as the viewer's measurement
// service keeps them), for the measurements panel; and the last ones deleted, which Undo brings back.
import { create } from 'zustand';
import type { Measurement } from '../viewer/services/measurementService';

interface MeasurementState {
  /** In the order they were drawn. */
  measurements: Measurement[];
  selectedUid: string | undefined;
  /** Deleted, newest last: what Undo restores (a measurement of a finding is undone with the report instead). */
  deleted: Measurement[];
}

export const useMeasurementStore = create<MeasurementState>()(() => ({ measurements: [], selectedUid: undefined, deleted: [] }));
