import { describe, expect, it } from 'vitest';
import { softwareAdapter } from './backendChoice';

describe('the automatic backend', () => {
  it('recognises software WebGPU adapters by what they say of themselves', () => {
    expect(softwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe('swiftshader');
    expect(softwareAdapter({ vendor: 'mesa', device: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('llvmpipe');
    expect(softwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe('Microsoft Basic Render');
    expect(softwareAdapter({ vendor: '', isFallbackAdapter: true })).toBe('a fallback (software) adapter');
  });

  it('takes hardware adapters as they are', () => {
    expect(softwareAdapter({ vendor: 'nvidia', architecture: 'hopper' })).toBeUndefined();
    expect(softwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBeUndefined();
    expect(softwareAdapter({})).toBeUndefined();
  });
});
