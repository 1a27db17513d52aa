import { api, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { choice, field, section } from '../components.ts';
import { sendForm } from '../forms.ts';

/** Call and connect: the counter signs a resident up, e.g. on the phone. */
export function onBehalfSection(id: string): HTMLElement {
  return section('signup-behalf', 'signUpOnBehalf', async (body) => {
    const { items } = await api<Answer<'/api/v1/activities'>>('/activities?limit=50');
    const open = items.filter((a) => a.signupRequired);
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      {},
      choice(
        'behalf-activity',
        'activityId',
        t('activity'),
        open.map((a) => [a.id, `${format.dateTime(a.startsAt)} · ${a.title}`]),
      ),
      h('button', { type: 'submit' }, t('signUp')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        const { signups } = await api<Answer<'/api/v1/activities/{activityId}/signups', 'post'>>(
          `/activities/${v.activityId}/signups`,
          { body: { passholderIds: [id] } },
        );
        return signups[0]?.status === 'waitlisted' ? t('signedUpWaitlist') : t('signedUp');
      });
    });
    const liftStatus = h('p', { role: 'status' });
    const lift = h(
      'form',
      { 'aria-labelledby': 'lift-title' },
      h('h3', { id: 'lift-title' }, t('requestLift')),
      choice(
        'lift-activity',
        'activityId',
        t('activity'),
        open.map((a) => [a.id, `${format.dateTime(a.startsAt)} · ${a.title}`]),
      ),
      field('lift-address', 'address', t('pickupAddress'), { required: true }),
      h('button', { type: 'submit' }, t('requestLift')),
      liftStatus,
    );
    lift.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(lift);
      void sendForm(lift, liftStatus, async () => {
        await api(`/activities/${v.activityId}/ride-requests`, {
          body: { passholderId: id, address: v.address },
        });
        return t('liftRequested');
      });
    });
    body.replaceChildren(...(open.length ? [form, lift] : [h('p', {}, t('noActivities'))]));
  });
}
