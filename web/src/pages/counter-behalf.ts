import { api, ApiError, type Answer, type Schema } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, loadLocale, t, tIn, tn, type Locale, type MessageKey } from '../i18n.ts';
import {
  button,
  checkbox,
  choice,
  confirmStep,
  emptyState,
  field,
  fieldset,
  section,
} from '../components.ts';
import { sendForm } from '../forms.ts';

type View = Answer<'/api/v1/passholders/{passholderId}/signups'>;
type Signup = View['items'][number];
type Activity = Answer<'/api/v1/activities'>['items'][number];
type Reward = Answer<'/api/v1/rewards'>['items'][number];
type Ledger = Answer<'/api/v1/me/points'>;
type CollectAt = Schema<'CollectAt'>;

/** What was just done, said to the resident in their own language: read out on the phone or printed. */
type Said = { lines: string[]; done: string };

const NEEDS: [string, MessageKey][] = [
  ['wheelchair', 'needWheelchair'],
  ['help_at_door', 'needHelpAtDoor'],
  ['assistance_dog', 'needAssistanceDog'],
  ['child_seat', 'needChildSeat'],
];

/** The reason the record was opened for in this visit (the record page keeps it per tab), else a visit. */
function visitReason(id: string): string {
  try {
    const saved = JSON.parse(sessionStorage.getItem(`record-reason:${id}`) ?? 'null') as {
      reason?: unknown;
    } | null;
    if (typeof saved?.reason === 'string' && /^[a-z_]+$/.test(saved.reason)) return saved.reason;
  } catch {
    // Nothing kept: a visit at the counter.
  }
  return 'counter_visit';
}

/** Dates and times in the resident's language, for what is said to them. */
const inLanguage = (lang: Locale) => ({
  /** "dinsdag 1 december", never "morgen": a printed text is read later. */
  day: (iso: string) =>
    new Intl.DateTimeFormat(`${lang}-BE`, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Brussels',
    }).format(new Date(iso)),
  time: (iso: string) =>
    new Intl.DateTimeFormat(`${lang}-BE`, { timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(
      new Date(iso),
    ),
  date: (isoDate: string) =>
    new Intl.DateTimeFormat(`${lang}-BE`, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
      new Date(`${isoDate.slice(0, 10)}T12:00:00Z`),
    ),
  /** A text whose words depend on a number: `key_one` where the language says "one" (fr: 0 and 1). */
  count: (key: MessageKey, count: number, params: Record<string, string | number> = {}) =>
    tIn(lang, new Intl.PluralRules(lang).select(count) === 'one' ? (`${key}_one` as MessageKey) : key, {
      count,
      ...params,
    }),
});

const place = (venue: { name: string | null; address: string | null }) =>
  [venue.name, venue.address].filter(Boolean).join(', ');

type Timed = { startsAt: string; endsAt: string; venue: { name: string | null } };

/** "dinsdag 1 december, 17:00–19:00 · Stedelijk zwembad": when and where, in words. */
function whenWhere(a: Timed): string {
  const when = `${format.day(a.startsAt, new Date())}, ${format.time(a.startsAt)}–${format.time(a.endsAt)}`;
  return [when, a.venue.name].filter(Boolean).join(' · ');
}

/** "Zwemmen · dinsdag 1 december, 17:00–19:00 · Stedelijk zwembad": an activity as a choice, in words. */
const activityText = (a: Timed & { title: string }) => `${a.title} · ${whenWhere(a)}`;

/** A message from the server that starts in lower case ("not enough points.") as a sentence. */
const sentence = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** Where and until when to collect a reward, said to the resident. */
function collectLines(lang: Locale, r: { collectAt?: CollectAt | null; validUntil: string | null }) {
  const say = inLanguage(lang);
  const where = r.collectAt
    ? tIn(lang, r.collectAt.kind === 'club' ? 'collectAtClub' : 'collectAtCounter', {
        name: r.collectAt.name,
      })
    : null;
  const until = r.validUntil
    ? tIn(lang, 'collectUntil', { date: say.date(r.validUntil) })
    : tIn(lang, 'collectNoEnd');
  return where ? [where, until] : [until];
}

/** The same, in the clerk's language, for the question before redeeming. */
function collectLinesHere(r: { collectAt?: CollectAt | null; validUntil: string | null }) {
  const where = r.collectAt
    ? t(r.collectAt.kind === 'club' ? 'collectAtClub' : 'collectAtCounter', { name: r.collectAt.name })
    : null;
  const until = r.validUntil ? t('collectUntil', { date: format.date(r.validUntil) }) : t('collectNoEnd');
  return where ? [where, until] : [until];
}

/**
 * Call and connect: on a resident's record, the counter does for them what they could do online (sign up,
 * cancel, ask for a lift, redeem points). After each step a confirmation in the resident's own language,
 * to read out on the phone or print.
 */
export function onBehalfSection(id: string): HTMLElement {
  return section('signup-behalf', 'behalfTitle', async (body) => {
    const render = async (said?: Said): Promise<void> => {
      const [view, activities, rewards, ledger] = await Promise.all([
        api<View>(`/passholders/${id}/signups?reason=${visitReason(id)}`),
        api<Answer<'/api/v1/activities'>>('/activities?limit=50'),
        api<{ items: Reward[] }>(`/rewards?passholderId=${id}`),
        api<Ledger>(`/me/points?passholderId=${id}`),
      ]);
      const { holder } = view;
      const name = holder.firstName;
      const lang = holder.locale;
      await loadLocale(lang); // what is said to the resident is in their language, maybe not the page's
      const say = inLanguage(lang);
      const when = (s: { startsAt: string }) => ({ day: say.day(s.startsAt), time: say.time(s.startsAt) });
      const problem = h('div', {});

      /** Runs an action; its confirmation replaces the section, a refusal shows above the lists. */
      const act = async (action: () => Promise<Said>) => {
        try {
          await render(await action());
        } catch (e) {
          const message = e instanceof ApiError ? e.message : t('unknownError');
          problem.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
          announce(message);
        }
      };

      // Sign-ups and waiting-list places, each with its lift.
      const signups = h(
        'div',
        {},
        h('h3', {}, t('behalfSignups', { name })),
        view.items.length
          ? h('ul', { class: 'plain behalf-list' }, ...view.items.map((s) => signupItem(s)))
          : emptyState(t('behalfNoSignups', { name })),
      );

      function signupItem(s: Signup): HTMLElement {
        const state =
          s.status === 'waitlisted'
            ? t('onWaitlist', { position: s.waitlistPosition ?? '' })
            : t('behalfSignedUp');
        return h(
          'li',
          {},
          h('strong', {}, s.title),
          ' ',
          s.activityCancelled
            ? h('span', { class: 'error' }, t('behalfCancelled'))
            : h('span', { class: 'tag' }, state),
          h('br', {}),
          whenWhere(s),
          s.lift ? h('p', {}, t('behalfLift', { state: liftState(s.lift) })) : null,
          h(
            'p',
            { class: 'actions' },
            s.lift
              ? button(t('cancelLift'), 'secondary', {
                  onclick: () => void cancelLift(s, s.lift!),
                })
              : null,
            s.activityCancelled
              ? null
              : button(t('cancelSignup'), 'danger', {
                  'aria-label': `${t('cancelSignup')}: ${s.title}`,
                  onclick: () => void cancelSignup(s),
                }),
          ),
        );
      }

      function liftState(lift: NonNullable<Signup['lift']>): string {
        if (lift.status === 'accepted') return t('behalfLiftAgreed', { name: lift.driverFirstName ?? '' });
        if (lift.status === 'proposed') return t('behalfLiftProposed', { name: lift.driverFirstName ?? '' });
        return t(lift.status === 'open' ? 'rideOpen' : 'rideRequested');
      }

      async function cancelSignup(s: Signup) {
        const yes = await confirmStep({
          question: t('cancelSignupQuestion', { name, title: s.title }),
          details: [
            activityText(s),
            t(s.status === 'waitlisted' ? 'behalfCancelWaitlist' : 'cancelSignupDetails'),
          ],
          yes: t('cancelSignup'),
          danger: true,
        });
        if (!yes) return;
        await act(async () => {
          await api(`/signups/${s.id}/cancel`, { method: 'POST' });
          return {
            lines: [tIn(lang, 'behalfSayCancelled', { title: s.title, ...when(s) })],
            done: t('behalfCancelledDone', { name }),
          };
        });
      }

      async function cancelLift(s: Signup, lift: NonNullable<Signup['lift']>) {
        const agreed = lift.status === 'accepted' && lift.driverFirstName;
        const yes = await confirmStep({
          question: t('behalfCancelLiftQuestion', { name, title: s.title }),
          details: [
            agreed ? t('cancelLiftTold', { name: lift.driverFirstName ?? '' }) : t('behalfCancelLiftNobody'),
          ],
          yes: t('cancelLift'),
          danger: true,
        });
        if (!yes) return;
        await act(async () => {
          await api(`/ride-requests/${lift.id}/cancel`, { method: 'POST' });
          return {
            lines: [tIn(lang, 'behalfSayLiftCancelled', { title: s.title, day: say.day(s.startsAt) })],
            done: t('behalfLiftCancelledDone'),
          };
        });
      }

      // Sign up: activities that take sign-ups and that this resident is not on yet.
      const mine = new Set(view.items.map((s) => s.activityId));
      const open = activities.items.filter(
        (a: Activity) => a.signupRequired && !a.cancelled && !a.draft && !mine.has(a.id),
      );
      const signUpStatus = h('p', { role: 'status' });
      const signUpForm = h(
        'form',
        { 'aria-labelledby': 'behalf-signup-title' },
        h('h3', { id: 'behalf-signup-title' }, t('behalfSignUpTitle')),
        choice(
          'behalf-activity',
          'activityId',
          t('activity'),
          open.map((a): [string, string] => [
            a.id,
            a.placesLeft === 0 ? `${activityText(a)} · ${t('fullWaitlist')}` : activityText(a),
          ]),
        ),
        h('button', { type: 'submit' }, t('signUp')),
        signUpStatus,
      );
      signUpForm.addEventListener('submit', (event) => {
        event.preventDefault();
        const a = open.find((x) => x.id === formValues(signUpForm).activityId);
        if (!a) return;
        void sendForm(signUpForm, signUpStatus, async () => {
          const {
            signups: [s],
          } = await api<Answer<'/api/v1/activities/{activityId}/signups', 'post'>>(
            `/activities/${a.id}/signups`,
            { body: { passholderIds: [id] } },
          );
          const waiting = s?.status === 'waitlisted';
          const where = place(a.venue);
          const done = waiting
            ? t('behalfWaitlistedDone', { name, position: s?.waitlistPosition ?? '' })
            : t('behalfSignedUpDone', { name });
          await render({
            lines: [
              waiting
                ? tIn(lang, 'behalfSayWaitlisted', {
                    title: a.title,
                    ...when(a),
                    position: s?.waitlistPosition ?? '',
                  })
                : tIn(lang, 'behalfSaySignedUp', { title: a.title, ...when(a) }),
              ...(where ? [tIn(lang, 'behalfSayWhere', { place: where })] : []),
            ],
            done,
          });
          return done;
        });
      });

      // A lift: to an activity the resident is signed up for and has no live request for.
      const liftable = view.items.filter((s) => !s.lift && !s.activityCancelled);
      const liftStatus = h('p', { role: 'status' });
      const liftForm = h(
        'form',
        { 'aria-labelledby': 'behalf-lift-title' },
        h('h3', { id: 'behalf-lift-title' }, t('behalfLiftTitle')),
        choice(
          'behalf-lift-activity',
          'signupId',
          t('behalfLiftTo'),
          liftable.map((s): [string, string] => [s.id, activityText(s)]),
        ),
        field('behalf-lift-address', 'address', t('pickupAddress'), {
          required: true,
          autocomplete: 'off',
          value: holder.address ?? '',
        }),
        fieldset(t('behalfNeeds'), ...NEEDS.map(([value, key]) => checkbox('needs', value, t(key)))),
        h('button', { type: 'submit' }, t('behalfLiftTitle')),
        liftStatus,
      );
      liftForm.addEventListener('submit', (event) => {
        event.preventDefault();
        const v = formValues(liftForm);
        const s = liftable.find((x) => x.id === v.signupId);
        if (!s) return;
        const needs = new FormData(liftForm).getAll('needs').map(String);
        void sendForm(liftForm, liftStatus, async () => {
          await api(`/activities/${s.activityId}/ride-requests`, {
            body: { passholderId: id, address: v.address ?? '', needs },
          });
          const done = t('behalfLiftDone');
          await render({
            lines: [
              tIn(lang, 'behalfSayLiftAsked', { title: s.title, ...when(s), address: v.address ?? '' }),
            ],
            done,
          });
          return done;
        });
      });

      // Rewards the resident can redeem with their points.
      const rewardList = h(
        'div',
        {},
        h('h3', {}, t('behalfRewardsTitle')),
        h('p', { class: 'big' }, tn('behalfBalance', ledger.balance, { name })),
        rewards.items.length
          ? h(
              'ul',
              { class: 'plain behalf-list' },
              ...rewards.items.map((r) =>
                h(
                  'li',
                  {},
                  h('strong', {}, r.title),
                  ` · ${tn('pointsCost', r.pointsCost)}`,
                  r.check.redeemable
                    ? h(
                        'p',
                        { class: 'actions' },
                        button(t('redeem'), 'primary', {
                          'aria-label': `${t('redeem')}: ${r.title}`,
                          onclick: () => void redeem(r),
                        }),
                      )
                    : h('p', { class: 'muted' }, sentence(r.check.message ?? '')),
                ),
              ),
            )
          : emptyState(t('behalfNoRewards')),
      );

      async function redeem(r: Reward) {
        const left = ledger.balance - r.pointsCost;
        const yes = await confirmStep({
          question: t('behalfRedeemQuestion', { title: r.title, name, points: r.pointsCost }),
          details: [tn('behalfRedeemLeft', left, { name }), ...collectLinesHere(r)],
          yes: t('redeem'),
        });
        if (!yes) return;
        await act(async () => {
          const done = await api<Answer<'/api/v1/rewards/{rewardId}/redemptions', 'post'>>(
            `/rewards/${r.id}/redemptions`,
            { body: { passholderId: id } },
          );
          return {
            lines: [
              say.count('behalfSayRedeemed', done.points, { title: r.title, points: done.points }),
              say.count('behalfSayLeft', done.balance),
              ...collectLines(lang, r),
            ],
            done: t('behalfRedeemedDone', { title: r.title }),
          };
        });
      }

      body.replaceChildren(
        said
          ? confirmation(said, name, lang)
          : h('p', { class: 'muted' }, t('behalfIntro', { name, language: format.language(lang) })),
        problem,
        signups,
        h(
          'div',
          { class: 'behalf-forms' },
          open.length
            ? signUpForm
            : h(
                'div',
                {},
                h('h3', {}, t('behalfSignUpTitle')),
                emptyState(t('behalfNothingToSignUp', { name })),
              ),
          liftable.length
            ? liftForm
            : h(
                'div',
                {},
                h('h3', {}, t('behalfLiftTitle')),
                emptyState(
                  t(
                    view.items.some((s) => !s.activityCancelled)
                      ? 'behalfAllLiftsAsked'
                      : 'behalfNoLiftToAsk',
                    { name },
                  ),
                ),
              ),
        ),
        rewardList,
      );
      if (said) {
        announce(said.done);
        body.querySelector<HTMLElement>('.behalf-confirmation')?.focus();
      }
    };
    await render();
  });
}

/** The confirmation block: what the clerk reads out or prints, in the resident's language, and a print button. */
function confirmation(said: Said, name: string, lang: Locale): HTMLElement {
  const block = h(
    'div',
    {
      class: 'behalf-confirmation',
      tabindex: '-1',
      'aria-labelledby': 'behalf-confirmation-title',
      role: 'region',
    },
    h('p', { class: 'ok no-print' }, said.done),
    h('h3', { id: 'behalf-confirmation-title', class: 'no-print' }, t('behalfConfirmation', { name })),
    // On paper the resident reads a title in their own language, and nothing in the clerk's.
    h('h3', { class: 'print-only', lang }, tIn(lang, 'behalfSayTitle', { name })),
    h(
      'p',
      { class: 'muted no-print' },
      t('behalfConfirmationHint', { name, language: format.language(lang) }),
    ),
    h('div', { class: 'read-out', lang }, ...said.lines.map((line) => h('p', {}, line))),
  );
  block.append(
    h(
      'p',
      { class: 'actions no-print' },
      button(t('behalfPrint'), 'secondary', { onclick: () => printOnly(block) }),
    ),
  );
  return block;
}

/** Prints the confirmation alone: a copy at the top of the page, everything else hidden while printing. */
function printOnly(block: HTMLElement): void {
  document.getElementById('behalf-print')?.remove();
  const copy = block.cloneNode(true) as HTMLElement;
  copy.id = 'behalf-print';
  copy.removeAttribute('tabindex');
  copy.removeAttribute('role');
  copy.removeAttribute('aria-labelledby');
  copy
    .querySelectorAll('.no-print, [id]')
    .forEach((el) => (el.classList.contains('no-print') ? el.remove() : el.removeAttribute('id')));
  copy.setAttribute('aria-hidden', 'true');
  document.body.append(copy);
  document.body.classList.add('print-behalf');
  const done = () => {
    document.body.classList.remove('print-behalf');
    copy.remove();
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
