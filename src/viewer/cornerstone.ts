// One-time initialisation of Cornerstone3D (core, tools, DICOM image loader).
import { init as initCore } from '@cornerstonejs/core';
import {
  init as initTools,
  addTool,
  CrosshairsTool,
  PanTool,
  ZoomTool,
  WindowLevelTool,
  StackScrollTool,
  RectangleROITool,
} from '@cornerstonejs/tools';
import { MEASURING_TOOL_CLASSES } from './measuringTools';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import { applyCacheBudget } from './prefetch';
import { feedMeasurements } from './measurementFeed';

let ready: Promise<void> | undefined;
/** Headers for the loader's own requests (wadors frames): the PACS's Authorization, if any. */
let loaderHeaders: Record<string, string> = {};

export function setLoaderHeaders(headers: Record<string, string>): void {
  loaderHeaders = headers;
}
let renderingMode: 'gpu' | 'cpu' = 'gpu';

/**
 * Cornerstone renders stacks through WebGL (vtk.js). Its CPU fallback scrolls about 3× faster
 * where WebGL is emulated in software (measured here on SwiftShader: 57 vs 17 fps on a 512² CT),
 * but in 5.14 it loses features a reader needs: lengths come out in pixels instead of millimetres
 * and flips are not reported. So WebGL stays the default; `?render=cpu` selects the fallback for
 * diagnosis and for the benchmark's side-by-side comparison.
 */
function chooseRenderingMode(): 'gpu' | 'cpu' {
  return new URLSearchParams(location.search).get('render') === 'cpu' ? 'cpu' : 'gpu';
}

export function activeRenderingMode(): 'gpu' | 'cpu' {
  return renderingMode;
}

/** Idempotent: React StrictMode runs effects twice, and several components may ask. */
export function initCornerstone(): Promise<void> {
  ready ??= (async () => {
    renderingMode = chooseRenderingMode();
    document.documentElement.dataset.renderer = renderingMode;
    // One WebGL context per rendering engine, not Cornerstone's pool of 7: each viewer has an engine of its
    // own with one viewport, and a grid of three viewers took 21 contexts, past the 16 Chrome keeps alive —
    // it dropped the oldest, and the current study's viewer went blank.
    await initCore({ rendering: { useCPURendering: renderingMode === 'cpu', webGlContextCount: 1 }, debug: {} });
    initTools();
    applyCacheBudget();
    // Decoding runs in the loader's web workers; keep one core for the UI on small machines.
    initLoader({ maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)), beforeSend: () => loaderHeaders });
    // Register by the static toolName: class names are minified in production builds.
    for (const tool of [PanTool, ZoomTool, WindowLevelTool, StackScrollTool, RectangleROITool, CrosshairsTool, ...MEASURING_TOOL_CLASSES])
      addTool(tool as never);
    feedMeasurements();
  })();
  return ready;
}
