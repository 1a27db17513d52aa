import { api, ApiError, type Answer, type Schema } from '../api.ts';
import { announce, h } from '../dom.ts';
import { format, t, tn, type MessageKey } from '../i18n.ts';
import { button, confirmStep, loadingNote, section, table } from '../components.ts';

type Ledger = Answer<'/api/v1/me/points'>;
type CollectAt = Schema<'CollectAt'>;
type Reward = Answer<'/api/v1/rewards'>['items'][number];
type Redemption = Answer<'/api/v1/me/redemptions'>['items'][number];

/** Where and until when to collect a reward, in words. */
function collectLines(r: { collectAt?: CollectAt | null; validUntil: string | null }): string[] {
  const where = r.collectAt
    ? t(r.collectAt.kind === 'club' ? 'collectAtClub' : 'collectAtCounter', { name: r.collectAt.name })
    : null;
  const until = r.validUntil ? t('collectUntil', { date: format.date(r.validUntil) }) : t('collectNoEnd');
  return where ? [where, until] : [until];
}

const KIND: Record<string, MessageKey> = {
  checkin: 'pointsCheckin',
  ride_bonus: 'pointsRide',
  reward: 'pointsReward',
  welcome: 'pointsWelcome',
  correction: 'pointsCorrection',
  expiry: 'pointsExpiry',
};

/**
 * Why the points changed, in the user's language: the kind in words, with the activity or reward it was
 * for. Only a correction shows the staff's own note (free text, written for this person).
 */
function historyText(i: Ledger['items'][number]): string {
  const kind = t(KIND[i.kind] ?? 'pointsCorrection');
  const about = i.activityTitle ?? (i.kind === 'reward' || i.kind === 'correction' ? i.note : null);
  return about ? `${kind}: ${about}` : kind;
}

/** Resident: points balance and history, the rewards to redeem, and my rewards (to collect, received). */
export function pointsPage(): HTMLElement {
  const page = h('div', {}, h('h1', {}, t('myPoints')), loadingNote());
  const render = async (message?: string) => {
    const [ledger, rewards, mine] = await Promise.all([
      api<Ledger>('/me/points'),
      api<{ items: Reward[] }>('/rewards'),
      api<{ items: Redemption[] }>('/me/redemptions'),
    ]);
    page.replaceChildren(
      h('h1', {}, t('myPoints')),
      h('p', { class: 'huge' }, tn('pointsBalance', ledger.balance)),
      message ? h('p', { role: 'status', class: 'ok' }, message) : '',
      section('rewards', 'rewards', async (body) => {
        body.replaceChildren(
          h(
            'ul',
            { class: 'plain' },
            ...rewards.items.map((r) =>
              h(
                'li',
                { class: 'reward' },
                h('strong', {}, r.title),
                ` · ${tn('pointsCost', r.pointsCost)} `,
                r.description ? h('p', {}, r.description) : '',
                r.check.redeemable
                  ? button(t('redeem'), 'primary', {
                      onclick: async () => {
                        const sure = await confirmStep({
                          question: t('redeemQuestion', { title: r.title, points: r.pointsCost }),
                          details: [tn('redeemLeft', ledger.balance - r.pointsCost), ...collectLines(r)],
                          yes: t('redeem'),
                        });
                        if (!sure) return;
                        try {
                          await api(`/rewards/${r.id}/redemptions`, { body: {} });
                          await render(t('redeemed', { title: r.title }));
                        } catch (e) {
                          announce(e instanceof ApiError ? e.message : t('unknownError'));
                        }
                      },
                    })
                  : h('span', { class: 'muted' }, r.check.message ?? ''),
              ),
            ),
          ),
        );
      }),
      mine.items.length
        ? section('my-rewards', 'myRewards', async (body) => {
            body.replaceChildren(
              h(
                'ul',
                { class: 'plain' },
                ...mine.items.map((r) =>
                  h(
                    'li',
                    {},
                    h('strong', {}, r.title),
                    r.welcome ? ` (${t('welcomeReward')})` : '',
                    ' · ',
                    r.handedOverAt
                      ? t('rewardReceived', { date: format.dateTime(r.handedOverAt) })
                      : t('rewardToCollect'),
                    r.handedOverAt ? '' : h('p', { class: 'muted' }, collectLines(r).join(' · ')),
                  ),
                ),
              ),
            );
          })
        : '',
      section('history', 'pointsHistory', async (body) => {
        body.replaceChildren(
          table(
            t('pointsHistory'),
            [t('when'), t('why'), t('points')],
            ledger.items.map((i) => [
              format.dateTime(i.at),
              historyText(i),
              i.points > 0 ? `+${i.points}` : String(i.points),
            ]),
          ),
        );
      }),
    );
    if (message) announce(message);
  };
  render().catch((e: unknown) =>
    page.replaceChildren(
      h('h1', {}, t('myPoints')),
      h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
    ),
  );
  return page;
}

/** Self check-in: the resident scanned the activity's QR at the venue with their phone. */
export async function selfCheckinPage(code: string): Promise<HTMLElement> {
  try {
    const result = await api<{
      activity: { title: string };
      checkins: { passholder: { displayName: string }; pointsAwarded: number; alreadyCheckedIn: boolean }[];
    }>('/me/checkins', { body: { code } });
    return h(
      'div',
      { class: 'scan-result good', role: 'status' },
      h('h1', {}, t('checkedInTitle')),
      h('p', { class: 'big' }, result.activity.title),
      ...result.checkins.map((c) =>
        h(
          'p',
          {},
          c.alreadyCheckedIn
            ? t('alreadyIn', { name: c.passholder.displayName })
            : tn('checkedInPoints', c.pointsAwarded, {
                name: c.passholder.displayName,
                points: c.pointsAwarded,
              }),
        ),
      ),
    );
  } catch (e) {
    return h(
      'div',
      { class: 'scan-result bad' },
      h('h1', {}, t('notAccepted')),
      h('p', { role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
    );
  }
}
