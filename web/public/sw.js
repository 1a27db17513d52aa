// Buurtpas service worker: the app shell and the resident's card code keep working offline.
// Network first for the API (fresh codes when online), the cached copy when offline.
const SHELL = 'buurtpas-shell';
const DATA = 'buurtpas-data';
const OFFLINE_API = ['/api/v1/me', '/api/v1/me/passes', '/api/v1/me/card'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(['/', '/favicon.svg'])));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Documents the API serves to open in a tab (the day's letters to print) come from the network, not the shell.
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    event.respondWith(networkFirst(new Request('/'), SHELL));
  } else if (url.pathname.startsWith('/assets/')) {
    // The built code, the language chunk in use (nl-…, fr-… or en-….js, fetched by i18n.ts) included: kept
    // as it is fetched, so a page that ran once in a language runs offline in it. Hashed names never change.
    event.respondWith(cacheFirst(request));
  } else if (OFFLINE_API.includes(url.pathname)) {
    event.respondWith(networkFirst(request, DATA));
  }
});
