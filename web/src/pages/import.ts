import { api, ApiError, type Answer, type Schema } from '../api.ts';
import { announce, h } from '../dom.ts';
import { format, locale, t, tn } from '../i18n.ts';
import { section, table } from '../components.ts';

/** A dry run, or a confirmed import (which also tells how many statuses it granted). */
type DryRun = Answer<'/api/v1/municipalities/{municipalityId}/status-imports', 'post'>;
type Confirmed = Answer<'/api/v1/status-imports/{importId}/confirm', 'post'>;
type Import = DryRun | Confirmed;
type Reason = Schema<'StatusImportReason'>;

const OUTCOME = {
  matched: 'outcomeMatched',
  unmatched: 'outcomeUnmatched',
  ambiguous: 'outcomeAmbiguous',
  invalid: 'outcomeInvalid',
} as const;

/** A row's reason in the page's language, from the code the API answers. */
export const reasonText = (code: Reason): string => t(`intakeReason_${code}`);

/** "2 regels onleesbaar: regel 4 (geboortedatum onleesbaar) en regel 9 (voornaam ontbreekt)". */
export function unreadableSummary(rows: { line: number; reasonCode: Reason }[]): string {
  const count = tn('intakeUnreadable', rows.length);
  if (!rows.length) return count;
  const lines = rows.map((r) => t('intakeLineReason', { line: r.line, reason: reasonText(r.reasonCode) }));
  return t('intakeUnreadableList', {
    count,
    lines: new Intl.ListFormat(locale(), { type: 'conjunction' }).format(lines),
  });
}

/** Proactive import of entitled people (CSV): a dry run first, then confirm; and the renewal list. */
/** `records`: whether the user may open a person's record (counter staff), so names link to it. */
export function importPage(municipalityId: string, records = true): HTMLElement {
  const result = h('div', { 'aria-live': 'polite' });
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,text/csv' }) as HTMLInputElement;
  const text = h('textarea', {
    id: 'import-text',
    name: 'csv',
    rows: 6,
    'aria-describedby': 'import-help',
  }) as HTMLTextAreaElement;
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) text.value = await chosen.text();
  });
  const show = (imp: Import) => {
    const confirm = h('button', { type: 'button' }, t('confirmImport'));
    confirm.addEventListener('click', async () => {
      try {
        const done = await api<Confirmed>(`/status-imports/${imp.id}/confirm`, { method: 'POST' });
        show(done);
        announce(tn('importGranted', done.granted));
      } catch (e) {
        announce(e instanceof ApiError ? e.message : t('unknownError'));
      }
    });
    const unreadable = imp.rows.filter((r) => r.outcome === 'invalid');
    const title = h('h2', { tabindex: -1 }, imp.confirmedAt ? t('importConfirmed') : t('dryRun'));
    result.replaceChildren(
      title,
      h(
        'ul',
        { class: 'import-counts big' },
        h('li', {}, tn('intakeFound', imp.matched)),
        h('li', {}, tn('intakeNotFound', imp.unmatched)),
        imp.ambiguous ? h('li', {}, tn('intakeAmbiguous', imp.ambiguous)) : '',
        h('li', { class: unreadable.length ? 'import-unreadable' : '' }, unreadableSummary(unreadable)),
      ),
      'granted' in imp ? h('p', { class: 'ok', role: 'status' }, tn('importGranted', imp.granted)) : '',
      imp.alreadyImported ? h('p', { class: 'note' }, t('alreadyImported')) : '',
      table(
        t('dryRun'),
        [t('intakeLineHeader'), t('name'), t('passNumber'), t('outcome'), t('intakeReasonHeader')],
        imp.rows.map((r) => [
          String(r.line),
          r.name,
          r.passNumber ? format.passNumber(r.passNumber) : '',
          t(OUTCOME[r.outcome]),
          reasonText(r.reasonCode),
        ]),
      ),
      h('p', { class: 'muted' }, t('intakeLinesNote')),
      imp.confirmedAt ? '' : h('p', {}, tn('intakeConfirmHint', imp.matched)),
      imp.confirmedAt ? '' : confirm,
    );
    title.focus();
  };
  const form = h(
    'form',
    { 'aria-labelledby': 'import-title' },
    h('label', { class: 'field', for: 'import-file' }, h('span', {}, t('csvFile')), file),
    h('label', { class: 'field', for: 'import-text' }, h('span', {}, t('csvText')), text),
    h('p', { id: 'import-help', class: 'muted' }, t('csvHelp'), ' ', t('intakeDateHelp')),
    h('button', { type: 'submit' }, t('dryRun')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      show(
        await api<DryRun>(`/municipalities/${municipalityId}/status-imports`, {
          body: { csv: text.value, fileName: file.files?.[0]?.name },
        }),
      );
      announce(t('dryRun'));
    } catch (e) {
      result.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  });
  return h(
    'div',
    {},
    h('h1', { id: 'import-title' }, t('importTitle')),
    h('p', {}, t('importIntro')),
    form,
    result,
    section('renewals', 'renewals', async (body) => {
      const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/renewals'>>(
        `/municipalities/${municipalityId}/renewals`,
      );
      body.replaceChildren(
        items.length === 0
          ? h('p', {}, t('noRenewals'))
          : table(
              t('renewals'),
              [t('name'), t('passNumber'), t('to')],
              items.map((r) => [
                records
                  ? h('a', { href: `#/counter/p/${r.passholderId}` }, `${r.firstName} ${r.lastName}`)
                  : `${r.firstName} ${r.lastName}`,
                format.passNumber(r.passNumber),
                format.date(r.validUntil),
              ]),
            ),
      );
    }),
  );
}
