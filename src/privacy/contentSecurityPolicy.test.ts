import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, originOf } from './contentSecurityPolicy';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('lets the page reach only its own origin by default', () => {
    const policy = contentSecurityPolicy();
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' data: blob:");
    expect(directive(policy, 'default-src')).toBe("default-src 'self'");
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    // No script eval, no wildcard sources.
    expect(policy).not.toMatch(/\s'unsafe-eval'|\s\*|\shttps?:(\s|;|$)/);
  });

  it('adds the origins the user configured, once each', () => {
    const pacs = originOf('https://pacs.example.org:8443/dicom-web/studies?x=1');
    const policy = contentSecurityPolicy([pacs, pacs, originOf('models/x/manifest.json'), undefined]);
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' data: blob: https://pacs.example.org:8443");
  });

  it('takes only http(s) origins from URLs', () => {
    expect(originOf('javascript:alert(1)')).toBeUndefined();
    expect(originOf('http://127.0.0.1:8042/dicom-web')).toBe('http://127.0.0.1:8042');
    expect(originOf('not a url')).toBeUndefined();
  });
});
