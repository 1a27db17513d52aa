import { api, type Me } from './api.ts';
import { announce, h } from './dom.ts';
import { locale, setLocale, t, translateStatic, type Locale } from './i18n.ts';
import { activatePage } from './pages/activate.ts';
import { counterRecordPage } from './pages/counter-record.ts';
import { counterRegisterPage, counterSearchPage } from './pages/counter-search.ts';
import { doorPage, leaveDoorPage } from './pages/door.ts';
import { activitiesPage, activityPage } from './pages/activities.ts';
import { adminRulesPage } from './pages/admin-rules.ts';
import { clubActivitiesPage, clubActivityPage } from './pages/club-activities.ts';
import { pointsPage, selfCheckinPage } from './pages/points.ts';
import { homePage } from './pages/home.ts';
import { importPage } from './pages/import.ts';
import { adminStatementsPage, clubStatementsPage } from './pages/statements.ts';
import { loginPage } from './pages/login.ts';
import { leavePassPage, passPage } from './pages/pass.ts';
import { printPage } from './pages/print.ts';
import { ridesPage } from './pages/rides.ts';
import { currentRoute, go } from './router.ts';

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

function counterMunicipality(user: Me): string | null {
  return user.staffRoles.find((r) => r.role === 'counter')?.municipalityId ?? null;
}
function adminMunicipality(user: Me): string | null {
  return user.staffRoles.find((r) => r.role === 'municipality_admin')?.municipalityId ?? null;
}
function adminClub(user: Me): string | null {
  return user.staffRoles.find((r) => r.role === 'club_admin')?.clubId ?? null;
}

function renderNav(): void {
  const links: [string, string][] = [];
  if (!me) links.push(['#/', t('signIn')], ['#/activities', t('activitiesTitle')]);
  if (me) {
    links.push(['#/', t('home')]);
    if (me.passholderId)
      links.push(
        ['#/activities', t('activitiesTitle')],
        ['#/pass', t('myPass')],
        ['#/points', t('myPoints')],
      );
    if (counterMunicipality(me))
      links.push(['#/counter', t('findResident')], ['#/counter/import', t('importNav')]);
    if (me.clubIds.length) links.push(['#/door', t('doorTitle')]);
    if (adminClub(me))
      links.push(['#/club/activities', t('clubActivities')], ['#/statements', t('statements')]);
    if (adminMunicipality(me)) links.push(['#/admin', t('tillNav')], ['#/admin/statements', t('statements')]);
  }
  const here = `#/${currentRoute().name === '' ? '' : location.hash.replace(/^#\/?/, '')}`;
  nav.replaceChildren(
    ...links.map(([href, text]) =>
      h('a', { href, ...(href === here ? { 'aria-current': 'page' } : {}) }, text),
    ),
  );
  nav.hidden = links.length === 0;
}

async function pageFor(user: Me): Promise<HTMLElement> {
  const route = currentRoute();
  const municipality = counterMunicipality(user);
  switch (route.name) {
    case '':
      return homePage(user);
    case 'pass':
      return passPage(user);
    case 'counter':
      if (municipality) return counterSearchPage();
      break;
    case 'counter/new':
      if (municipality) return counterRegisterPage(municipality);
      break;
    case 'activities':
      return activitiesPage();
    case 'activities/:id':
      return activityPage(route.params.id!, user);
    case 'rides':
      if (user.passholderId) return ridesPage();
      break;
    case 'points':
      if (user.passholderId) return pointsPage();
      break;
    case 'checkin/:code':
      return selfCheckinPage(route.params.code!);
    case 'club/activities': {
      const club = adminClub(user);
      if (club) return clubActivitiesPage(club);
      break;
    }
    case 'club/activities/:id':
      if (user.clubIds.length) return clubActivityPage(route.params.id!);
      break;
    case 'counter/import':
      if (municipality) return importPage(municipality);
      break;
    case 'statements': {
      const club = adminClub(user);
      if (club) return clubStatementsPage(club);
      break;
    }
    case 'admin': {
      const own = adminMunicipality(user);
      if (own) return adminRulesPage(own);
      break;
    }
    case 'admin/statements': {
      const own = adminMunicipality(user);
      if (own) return adminStatementsPage(own);
      break;
    }
    case 'counter/p/:id':
      return counterRecordPage(route.params.id!);
    case 'print/:id':
      return printPage(route.params.id!);
    case 'door':
      if (user.clubIds.length) return doorPage(user);
      break;
  }
  return h('div', {}, h('h1', {}, t('notFound')), h('p', {}, h('a', { href: '#/' }, t('home'))));
}

async function render(): Promise<void> {
  const current = ++renders;
  leavePassPage();
  leaveDoorPage();
  translateStatic();
  logout.hidden = me === null;
  renderNav();
  if (!me && (currentRoute().name === 'activities' || currentRoute().name === 'activities/:id')) {
    // Finding activities is public.
    try {
      const route = currentRoute();
      show(
        route.name === 'activities' ? await activitiesPage() : await activityPage(route.params.id!, null),
        current,
      );
    } catch {
      show(h('div', {}, h('h1', {}, t('unknownError'))), current);
    }
    return;
  }
  if (!me) {
    const signedIn = (user: Me) => {
      me = user;
      if (user.locale !== locale())
        void api('/me', { method: 'PATCH', body: { locale: locale() } }).catch(() => undefined);
      if (currentRoute().name === 'activate') go('pass');
      else void render();
    };
    show(currentRoute().name === 'activate' ? activatePage(signedIn) : loginPage(signedIn));
    return;
  }
  try {
    show(await pageFor(me), current);
  } catch {
    show(
      h('div', {}, h('h1', {}, t('unknownError')), h('p', {}, h('a', { href: '#/' }, t('home')))),
      current,
    );
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
  await caches?.delete('buurtpas-data').catch(() => undefined);
  me = null;
  go('');
  await render();
  announce(t('signedOut'));
});

window.addEventListener('hashchange', () => void render());

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

try {
  me = await api<Me>('/me');
} catch {
  me = null;
}
await render();
