import { api, type Me } from './api.ts';
import { loadingNote } from './components.ts';
import { announce, h } from './dom.ts';
import { loadLocale, locale, setLocale, t, translateStatic, type Locale } from './i18n.ts';
import { activatePage } from './pages/activate.ts';
import { loginPage } from './pages/login.ts';
import { go } from './router.ts';
import { allowed, match, menuFor } from './routes.ts';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const logout = document.getElementById('logout') as HTMLButtonElement;
const languages = document.getElementById('lang') as HTMLSelectElement;
let me: Me | null = null;

/** Counts renders: a page that finishes loading after the user moved on is not shown. */
let renders = 0;

/** Shows a page and moves focus to it, so keyboard and screen-reader users land on the new content. */
function show(page: HTMLElement, render = renders): void {
  if (render !== renders) return;
  main.replaceChildren(page);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Buurtpas` : 'Buurtpas';
  main.focus();
}

function renderNav(): void {
  const links: [string, string][] = menuFor(me).map(([href, key]) => [href, t(key)]);
  if (!me) links.unshift(['#/', t('signIn')]);
  const here = `#/${location.hash.replace(/^#\/?/, '').split('?')[0]}`;
  nav.replaceChildren(
    ...links.map(([href, text]) =>
      h('a', { href, ...(href === here ? { 'aria-current': 'page' } : {}) }, text),
    ),
  );
  nav.hidden = links.length === 0;
}

const notFound = () =>
  h('div', {}, h('h1', {}, t('notFound')), h('p', {}, h('a', { href: '#/' }, t('home'))));

/** The page being shown: its signal fires when the user leaves it. */
let leaving = new AbortController();

async function render(): Promise<void> {
  const current = ++renders;
  leaving.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  translateStatic();
  logout.hidden = me === null;
  renderNav();
  const found = match(location.hash);
  if (!me && !found?.route.public) {
    const signedIn = (user: Me) => {
      me = user;
      if (user.locale !== locale())
        void api('/me', { method: 'PATCH', body: { locale: locale() } }).catch(() => undefined);
      if (location.hash.startsWith('#/activate')) go('pass');
      else void render();
    };
    show(location.hash.startsWith('#/activate') ? activatePage(signedIn) : loginPage(signedIn));
    return;
  }
  // A page that takes longer than a moment shows that it is loading (the old page stays until then).
  const slow = setTimeout(() => {
    if (current !== renders) return;
    main.setAttribute('aria-busy', 'true');
    main.replaceChildren(loadingNote());
  }, 300);
  try {
    if (!found || !allowed(found.route, me)) show(notFound(), current);
    else {
      const { route, params } = found;
      const page = route.public
        ? route.page({ me, params, signal })
        : route.page({ me: me!, params, signal });
      show(await page, current);
    }
  } catch {
    show(
      h('div', {}, h('h1', {}, t('unknownError')), h('p', {}, h('a', { href: '#/' }, t('home')))),
      current,
    );
  } finally {
    clearTimeout(slow);
    if (current === renders) main.removeAttribute('aria-busy');
  }
}

// The page's language is fetched on its own (one chunk per language); the first render waits for it below.
const firstLanguage = loadLocale(locale());
languages.value = locale();
setLocale(locale());
languages.addEventListener('change', async () => {
  const next = languages.value as Locale;
  try {
    await loadLocale(next);
  } catch {
    // Offline and never fetched: stay in the current language, and say so in it.
    if (languages.value === next) languages.value = locale();
    announce(t('offline'));
    return;
  }
  if (languages.value !== next) return; // another choice was made meanwhile
  setLocale(next);
  if (me) void api('/me', { method: 'PATCH', body: { locale: locale() } }).catch(() => undefined);
  void render();
});

logout.addEventListener('click', async () => {
  await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
  await caches?.delete('buurtpas-data').catch(() => undefined);
  me = null;
  go('');
  await render();
  announce(t('signedOut'));
});

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

// Nothing renders before the page's language is here (api()'s error messages included). A hash that
// changes meanwhile is read by the first render.
await firstLanguage;
window.addEventListener('hashchange', () => void render());
try {
  me = await api<Me>('/me');
} catch {
  me = null;
}
await render();
