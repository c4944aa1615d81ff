// Puts Lucent's Content Security Policy on the page before it does anything else, with the origins
// the user configured. A policy can only be tightened once set, so a newly configured origin takes
// effect at the next page load.
import { contentSecurityPolicy, originOf } from './contentSecurityPolicy';

/** Origins named in the user's saved settings: the model's manifest URL and the PACS. */
function configuredOrigins(): string[] {
  const origins: Array<string | undefined> = [];
  try {
    const model = JSON.parse(localStorage.getItem('lucent-model-settings') ?? 'null') as {
      state?: { settings?: { manifestUrl?: string } };
    } | null;
    origins.push(originOf(new URL(model?.state?.settings?.manifestUrl ?? '.', location.href).href));
  } catch {
    // Unreadable settings: the app's own origin only.
  }
  try {
    const pacs = JSON.parse(localStorage.getItem('lucent-pacs') ?? 'null') as {
      state?: { settings?: Record<string, string | undefined> };
    } | null;
    const settings = pacs?.state?.settings ?? {};
    for (const key of ['url', 'qidoUrl', 'wadoUrl', 'stowUrl']) {
      const url = settings[key];
      if (url) origins.push(originOf(new URL(url, location.href).href));
    }
  } catch {
    // Unreadable PACS settings: none allowed.
  }
  return origins.filter((o): o is string => !!o && o !== location.origin);
}

export function installContentSecurityPolicy(): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = contentSecurityPolicy(configuredOrigins());
  document.head.prepend(meta);
}
