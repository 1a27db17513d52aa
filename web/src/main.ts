import { api, type Me } from './api.ts';
import { announce, h } from './dom.ts';
import { locale, setLocale, t, translateStatic, type Locale } from './i18n.ts';
import { homePage } from './pages/home.ts';
import { loginPage } from './pages/login.ts';

const main = document.getElementById('main')!;
const logout = document.getElementById('logout') as HTMLButtonElement;
const languages = document.getElementById('lang') as HTMLSelectElement;
let me: Me | null = null;

/** Shows a page and moves focus to it, so keyboard and screen-reader users land on the new content. */
function show(page: HTMLElement): void {
  main.replaceChildren(page);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Buurtpas` : 'Buurtpas';
  main.focus();
}

async function render(): Promise<void> {
  translateStatic();
  logout.hidden = me === null;
  if (!me) {
    show(
      loginPage((user) => {
        me = user;
        if (user.locale !== locale()) void api('/me', { method: 'PATCH', body: { locale: locale() } });
        void render();
      }),
    );
    return;
  }
  try {
    show(await homePage(me));
  } catch {
    show(h('p', { class: 'error', role: 'alert' }, t('unknownError')));
  }
}

languages.value = locale();
setLocale(locale());
languages.addEventListener('change', () => {
  setLocale(languages.value as Locale);
  if (me) void api('/me', { method: 'PATCH', body: { locale: locale() } }).catch(() => undefined);
  void render();
});

logout.addEventListener('click', async () => {
  await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
  me = null;
  await render();
  announce(t('signedOut'));
});

try {
  me = await api<Me>('/me');
} catch {
  me = null;
}
await render();
