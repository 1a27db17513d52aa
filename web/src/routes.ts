import type { Me } from './api.ts';
import type { MessageKey } from './i18n.ts';
import { activitiesPage, activityPage } from './pages/activities.ts';
import { adminRulesPage } from './pages/admin-rules.ts';
import { clubActivitiesPage, clubActivityPage } from './pages/club-activities.ts';
import { counterRecordPage } from './pages/counter-record.ts';
import { counterRegisterPage, counterSearchPage } from './pages/counter-search.ts';
import { doorPage } from './pages/door.ts';
import { homePage } from './pages/home.ts';
import { importPage } from './pages/import.ts';
import { pointsPage, selfCheckinPage } from './pages/points.ts';
import { passPage } from './pages/pass.ts';
import { printPage } from './pages/print.ts';
import { ridesPage } from './pages/rides.ts';
import { adminStatementsPage, clubStatementsPage } from './pages/statements.ts';

/** What a page gets: the signed-in user, the path's parameters, and a signal that fires when the user leaves. */
export type PageContext<U extends Me | null = Me> = {
  me: U;
  params: Record<string, string>;
  /** Aborted when the user goes to another page: stop timers, cameras and pending work on it. */
  signal: AbortSignal;
};

type Page<U extends Me | null> = (c: PageContext<U>) => HTMLElement | Promise<HTMLElement>;

/**
 * One route: its path (`:name` is a parameter), the page, who may see it, and where it is offered. Signed-out
 * visitors see only public routes; everyone else sees a route when `may` says so.
 */
export type Route =
  | { path: string; public: true; page: Page<Me | null>; menu?: MessageKey; home?: MessageKey }
  | {
      path: string;
      public?: false;
      page: Page<Me>;
      may: (me: Me) => boolean;
      menu?: MessageKey;
      home?: MessageKey;
    };

export const counterMunicipality = (me: Me) =>
  me.staffRoles.find((r) => r.role === 'counter')?.municipalityId ?? null;
export const adminMunicipality = (me: Me) =>
  me.staffRoles.find((r) => r.role === 'municipality_admin')?.municipalityId ?? null;
export const adminClub = (me: Me) => me.staffRoles.find((r) => r.role === 'club_admin')?.clubId ?? null;

const resident = (me: Me) => me.passholderId !== null;
const counter = (me: Me) => counterMunicipality(me) !== null;
const door = (me: Me) => me.clubIds.length > 0;
const clubAdmin = (me: Me) => adminClub(me) !== null;
const municipalityAdmin = (me: Me) => adminMunicipality(me) !== null;
const anyone = () => true;

/**
 * Every page of the app, in menu order. The router, the menu and the home page's shortcuts all read this
 * table: a new page is one entry here.
 */
export const ROUTES: Route[] = [
  { path: '', page: ({ me }) => homePage(me, shortcutsFor(me)), may: anyone, menu: 'home' },
  {
    path: 'activities',
    public: true,
    page: () => activitiesPage(),
    menu: 'activitiesTitle',
    home: 'activitiesTitle',
  },
  {
    path: 'activities/:id',
    public: true,
    page: ({ params, me, signal }) => activityPage(params.id!, me, signal),
  },
  {
    path: 'pass',
    page: ({ me, signal }) => passPage(me, signal),
    may: resident,
    menu: 'myPass',
    home: 'myPass',
  },
  { path: 'points', page: () => pointsPage(), may: resident, menu: 'myPoints', home: 'myPoints' },
  {
    path: 'settings',
    page: async () => (await import('./pages/message-settings.ts')).messageSettingsPage(),
    may: resident,
    menu: 'msgSettingsNav',
  },
  { path: 'rides', page: ({ signal }) => ridesPage(signal), may: resident, menu: 'myLifts', home: 'myLifts' },
  { path: 'checkin/:code', page: ({ params }) => selfCheckinPage(params.code!), may: resident },
  {
    path: 'counter',
    page: () => counterSearchPage(),
    may: counter,
    menu: 'findResident',
    home: 'findResident',
  },
  {
    path: 'counter/new',
    page: ({ me }) => counterRegisterPage(counterMunicipality(me)!),
    may: counter,
    home: 'registerResident',
  },
  {
    path: 'counter/import',
    page: ({ me }) => importPage(counterMunicipality(me)!),
    may: counter,
    menu: 'importNav',
  },
  {
    path: 'counter/outreach',
    page: async () => (await import('./pages/counter-outreach.ts')).outreachPage(),
    may: counter,
    menu: 'outreachNav',
    home: 'outreachNav',
  },
  {
    path: 'counter/letters',
    page: async ({ me }) =>
      (await import('./pages/counter-messages.ts')).lettersPage(counterMunicipality(me)!),
    may: counter,
    menu: 'msgLettersNav',
  },
  {
    path: 'counter/failed-deliveries',
    page: async ({ me }) =>
      (await import('./pages/counter-messages.ts')).failedDeliveriesPage(counterMunicipality(me)!),
    may: counter,
    menu: 'msgFailedNav',
    home: 'msgFailedNav',
  },
  { path: 'counter/p/:id', page: ({ params }) => counterRecordPage(params.id!), may: counter },
  { path: 'print/:id', page: ({ params }) => printPage(params.id!), may: counter },
  {
    path: 'door',
    page: ({ me, signal }) => doorPage(me, signal),
    may: door,
    menu: 'doorTitle',
    home: 'doorTitle',
  },
  {
    path: 'club/activities',
    page: ({ me }) => clubActivitiesPage(adminClub(me)!),
    may: clubAdmin,
    menu: 'clubActivities',
    home: 'clubActivities',
  },
  {
    path: 'club/activities/:id',
    page: ({ params, signal }) => clubActivityPage(params.id!, signal),
    may: door,
  },
  {
    path: 'statements',
    page: ({ me }) => clubStatementsPage(adminClub(me)!),
    may: clubAdmin,
    menu: 'statements',
  },
  {
    path: 'admin',
    page: ({ me }) => adminRulesPage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'tillNav',
  },
  {
    path: 'admin/statements',
    page: ({ me }) => adminStatementsPage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'statements',
  },
  {
    path: 'admin/lifts',
    page: async ({ me }) => (await import('./pages/admin-lifts.ts')).adminLiftsPage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'munLiftsNav',
  },
  {
    path: 'admin/figures',
    // The charts are their own bundle: only this page downloads them.
    page: async ({ me }) => (await import('./pages/admin-figures.ts')).figuresPage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'figuresNav',
  },
  {
    path: 'admin/take-up',
    // Charts: their own bundle, like the figures page.
    page: async ({ me }) => (await import('./pages/admin-take-up.ts')).takeUpPage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'takeUpNav',
  },
  {
    path: 'admin/rights',
    page: async ({ me }) => (await import('./pages/admin-rights.ts')).adminRightsPage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'rightsNav',
  },
  {
    path: 'admin/social-house',
    page: async ({ me }) =>
      (await import('./pages/admin-social-house.ts')).adminSocialHousePage(adminMunicipality(me)!),
    may: municipalityAdmin,
    menu: 'socialHouseNav',
  },
  {
    path: 'admin/import',
    page: ({ me }) => importPage(adminMunicipality(me)!, counter(me)),
    may: municipalityAdmin,
    menu: 'importNav',
  },
];

/** Whether `me` (null when signed out) may see the route. */
export function allowed(route: Route, me: Me | null): boolean {
  if (route.public) return true;
  return me !== null && route.may(me);
}

/** Finds the route of a hash (`#/counter/p/123`) and its parameters. */
export function match(hash: string): { route: Route; params: Record<string, string> } | null {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const names = route.path.split('/').filter(Boolean);
    if (names.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = names.every((name, i) => {
      if (!name.startsWith(':')) return name === parts[i];
      params[name.slice(1)] = decodeURIComponent(parts[i]!);
      return true;
    });
    if (fits) return { route, params };
  }
  return null;
}

/** Menu entries (`href`, label key) the user may see. */
export function menuFor(me: Me | null): [string, MessageKey][] {
  return ROUTES.filter((r) => r.menu && allowed(r, me)).map((r) => [`#/${r.path}`, r.menu!]);
}

/** Home-page shortcuts the user may use. */
export function shortcutsFor(me: Me): [string, MessageKey][] {
  return ROUTES.filter((r) => r.home && allowed(r, me)).map((r) => [`#/${r.path}`, r.home!]);
}
