import { api, ApiError, type Me } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t, tn } from '../i18n.ts';
import { choice, field } from '../components.ts';
import { membershipTill } from './membership-till.ts';

type Activity = {
  id: string;
  clubId: string;
  title: string;
  startsAt: string;
  draft: boolean;
  door: { opensAt: string; closesAt: string };
};
type Price = { price: number; tariffId: string };
type Scan = {
  passholder: { displayName: string };
  pass: { number: string };
  points: number;
  price: Price;
  signup: 'confirmed' | 'waitlisted' | null;
  checkedIn: boolean;
  messages: { message: string }[];
};
type Sale = { id: string; price: number };

/** Reads QR codes from video frames: the browser's BarcodeDetector where it has one, else jsQR (loaded only here). */
async function makeDecoder(): Promise<
  (video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>
> {
  const Detector = (
    window as unknown as {
      BarcodeDetector?: {
        new (o: { formats: string[] }): { detect(v: CanvasImageSource): Promise<{ rawValue: string }[]> };
        getSupportedFormats(): Promise<string[]>;
      };
    }
  ).BarcodeDetector;
  if (Detector && (await Detector.getSupportedFormats()).includes('qr_code')) {
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (video, canvas) => {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** Door staff: pick the activity, scan a pass by camera or type its number, see who it is in large type. */
export async function doorPage(me: Me, signal: AbortSignal): Promise<HTMLElement> {
  let stopCamera: (() => void) | undefined;
  signal.addEventListener('abort', () => stopCamera?.());
  const clubIds = me.clubIds;
  const [lists, tills] = await Promise.all([
    Promise.all(clubIds.map((id) => api<{ items: Activity[] }>(`/clubs/${id}/activities`))),
    Promise.all(clubIds.map((id) => membershipTill(id))),
  ]);
  const activities = lists
    .flatMap((l) => l.items)
    .filter((a) => !a.draft)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const picker = choice(
    'door-activity',
    'activityId',
    t('activity'),
    // The title first: on a phone the select cuts the end off.
    activities.map((a): [string, string] => [a.id, `${a.title} · ${format.shortDateTime(a.startsAt)}`]),
  );
  const activitySelect = picker.querySelector('select') as HTMLSelectElement;
  // When the door of the chosen activity is open: only then do scans, prices and sales work.
  const doorHours = h('p', { class: 'muted', id: 'door-hours' });
  const showDoorHours = () => {
    const chosen = activities.find((a) => a.id === activitySelect.value);
    doorHours.textContent = chosen
      ? t('doorOpenFromTo', {
          from: format.shortDateTime(chosen.door.opensAt),
          until: format.time(chosen.door.closesAt),
        })
      : '';
  };
  activitySelect.addEventListener('change', showDoorHours);
  activitySelect.setAttribute('aria-describedby', 'door-hours');
  showDoorHours();
  const result = h('div', {
    class: 'scan-result',
    role: 'status',
    'aria-live': 'assertive',
    'aria-atomic': 'true',
  });

  /** The till: the same screen for everyone, only the amounts differ. */
  const till = (body: { code: string } | { passNumber: string }, price: Price): HTMLElement => {
    const status = h('p', { role: 'status' });
    const box = h(
      'div',
      { class: 'till' },
      h(
        'p',
        { class: 'big' },
        `${t('toPay')}: `,
        h('strong', { class: 'amount huge' }, format.cents(price.price)),
      ),
      status,
    );
    const register = h('button', { type: 'button' }, t('registerSale'));
    register.addEventListener('click', async () => {
      register.disabled = true;
      try {
        const { sales } = await api<{ sales: Sale[] }>('/ticket-sales', {
          body: { sales: [{ activityId: activitySelect.value, ...body, tariffId: price.tariffId }] },
        });
        const sale = sales[0]!;
        status.className = 'ok';
        status.textContent = t('saleRegistered', { amount: format.cents(sale.price) });
        const cancel = h('button', { type: 'button', class: 'secondary' }, t('cancelSale'));
        cancel.addEventListener('click', async () => {
          cancel.disabled = true;
          try {
            await api(`/ticket-sales/${sale.id}/cancel`, { method: 'POST' });
            status.textContent = t('saleCancelled');
            cancel.remove();
          } catch (e) {
            status.className = 'error';
            status.textContent = e instanceof ApiError ? e.message : t('unknownError');
          }
        });
        register.replaceWith(cancel);
        announce(status.textContent);
      } catch (e) {
        register.disabled = false;
        status.className = 'error';
        status.textContent = e instanceof ApiError ? e.message : t('unknownError');
        announce(status.textContent);
      }
    });
    box.append(register);
    return box;
  };

  const checkinButton = (body: { code: string } | { passNumber: string }, already: boolean): HTMLElement => {
    const status = h('p', { role: 'status' });
    const button = h(
      'button',
      { type: 'button', disabled: already },
      already ? t('checkedIn') : t('checkIn'),
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const r = await api<{ pointsAwarded: number; points: number }>(
          `/activities/${activitySelect.value}/checkins`,
          { body },
        );
        status.className = 'ok';
        status.textContent = tn('checkedInDone', r.pointsAwarded, {
          points: r.pointsAwarded,
          total: r.points,
        });
        button.textContent = t('checkedIn');
      } catch (e) {
        button.disabled = false;
        status.className = 'error';
        status.textContent = e instanceof ApiError ? e.message : t('unknownError');
      }
      announce(status.textContent ?? '');
    });
    return h('div', { class: 'checkin' }, button, status);
  };

  /**
   * Rewards this holder redeemed at the club, to hand over now: the holder is present, by the scanned code
   * or by the typed number while the chosen activity's door is open (the API refuses it otherwise).
   */
  const redemptions = async (
    presence: { code: string } | { passNumber: string },
  ): Promise<HTMLElement | string> => {
    const activityId = activitySelect.value;
    const clubId = activities.find((a) => a.id === activityId)?.clubId;
    if (!clubId) return '';
    const holder = { ...presence, activityId };
    const { items } = await api<{ items: { id: string; title: string }[] }>(
      `/clubs/${clubId}/redemptions?${new URLSearchParams(holder)}`,
    ).catch(() => ({ items: [] }));
    if (!items.length) return '';
    return h(
      'div',
      { class: 'redemptions' },
      h('p', {}, t('toHandOver')),
      ...items.map((r) => {
        const b = h('button', { type: 'button', class: 'secondary' }, `${t('handOver')}: ${r.title}`);
        b.addEventListener('click', async () => {
          try {
            await api(`/clubs/${clubId}/redemptions/${r.id}/hand-over`, { body: holder });
            b.replaceWith(h('span', { class: 'ok' }, `${r.title}: ${t('handedOver')}`));
          } catch (e) {
            const message = e instanceof ApiError ? e.message : t('unknownError');
            b.after(h('p', { class: 'error', role: 'alert' }, message));
          }
        });
        return b;
      }),
    );
  };

  const scan = async (body: { code: string } | { passNumber: string }) => {
    try {
      const answer = await api<Scan>('/scans', { body: { activityId: activitySelect.value, ...body } });
      result.className = 'scan-result good';
      result.replaceChildren(
        h('p', { class: 'huge' }, answer.passholder.displayName),
        h(
          'p',
          {},
          `${t('passNumber')}: ${format.passNumber(answer.pass.number)} · ${t('points')}: ${answer.points}`,
        ),
        h(
          'p',
          { class: 'note' },
          answer.signup === 'confirmed'
            ? t('statusSignedUp')
            : answer.signup === 'waitlisted'
              ? t('statusWaitlisted')
              : t('statusNotSignedUp'),
          ' · ',
          answer.checkedIn ? t('checkedIn') : t('notCheckedIn'),
        ),
        ...answer.messages.map((m) => h('p', { class: 'note' }, m.message)),
        checkinButton(body, answer.checkedIn),
        till(body, answer.price),
        await redemptions(body),
      );
      announce(`${answer.passholder.displayName}. ${t('toPay')}: ${format.cents(answer.price.price)}`);
    } catch (e) {
      result.className = 'scan-result bad';
      // A closed door is about the time, not the person: say so, not "not accepted".
      const closed = e instanceof ApiError && e.code === 'door_closed';
      result.replaceChildren(
        h('p', { class: 'huge' }, closed ? t('doorClosed') : t('notAccepted')),
        h('p', {}, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
    // On a phone the typed number is below the result: bring the answer into view.
    result.scrollIntoView({ block: 'nearest' });
  };

  const typed = h(
    'form',
    { 'aria-labelledby': 'type-title' },
    h('h2', { id: 'type-title' }, t('typeNumber')),
    field('door-number', 'passNumber', t('passNumber'), {
      inputmode: 'numeric',
      autocomplete: 'off',
      required: true,
    }),
    h('button', { type: 'submit' }, t('check')),
  );
  typed.addEventListener('submit', (event) => {
    event.preventDefault();
    const passNumber = formValues(typed).passNumber ?? '';
    typed.reset();
    void scan({ passNumber });
  });

  const video = h('video', { playsinline: true, muted: true, 'aria-label': t('camera'), hidden: true });
  const canvas = h('canvas', { hidden: true });
  const cameraStatus = h('p', { class: 'muted' });
  const startButton = h('button', { type: 'button' }, t('startCamera'));
  startButton.addEventListener('click', async () => {
    stopCamera?.();
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      video.srcObject = stream;
      if (!video.isConnected) cameraStatus.after(video);
      video.hidden = false;
      await video.play();
      const decode = await makeDecoder();
      let running = true;
      let last = '';
      stopCamera = () => {
        running = false;
        stream.getTracks().forEach((track) => track.stop());
      };
      cameraStatus.textContent = t('cameraOn');
      const tick = async () => {
        if (!running) return;
        const text = video.readyState >= 2 ? await decode(video, canvas).catch(() => null) : null;
        if (text && text !== last) {
          last = text;
          await scan({ code: text });
          setTimeout(() => (last = ''), 4000);
        }
        if (!signal.aborted) setTimeout(() => void tick(), 200);
      };
      void tick();
    } catch {
      cameraStatus.textContent = t('cameraUnavailable');
    }
  });

  return h(
    'div',
    {},
    h('h1', {}, t('doorTitle')),
    activities.length ? picker : h('p', {}, t('noActivities')),
    doorHours,
    result,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'camera-title' },
      h('h2', { id: 'camera-title' }, t('scanWithCamera')),
      startButton,
      cameraStatus,
      // the video joins when the camera starts: the stylesheet's `video { display: block }` beats `hidden`
      canvas,
    ),
    h('section', { class: 'card' }, typed),
    ...tills.filter((till): till is HTMLElement => till !== null),
  );
}
