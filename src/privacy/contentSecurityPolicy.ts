// Lucent's Content Security Policy: the page may load code and data only from its own origin, and
// reach the network only there and at origins the user configured (a PACS, a model's manifest).
// Plain TypeScript: the dev/preview servers send it as a header, the page installs it as a <meta>.

/** An http(s) URL's origin, or undefined for anything else (relative paths are the app's own origin). */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

export function contentSecurityPolicy(configuredOrigins: Array<string | undefined> = []): string {
  const extra = [...new Set(configuredOrigins.filter((o): o is string => !!o))];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // WebAssembly (onnxruntime, the image codecs) needs compiling; no other eval, no inline script.
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'", 'blob:'],
    // Cornerstone3D and React set element styles; style text cannot exfiltrate data once connect-src and img-src are closed.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // data: and blob: never leave the browser (onnxruntime and the loaders read their own buffers through them).
    'connect-src': ["'self'", 'data:', 'blob:', ...extra],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
