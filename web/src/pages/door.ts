import { api, ApiError, sequence, type Me, type Schema } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { dayOf, format, locale, t, tn } from '../i18n.ts';
import { button, confirmStep, field, fieldset } from '../components.ts';
import { clearProblems, showProblem } from '../forms.ts';
import { membershipTill } from './membership-till.ts';

type Activity = Schema<'ActivitySummary'>;
type Scan = Schema<'Scan'>;
type Sale = Schema<'Sale'>;
type Checkin = Schema<'Checkin'>;
/** How the pass was presented: a scanned code or a typed number. */
type Presented = { code: string } | { passNumber: string };
/** One holder at one activity, as the door scanned them. */
type Visit = { activity: Activity; presented: Presented; scan: Scan };

/** "vandaag 18:00", "maandag 30 november 17:00": the day in words, then the time. */
const whenInWords = (iso: string, now: Date) => `${format.day(iso, now)} ${format.time(iso)}`;

/** "De deur is open vandaag van 17:00 tot 20:30: …" */
function doorHoursText(a: Activity, now: Date): string {
  const { opensAt, closesAt } = a.door;
  const sameDay = dayOf(new Date(opensAt)) === dayOf(new Date(closesAt));
  return t('doorOpenOn', {
    day: format.day(opensAt, now),
    from: format.time(opensAt),
    until: sameDay ? format.time(closesAt) : whenInWords(closesAt, now),
  });
}

const isOpen = (a: Activity, now: Date) =>
  Date.parse(a.door.opensAt) <= now.getTime() && now.getTime() <= Date.parse(a.door.closesAt);

/** Published activities, today's first; the chosen one is the first whose door is open, else the first. */
function doorActivities(lists: Activity[][], now: Date): { activities: Activity[]; chosen: string } {
  const today = dayOf(now);
  const later = (a: Activity) => Number(dayOf(new Date(a.startsAt)) !== today);
  const activities = lists
    .flat()
    .filter((a) => !a.draft)
    .sort((a, b) => later(a) - later(b) || a.startsAt.localeCompare(b.startsAt));
  return { activities, chosen: (activities.find((a) => isOpen(a, now)) ?? activities[0])?.id ?? '' };
}

/** One radio card per activity: the title in full, then when (in words) and where. */
function activityPicker(activities: Activity[], chosen: string, now: Date): HTMLFieldSetElement {
  const picker = fieldset(
    t('activity'),
    ...activities.map((a) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'radio', name: 'activityId', value: a.id, checked: a.id === chosen }),
        h(
          'span',
          {},
          h('strong', {}, a.title),
          h('br'),
          [whenInWords(a.startsAt, now), a.venueName].filter(Boolean).join(' · '),
        ),
      ),
    ),
  );
  picker.id = 'door-activity';
  picker.setAttribute('aria-describedby', 'door-hours');
  return picker;
}

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

/**
 * The camera card: a start button; the video joins only once it shows a picture (no black box), kept small
 * so that the answer under it stays in view on a phone. `onCode` gets each newly read code.
 */
function cameraCard(
  signal: AbortSignal,
  onCode: (code: string) => Promise<void>,
): { card: HTMLElement; video: HTMLVideoElement } {
  const video = h('video', { class: 'camera', playsinline: true, muted: true, 'aria-label': t('camera') });
  const canvas = h('canvas', { hidden: true });
  const note = h('p', { class: 'muted' });
  const toggle = button(t('startCamera'));
  let stop: (() => void) | undefined;
  const stopped = () => {
    stop?.();
    stop = undefined;
    video.remove();
    toggle.textContent = t('startCamera');
  };
  signal.addEventListener('abort', stopped);
  const start = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment' },
      audio: false,
    });
    let running = true;
    stop = () => {
      running = false;
      stream.getTracks().forEach((track) => track.stop());
    };
    video.srcObject = stream;
    await video.play();
    if (!running) return;
    note.after(video);
    toggle.textContent = t('doorStopCamera');
    note.textContent = t('cameraOn');
    const decode = await makeDecoder();
    let last = '';
    const tick = async () => {
      if (!running) return;
      const text = video.readyState >= 2 ? await decode(video, canvas).catch(() => null) : null;
      if (text && text !== last) {
        last = text;
        await onCode(text);
        setTimeout(() => (last = ''), 4000);
      }
      if (running) setTimeout(() => void tick(), 200);
    };
    void tick();
  };
  toggle.addEventListener('click', async () => {
    if (stop) return stopped();
    toggle.disabled = true;
    await start().catch(() => {
      stopped();
      note.textContent = t('cameraUnavailable');
    });
    toggle.disabled = false;
  });
  const card = h(
    'section',
    { class: 'card', 'aria-labelledby': 'camera-title' },
    h('h2', { id: 'camera-title' }, t('scanWithCamera')),
    toggle,
    note,
    canvas,
  );
  return { card, video };
}

/**
 * Checked in or not, as one control: "Inchecken", or a disabled "✓ Ingecheckt om 18:02" that looks like a
 * state, not like something to press.
 */
function checkinControl(visit: Visit): HTMLElement {
  const status = h('p', { role: 'status' });
  const control = button(t('doorCheckIn'));
  const checkedIn = (at: string) => {
    control.disabled = true;
    control.className = 'secondary';
    control.replaceChildren(
      h('span', { 'aria-hidden': 'true' }, '✓ '),
      t('doorCheckedInAt', { time: format.time(at) }),
    );
  };
  if (visit.scan.checkedInAt) checkedIn(visit.scan.checkedInAt);
  control.addEventListener('click', async () => {
    control.disabled = true;
    try {
      const r = await api<Checkin>(`/activities/${visit.activity.id}/checkins`, { body: visit.presented });
      checkedIn(r.checkedInAt);
      status.className = 'ok';
      status.textContent = r.alreadyCheckedIn
        ? r.messages.map((m) => m.message).join(' ')
        : tn('checkedInDone', r.pointsAwarded, { points: r.pointsAwarded, total: r.points });
    } catch (e) {
      control.disabled = false;
      status.className = 'error';
      status.textContent = e instanceof ApiError ? e.message : t('unknownError');
    }
    announce(status.textContent ?? '');
  });
  return h('div', { class: 'checkin' }, control, status);
}

/** Sales registered on this screen, per activity and pass number: a second one asks first. */
const soldHere = new Map<string, Sale>();
const saleKey = (visit: Visit) => `${visit.activity.id} ${visit.scan.pass.number}`;

/** A second sale for the same holder and activity is asked first, with the first sale's time and amount. */
async function secondSaleConfirmed(visit: Visit): Promise<boolean> {
  const earlier = soldHere.get(saleKey(visit));
  if (!earlier) return true;
  const name = visit.scan.passholder.displayName;
  return confirmStep({
    question: t('doorSecondSaleQuestion', { name }),
    details: [
      t('doorSecondSaleDetails', {
        time: format.time(earlier.soldAt),
        amount: format.cents(earlier.price),
        name,
        activity: visit.activity.title,
      }),
    ],
    yes: t('doorSecondSaleYes'),
  });
}

/** The till: the same screen for everyone, only the amount differs. */
function till(visit: Visit): HTMLElement {
  const price = visit.scan.price;
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
  const failed = (e: unknown) => {
    status.className = 'error';
    status.textContent = e instanceof ApiError ? e.message : t('unknownError');
  };
  const register = button(t('registerSale'));
  register.addEventListener('click', async () => {
    if (!(await secondSaleConfirmed(visit))) return;
    register.disabled = true;
    try {
      const { sales } = await api<{ sales: Sale[] }>('/ticket-sales', {
        body: { sales: [{ activityId: visit.activity.id, ...visit.presented, tariffId: price.tariffId }] },
      });
      const sale = sales[0]!;
      soldHere.set(saleKey(visit), sale);
      status.className = 'ok';
      status.textContent = t('saleRegistered', { amount: format.cents(sale.price) });
      const cancel = button(t('cancelSale'), 'secondary');
      cancel.addEventListener('click', async () => {
        cancel.disabled = true;
        try {
          await api(`/ticket-sales/${sale.id}/cancel`, { method: 'POST' });
          if (soldHere.get(saleKey(visit))?.id === sale.id) soldHere.delete(saleKey(visit));
          status.textContent = t('saleCancelled');
          cancel.remove();
        } catch (e) {
          cancel.disabled = false;
          failed(e);
        }
        announce(status.textContent ?? '');
      });
      register.replaceWith(cancel);
    } catch (e) {
      register.disabled = false;
      failed(e);
    }
    announce(status.textContent ?? '');
  });
  box.append(register);
  return box;
}

/**
 * Rewards this holder redeemed at the club, to hand over now: the holder is present, by the scanned code
 * or by the typed number while the chosen activity's door is open (the API refuses it otherwise).
 */
async function redemptions(visit: Visit): Promise<HTMLElement | string> {
  const clubId = visit.activity.clubId;
  const holder = { ...visit.presented, activityId: visit.activity.id };
  const { items } = await api<{ items: { id: string; title: string }[] }>(
    `/clubs/${clubId}/redemptions?${new URLSearchParams(holder)}`,
  ).catch(() => ({ items: [] }));
  if (!items.length) return '';
  return h(
    'div',
    { class: 'redemptions' },
    h('p', {}, t('toHandOver')),
    ...items.map((r) => {
      const b = button(`${t('handOver')}: ${r.title}`, 'secondary');
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
}

/** Who it is, in large type; checked in or not; the price to pay. Nothing else about the person. */
async function holderView(visit: Visit): Promise<HTMLElement[]> {
  const { scan } = visit;
  const signup =
    scan.signup === 'confirmed'
      ? t('statusSignedUp')
      : scan.signup === 'waitlisted'
        ? t('statusWaitlisted')
        : t('statusNotSignedUp');
  return [
    h('p', { class: 'huge' }, scan.passholder.displayName),
    h('p', {}, `${t('passNumber')}: ${format.passNumber(scan.pass.number)} · ${t('points')}: ${scan.points}`),
    h('p', { class: 'note' }, signup),
    ...scan.messages.map((m) => h('p', { class: 'note' }, m.message)),
    checkinControl(visit),
    till(visit),
    await redemptions(visit),
  ].filter((x): x is HTMLElement => typeof x !== 'string');
}

/**
 * Brings the answer into view on a phone, keeping the camera picture (when on) on screen right above it:
 * the least scrolling that shows both, else the picture at the top.
 */
function reveal(picture: HTMLElement | null, answer: HTMLElement): void {
  if (!picture) return answer.scrollIntoView({ block: 'nearest' });
  const top = picture.getBoundingClientRect().top;
  const overflow = answer.getBoundingClientRect().bottom - window.innerHeight;
  const by = overflow > top ? top : Math.min(Math.max(0, overflow), top);
  if (by !== 0) window.scrollBy(0, by);
}

/** A problem with the typed number itself (not 13 digits, a wrong check digit): said on the field. */
function numberProblem(e: unknown): ApiError | null {
  if (!(e instanceof ApiError)) return null;
  const onField = e.fields.filter((f) => f.pointer === '/passNumber');
  if (e.code === 'validation_failed' && onField.length)
    return new ApiError(e.status, e.code, t('doorCheckNumber'), onField);
  if (e.code === 'pass_number_invalid')
    return new ApiError(e.status, e.code, t('doorCheckNumber'), [
      { pointer: '/passNumber', messages: { [locale()]: e.message } },
    ]);
  return null;
}

/** Door staff: pick the activity, scan a pass by camera or type its number, see who it is in large type. */
export async function doorPage(me: Me, signal: AbortSignal): Promise<HTMLElement> {
  const [lists, tills] = await Promise.all([
    Promise.all(me.clubIds.map((id) => api<{ items: Activity[] }>(`/clubs/${id}/activities`))),
    Promise.all(me.clubIds.map((id) => membershipTill(id))),
  ]);
  const now = new Date();
  const { activities, chosen } = doorActivities(
    lists.map((l) => l.items),
    now,
  );
  const picker = activityPicker(activities, chosen, now);
  const current = () => {
    const id = picker.querySelector<HTMLInputElement>('input:checked')?.value;
    return activities.find((a) => a.id === id);
  };
  // When the door of the chosen activity is open: only then do scans, prices and sales work.
  const doorHours = h('p', { class: 'muted', id: 'door-hours' });
  const showDoorHours = () => {
    const activity = current();
    doorHours.textContent = activity ? doorHoursText(activity, now) : '';
  };
  showDoorHours();

  // (hidden while empty: no blank box between the camera and the typed number)
  const result = h('div', { class: 'scan-result', id: 'door-result', hidden: true });
  const clearResult = () => {
    result.className = 'scan-result';
    result.replaceChildren();
    result.hidden = true;
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
  // Another activity: the answer on screen (its price, its check-in) belonged to the previous one.
  picker.addEventListener('change', () => {
    showDoorHours();
    clearResult();
    clearProblems(typed);
  });

  /** Looks the pass up at the chosen activity and shows the answer; a problem with a typed number is thrown. */
  // Two passes shown quickly one after the other: only the last one's answer may be on screen.
  const begin = sequence();
  const scan = async (presented: Presented) => {
    const activity = current();
    if (!activity) return;
    const latest = begin();
    try {
      const answer = await api<Scan>('/scans', { body: { activityId: activity.id, ...presented } });
      const view = await holderView({ activity, presented, scan: answer });
      if (!latest()) return;
      result.hidden = false;
      result.className = 'scan-result good';
      result.replaceChildren(...view);
      announce(`${answer.passholder.displayName}. ${t('toPay')}: ${format.cents(answer.price.price)}`);
    } catch (e) {
      if (!latest()) return;
      if ('passNumber' in presented && numberProblem(e)) throw e;
      // A closed door is about the time, not the person: say so, not "not accepted".
      const closed = e instanceof ApiError && e.code === 'door_closed';
      const message = e instanceof ApiError ? e.message : t('unknownError');
      result.hidden = false;
      result.className = 'scan-result bad';
      result.replaceChildren(
        h('p', { class: 'huge' }, closed ? t('doorClosed') : t('notAccepted')),
        h('p', {}, message),
      );
      announce(message);
    }
    reveal(camera.video.isConnected ? camera.video : null, result);
  };

  const camera = cameraCard(signal, (code) => scan({ code }));
  const submit = typed.querySelector('button')!;
  typed.addEventListener('submit', async (event) => {
    event.preventDefault();
    const passNumber = formValues(typed).passNumber ?? '';
    clearProblems(typed);
    submit.disabled = true;
    try {
      await scan({ passNumber });
      typed.reset();
    } catch (e) {
      clearResult();
      const problem = numberProblem(e) ?? new ApiError(0, 'unknown', t('unknownError'));
      showProblem(typed, problem);
      announce(problem.fields[0]?.messages[locale()] ?? problem.message);
    } finally {
      submit.disabled = false;
    }
  });

  return h(
    'div',
    {},
    h('h1', {}, t('doorTitle')),
    activities.length ? picker : h('p', {}, t('noActivities')),
    doorHours,
    camera.card,
    result,
    h('section', { class: 'card' }, typed),
    ...tills.filter((till): till is HTMLElement => till !== null),
  );
}
