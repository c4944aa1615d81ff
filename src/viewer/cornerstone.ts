// One-time initialisation of Cornerstone3D (core, tools, DICOM image loader).
import { init as initCore } from '@cornerstonejs/core';
import { init as initTools, addTool, PanTool, ZoomTool, WindowLevelTool, StackScrollTool, LengthTool } from '@cornerstonejs/tools';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';

let ready: Promise<void> | undefined;

/** Idempotent: React StrictMode runs effects twice, and several components may ask. */
export function initCornerstone(): Promise<void> {
  ready ??= (async () => {
    await initCore();
    initTools();
    // Decoding runs in the loader's web workers; keep one core for the UI on small machines.
    initLoader({ maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) });
    // Register by the static toolName: class names are minified in production builds.
    for (const tool of [PanTool, ZoomTool, WindowLevelTool, StackScrollTool, LengthTool]) addTool(tool);
  })();
  return ready;
}
