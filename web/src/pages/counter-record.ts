import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, locale, t, type MessageKey } from '../i18n.ts';
import { button, choice, confirmStep, field, fieldset, section, table } from '../components.ts';
import { sendForm } from '../forms.ts';
import { statusSection } from './status-section.ts';
import { onBehalfSection } from './counter-behalf.ts';
import { outreachContactsSection } from './outreach-contacts.ts';
import { recordRightsSection } from './rights-section.ts';
import { messageSettingsSection } from './message-settings.ts';
import { AUDIT_REASONS, auditReasonText, auditTable, type AuditReason } from './pass.ts';

type Record = Answer<'/api/v1/passholders/{passholderId}'>;
type Household = Answer<'/api/v1/households/{householdId}'>;
type Found = Answer<'/api/v1/passholders'>['items'][number];
type AuditEntry = Answer<'/api/v1/passholders/{passholderId}/audit'>['items'][number];
/** Which part of the record a confirmation text belongs to: it shows there, where the action was taken. */
type Note = { part: 'identity' | 'pass' | 'household'; text: string };

/**
 * How long a chosen reason holds for the same record in this tab: one visit. Every use renews it, so a visit
 * with many actions is asked once; the same record opened again after a break is asked again.
 */
const VISIT_MINUTES = 30;
const reasonKey = (id: string) => `record-reason:${id}`;

function rememberedReason(id: string): AuditReason | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(reasonKey(id)) ?? 'null') as {
      reason: AuditReason;
      at: number;
    } | null;
    if (saved && saved.reason in AUDIT_REASONS && Date.now() - saved.at < VISIT_MINUTES * 60_000)
      return saved.reason;
  } catch {
    // Unreadable: ask again.
  }
  return null;
}

function remember(id: string, reason: AuditReason): void {
  sessionStorage.setItem(reasonKey(id), JSON.stringify({ reason, at: Date.now() }));
}

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
const names = (people: { firstName: string; lastName: string }[]) =>
  new Intl.ListFormat(locale(), { type: 'conjunction' }).format(people.map(fullName));
const capital = (text: string) => text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1);

/** A confirmation text in the part where the action was taken. */
function done(text: string): HTMLElement {
  return h('p', { class: 'ok', role: 'status', tabindex: '-1' }, text);
}

/** Fills a part; a confirmation text in it gets focus (the button that was pressed is gone), and is announced. */
function fill(body: HTMLElement, ...children: (Node | string | null)[]): void {
  body.replaceChildren(...children.filter((c): c is Node | string => c !== null));
  const note = body.querySelector<HTMLElement>(':scope > .ok[role=status]');
  if (note) {
    note.focus();
    announce(note.textContent ?? '');
  }
}

/** A failed action, in the part where it was taken. */
function failed(where: HTMLElement, e: unknown): void {
  const message = e instanceof ApiError ? e.message : t('unknownError');
  where.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
  announce(message);
}

/** Label and value pairs, e.g. the identity in words. */
function facts(rows: [string, string][]): HTMLElement {
  return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/**
 * Counter: one resident's record. First the reason for opening it is asked (sent with the read, and shown to the
 * resident under "who looked at my record"); then the record in foldable parts: identity, pass and cards,
 * household, status and entitlements, lifts, signing up on their behalf, and who looked at the record.
 */
export async function counterRecordPage(id: string): Promise<HTMLElement> {
  const page = h('div', { class: 'record' });
  // Municipalities of the record's region: a resident who moves within the region keeps the pass.
  const regions = await api<Answer<'/api/v1/regions'>>('/regions');
  /** Parts the counter folded away; they stay folded when the record is shown again after an action. */
  const folded = new Set<string>();
  let reason: AuditReason = 'counter_visit';
  let record: Record;
  // Parts that keep their own state (the status answers its actions itself): made once per opening.
  let kept: HTMLElement[] = [];

  /** Makes a region made by `section()` foldable: its heading goes into the summary of a `<details>`. */
  function fold(region: HTMLElement): HTMLElement {
    const heading = region.querySelector(':scope > h2');
    if (!heading) return region;
    const rest = [...region.childNodes].filter((n) => n !== heading);
    const details = h('details', { open: !folded.has(region.id) }, h('summary', {}, heading));
    details.append(...rest);
    details.addEventListener('toggle', () =>
      details.open ? folded.delete(region.id) : folded.add(region.id),
    );
    region.classList.add('part');
    region.replaceChildren(details);
    return region;
  }

  /** The question before the record shows: why open it? */
  function askReason(): void {
    const form = h(
      'form',
      { class: 'reason' },
      fieldset(
        t('recordReasonQuestion'),
        ...Object.entries(AUDIT_REASONS).map(([value, key]) =>
          h(
            'label',
            { class: 'check' },
            h('input', { type: 'radio', name: 'reason', value, required: true }),
            capital(t(key)),
          ),
        ),
      ),
      h('p', { class: 'muted' }, t('recordReasonNote')),
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'submit' }, t('recordOpen')),
        h('a', { href: '#/counter', class: 'button secondary' }, t('recordBackToSearch')),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      reason = formValues(form).reason as AuditReason;
      void openRecord(true);
    });
    page.replaceChildren(h('h1', {}, t('recordReasonTitle')), form);
  }

  /** Shows the record, read with the chosen reason; a refusal (another municipality's resident) says so. */
  async function openRecord(focus: boolean): Promise<void> {
    kept = [];
    try {
      await render();
    } catch (e) {
      const out = h('div', {});
      page.replaceChildren(h('h1', {}, t('recordReasonTitle')), out);
      failed(out, e);
      return;
    }
    if (focus) page.querySelector<HTMLElement>('h1')?.focus();
  }

  /**
   * Shows the record again. After an action the API's answer is the record (`fresh`), so the record is not read
   * (and logged) once more; the confirmation text goes into the part where the action was taken.
   */
  async function render(note?: Note, fresh?: Record): Promise<void> {
    record = fresh ?? (await api<Record>(`/passholders/${id}?reason=${reason}`));
    remember(id, reason);
    const name = fullName(record);
    if (kept.length === 0) {
      kept = [
        fold(statusSection(id, reason, () => fullName(record))),
        fold(recordRightsSection(id, reason)),
        fold(
          section('no-shows', 'recordLifts', async (body) => {
            const n = await api<Answer<'/api/v1/passholders/{passholderId}/rides'>>(
              `/passholders/${id}/rides`,
            );
            body.replaceChildren(h('p', {}, t('noShows', { driver: n.asDriver, passenger: n.asPassenger })));
          }),
        ),
        fold(onBehalfSection(id)),
        fold(outreachContactsSection(id, reason, () => fullName(record))),
        fold(messageSettingsSection(id, reason, () => fullName(record))),
      ];
    }
    page.replaceChildren(
      h('h1', { tabindex: '-1' }, name),
      h('p', { class: 'pass big' }, format.passNumber(record.passNumber)),
      h(
        'p',
        { class: 'muted opened-for' },
        t('recordOpenedFor', { reason: auditReasonText(reason) }),
        ' ',
        button(t('recordOtherReason'), 'secondary', {
          onclick: () => {
            sessionStorage.removeItem(reasonKey(id));
            askReason();
            page.querySelector<HTMLElement>('input[name=reason]')?.focus();
          },
        }),
      ),
      fold(identityPart(record, note?.part === 'identity' ? note.text : undefined)),
      fold(passPart(record, note?.part === 'pass' ? note.text : undefined)),
      fold(householdPart(record, note?.part === 'household' ? note.text : undefined)),
      ...kept,
      fold(auditPart()),
    );
    document.title = `${name} · Buurtpas`;
  }

  /** Runs an action whose answer is the record, then shows it with the confirmation text. */
  const act = async (
    where: HTMLElement,
    action: () => Promise<Record>,
    note: Omit<Note, 'text'>,
    text: string,
  ) => {
    try {
      await render({ ...note, text }, await action());
    } catch (e) {
      failed(where, e);
    }
  };

  function identityPart(r: Record, note?: string): HTMLElement {
    const municipalities =
      regions.items.find((region) => region.municipalities.some((m) => m.id === r.municipalityId))
        ?.municipalities ?? [];
    return section('identity', 'recordIdentity', async (body) => {
      fill(
        body,
        note ? done(note) : null,
        facts([
          [t('name'), fullName(r)],
          [t('birthDate'), format.date(r.birthDate)],
          [t('postalCode'), r.postalCode],
          [t('address'), r.address ?? '—'],
          [t('phoneLabel'), r.phone ?? '—'],
          [t('email'), r.email ?? '—'],
          [t('municipality'), municipalities.find((m) => m.id === r.municipalityId)?.name ?? '—'],
          [t('language'), format.language(r.locale)],
        ]),
        h(
          'details',
          { class: 'fold' },
          h('summary', {}, h('h3', { id: 'details-title' }, t('recordEditDetails'))),
          detailsForm(r, municipalities),
        ),
      );
    });
  }

  function detailsForm(r: Record, municipalities: { id: string; name: string }[]): HTMLElement {
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'details-title', class: 'grid' },
      field('rec-first', 'firstName', t('firstName'), { value: r.firstName, required: true }),
      field('rec-last', 'lastName', t('lastName'), { value: r.lastName, required: true }),
      field('rec-birth', 'birthDate', t('birthDate'), { type: 'date', value: r.birthDate, required: true }),
      field('rec-postal', 'postalCode', t('postalCode'), { value: r.postalCode, required: true }),
      field('rec-phone', 'phone', t('phoneOptional'), { type: 'tel', value: r.phone ?? '' }),
      field('rec-email', 'email', t('emailOptional'), { type: 'email', value: r.email ?? '' }),
      field('rec-address', 'address', t('addressOptional'), { value: r.address ?? '' }),
      choice(
        'rec-municipality',
        'municipalityId',
        t('municipality'),
        municipalities.map((m): [string, string] => [m.id, m.name]),
        r.municipalityId,
      ),
      choice(
        'rec-locale',
        'locale',
        t('language'),
        [
          ['nl', 'Nederlands'],
          ['fr', 'Français'],
          ['en', 'English'],
        ],
        r.locale,
      ),
      h('p', { class: 'wide' }, h('button', { type: 'submit' }, t('save'))),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        const updated = await api<Record>(`/passholders/${id}`, {
          method: 'PATCH',
          body: { ...v, phone: v.phone || null, email: v.email || null, address: v.address || null },
        });
        if (v.municipalityId !== r.municipalityId) {
          // Moved to another municipality: the record is now in that municipality's care.
          location.hash = '#/counter';
          return t('moved');
        }
        await render({ part: 'identity', text: t('saved') }, updated);
        return t('saved');
      });
    });
    return form;
  }

  function passPart(r: Record, note?: string): HTMLElement {
    const name = fullName(r);
    const out = h('div', {});
    const keeps = t('recordCardKeeps');
    const reasons: [string, MessageKey][] = [
      ['lost', 'reasonLost'],
      ['stolen', 'reasonStolen'],
      ['damaged', 'reasonDamaged'],
      ['other', 'reasonOther'],
    ];
    const blockReason = choice(
      'block-reason',
      'reason',
      t('blockReason'),
      reasons.map(([v, k]) => [v, t(k)]),
    );
    const blocked = r.card.blockedAt
      ? t('recordCardBlockedOn', {
          date: format.date(r.card.blockedAt),
          reason: t(reasons.find(([v]) => v === r.card.blockReason)?.[1] ?? 'reasonOther').toLocaleLowerCase(
            locale(),
          ),
        })
      : null;
    const replace = button(t('replaceCard'), 'secondary', {
      onclick: async () => {
        const yes = await confirmStep({
          question: t('recordReplaceQuestion', { name }),
          details: [t('recordReplaceEffect', { version: r.card.version, next: r.card.version + 1 }), keeps],
          yes: t('replaceCard'),
        });
        if (!yes) return;
        await act(
          out,
          () => api<Record>(`/passholders/${id}/card/replace`, { method: 'POST' }),
          { part: 'pass' },
          t('cardReplacedDone'),
        );
      },
    });
    return section('pass-cards', 'recordPass', async (body) => {
      fill(
        body,
        note ? done(note) : null,
        facts([
          [t('passNumber'), format.passNumber(r.passNumber)],
          [t('card'), `${t('cardVersion', { version: r.card.version })} · ${blocked ?? t('cardActive')}`],
        ]),
        h(
          'p',
          { class: 'actions' },
          h('a', { href: `#/print/${r.id}`, class: 'button secondary' }, t('printCard')),
          replace,
        ),
        r.card.blockedAt
          ? null
          : h(
              'div',
              { class: 'inline' },
              blockReason,
              button(t('blockCard'), 'danger', {
                onclick: async () => {
                  const why = (blockReason.querySelector('select') as HTMLSelectElement).value;
                  const yes = await confirmStep({
                    question: t('recordBlockQuestion', { name }),
                    details: [t('recordBlockEffect', { version: r.card.version }), keeps],
                    yes: t('blockCard'),
                    danger: true,
                  });
                  if (!yes) return;
                  await act(
                    out,
                    () => api<Record>(`/passholders/${id}/card/block`, { body: { reason: why } }),
                    { part: 'pass' },
                    t('cardBlockedDone'),
                  );
                },
              }),
            ),
        out,
        accountBlock(r),
      );
    });
  }

  function accountBlock(r: Record): HTMLElement {
    if (r.account.active) {
      return h(
        'div',
        {},
        h('h3', {}, t('account')),
        h('p', {}, t('hasAccount'), r.account.email ? ` (${r.account.email})` : ''),
      );
    }
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'setup-title' },
      h('h4', { id: 'setup-title' }, t('setUpAccount')),
      field('acc-password', 'password', t('firstPassword'), {
        type: 'password',
        required: true,
        minlength: 10,
        autocomplete: 'new-password',
      }),
      h('button', { type: 'submit' }, t('setUpAccount')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        const updated = await api<Record>(`/passholders/${id}/account`, { body: { password: v.password } });
        await render({ part: 'pass', text: t('accountCreated') }, updated);
        return t('accountCreated');
      });
    });
    const out = h('div', {});
    const letter = sessionStorage.getItem(`letter:${id}`);
    return h(
      'div',
      {},
      h('h3', {}, t('account')),
      h(
        'p',
        {},
        r.activationExpiresAt
          ? t('activationWaiting', { date: format.dateTime(r.activationExpiresAt) })
          : t('noAccountYet'),
      ),
      letter ? h('p', {}, h('a', { href: `#/print/${id}`, class: 'button' }, t('printLetter'))) : null,
      button(t('newActivationCode'), 'secondary', {
        onclick: () =>
          void act(
            out,
            async () => {
              const code = await api<Answer<'/api/v1/passholders/{passholderId}/activation-code', 'post'>>(
                `/passholders/${id}/activation-code`,
                { method: 'POST' },
              );
              sessionStorage.setItem(
                `letter:${id}`,
                JSON.stringify({ code: code.activationCode, expiresAt: code.activationExpiresAt }),
              );
              // The record itself did not change, apart from the code's end date.
              return { ...r, activationExpiresAt: code.activationExpiresAt };
            },
            { part: 'pass' },
            t('newCodeReady'),
          ),
      }),
      out,
      form,
    );
  }

  /**
   * A search for a resident of the municipality by name or pass number, whose results each carry one action.
   * `keep` leaves out who cannot be chosen (the record itself, who is in the household already).
   */
  function finder(
    prefix: string,
    label: string,
    keep: (f: Found) => boolean,
    action: string,
    pick: (f: Found) => Promise<void>,
  ): HTMLElement {
    const results = h('div', {});
    const status = h('p', { role: 'status' });
    const out = h('div', {});
    const form = h(
      'form',
      { class: 'inline find' },
      field(`${prefix}-q`, 'q', label, { required: true, minlength: 2, autocomplete: 'off' }),
      h('button', { type: 'submit', class: 'secondary' }, t('search')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const q = formValues(form).q ?? '';
      results.replaceChildren();
      void sendForm(form, status, async () => {
        const { items } = await api<Answer<'/api/v1/passholders'>>(`/passholders?q=${encodeURIComponent(q)}`);
        const found = items.filter(keep);
        if (found.length === 0) return t('noResults');
        results.replaceChildren(
          table(
            label,
            [t('name'), t('birthDate'), t('passNumber'), t('actions')],
            found.map((f) => [
              fullName(f),
              format.date(f.birthDate),
              format.passNumber(f.passNumber),
              button(action, 'secondary', {
                'aria-label': `${action}: ${fullName(f)}`,
                onclick: () => {
                  out.replaceChildren();
                  void pick(f).catch((e: unknown) => failed(out, e));
                },
              }),
            ]),
          ),
        );
        return t('resultCount', { count: found.length });
      });
    });
    return h('div', {}, form, status, results, out);
  }

  function householdPart(r: Record, note?: string): HTMLElement {
    const name = fullName(r);
    const others = (members: Household['members'], without: string) =>
      members.filter((m) => m.passholderId !== without);
    const membersOf = async (householdId: string | null) =>
      householdId ? (await api<Household>(`/households/${householdId}`)).members : [];

    return section('household', 'householdTitle', async (body) => {
      const members = await membersOf(r.householdId);
      const out = h('div', {});

      /** Someone of the municipality joins this household (a new one for both, when the record has none yet). */
      const add = async (f: Found) => {
        const leaving = others(await membersOf(f.householdId), f.id);
        const yes = await confirmStep({
          question: t('recordAddQuestion', { person: fullName(f), name }),
          details: [
            ...(leaving.length ? [t('recordLeaves', { person: fullName(f), names: names(leaving) })] : []),
            t('recordWillBe', { names: names([...(members.length ? members : [r]), f]) }),
          ],
          yes: t('recordAddToHousehold'),
        });
        if (!yes) return;
        let current = r;
        if (!current.householdId) {
          // The API makes a new household for a null householdId: this record's own, which the other then joins.
          current = await api<Record>(`/passholders/${id}/household`, {
            method: 'PUT',
            body: { householdId: null },
          });
        }
        await api(`/passholders/${f.id}/household`, {
          method: 'PUT',
          body: { householdId: current.householdId },
        });
        await render({ part: 'household', text: t('recordAdded', { person: fullName(f) }) }, current);
      };

      /** This record moves into the household of the person found. */
      const move = async (f: Found) => {
        const target = await membersOf(f.householdId);
        const leaving = others(members, id);
        const yes = await confirmStep({
          question: t('recordMoveQuestion', { name, person: fullName(f) }),
          details: [
            t('recordWillBe', { names: names([...target, r]) }),
            ...(leaving.length ? [t('recordLeaves', { person: name, names: names(leaving) })] : []),
          ],
          yes: t('recordMoveToHousehold'),
        });
        if (!yes) return;
        const moved = await api<Record>(`/passholders/${id}/household`, {
          method: 'PUT',
          body: { householdId: f.householdId },
        });
        await render({ part: 'household', text: t('recordMoved', { name, person: fullName(f) }) }, moved);
      };

      const own = async () => {
        const yes = await confirmStep({
          question: t('recordOwnQuestion', { name }),
          details: [t('recordLeaves', { person: name, names: names(others(members, id)) })],
          yes: t('ownHousehold'),
        });
        if (!yes) return;
        await act(
          out,
          () => api<Record>(`/passholders/${id}/household`, { method: 'PUT', body: { householdId: null } }),
          { part: 'household' },
          t('recordOwnDone', { name }),
        );
      };

      fill(
        body,
        note ? done(`${note} ${t('recordHouseholdNow', { names: names(members) })}`) : null,
        members.length
          ? table(
              t('householdTitle'),
              [t('name'), t('passNumber')],
              members.map((m) => [
                m.passholderId === id
                  ? `${fullName(m)} ${t('recordThisRecord')}`
                  : h('a', { href: `#/counter/p/${m.passholderId}` }, fullName(m)),
                format.passNumber(m.passNumber),
              ]),
            )
          : h('p', {}, t('recordNoHousehold', { name })),
        r.guardians.length ? h('p', {}, `${t('guardians')}: `, names(r.guardians)) : '',
        r.wards.length ? h('p', {}, `${t('wards')}: `, names(r.wards)) : '',
        others(members, id).length
          ? h('p', {}, button(t('ownHousehold'), 'secondary', { onclick: own }))
          : '',
        out,
        h('h3', {}, t('recordAddTitle')),
        finder(
          'add',
          t('recordFindPerson'),
          (f) => f.id !== id && (!r.householdId || f.householdId !== r.householdId),
          t('recordAddToHousehold'),
          add,
        ),
        h('h3', {}, t('recordMoveTitle', { name })),
        finder(
          'move',
          t('recordFindMember'),
          (f) => f.id !== id && f.householdId !== null && f.householdId !== r.householdId,
          t('recordMoveToHousehold'),
          move,
        ),
        guardianForm(),
      );
    });
  }

  function guardianForm(): HTMLElement {
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'guardian-title' },
      h('h3', { id: 'guardian-title' }, t('addGuardian')),
      field('guardian-pass', 'passNumber', t('guardianPassNumber'), { inputmode: 'numeric', required: true }),
      choice('guardian-basis', 'basis', t('basis'), [
        ['minor', t('basisMinor')],
        ['consent', t('basisConsent')],
      ]),
      h('button', { type: 'submit' }, t('add')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        const { items } = await api<Answer<'/api/v1/passholders'>>(
          `/passholders?q=${encodeURIComponent(v.passNumber ?? '')}`,
        );
        if (items.length !== 1) throw new ApiError(404, 'not_found', t('noResults'));
        const updated = await api<Record>(`/passholders/${id}/guardians/${items[0]!.id}`, {
          method: 'PUT',
          body: { basis: v.basis },
        });
        await render({ part: 'household', text: t('saved') }, updated);
        return t('saved');
      });
    });
    return form;
  }

  /** Who read or changed the record, when and why: what the resident sees on their own pass page. */
  function auditPart(): HTMLElement {
    return section('record-audit', 'recordAudit', async (body) => {
      const { items } = await api<{ items: AuditEntry[] }>(`/passholders/${id}/audit`);
      body.replaceChildren(
        h('p', { class: 'muted' }, t('recordAuditNote')),
        auditTable(items, t('recordAudit')),
      );
    });
  }

  const known = rememberedReason(id);
  if (known) {
    reason = known;
    await openRecord(false);
  } else askReason();
  return page;
}
