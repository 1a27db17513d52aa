import { fill, type Locale } from '../lib/i18n.ts';
import { longDate } from '../lib/time.ts';
import { escapeHtml } from '../lib/html.ts';
import { closing, paragraphs, subject, type OutgoingMessage } from './texts.ts';

/** One printed letter, in the person's own language. */
export type Letter = {
  deliveryId: string;
  passholderId: string;
  passNumber: string;
  locale: Locale;
  name: string;
  /** The postal address lines; empty when the record has no address (the counter must add it first). */
  addressLines: string[];
  /** The day of the batch (`YYYY-MM-DD`) and as the person reads it. */
  date: string;
  dateText: string;
  subject: string;
  paragraphs: string[];
  closing: string;
  sender: string[];
};

export type LetterFacts = OutgoingMessage & {
  deliveryId: string;
  passholderId: string;
  passNumber: string;
  address: string | null;
  postalCode: string;
  socialHouseAddress: string | null;
};

const SENDER = {
  nl: 'Sociaal Huis {municipality}',
  fr: 'Maison sociale de {municipality}',
  en: 'Social House of {municipality}',
};
const PHONE = { nl: 'Telefoon: {phone}', fr: 'Téléphone : {phone}', en: 'Phone: {phone}' };

export function letter(f: LetterFacts, date: string): Letter {
  const addressLines = f.address
    ? [
        ...f.address
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
        f.postalCode,
      ]
    : [];
  return {
    deliveryId: f.deliveryId,
    passholderId: f.passholderId,
    passNumber: f.passNumber,
    locale: f.locale,
    name: `${f.firstName} ${f.lastName}`,
    addressLines,
    date,
    dateText: longDate(date, f.locale),
    subject: subject(f.kind, f.locale),
    paragraphs: paragraphs(f),
    closing: closing(f),
    sender: [
      fill(SENDER[f.locale], { municipality: f.municipality }),
      ...(f.socialHouseAddress ? f.socialHouseAddress.split(/\r?\n/) : []),
      ...(f.socialHousePhone ? [fill(PHONE[f.locale], { phone: f.socialHousePhone })] : []),
    ],
  };
}

const BATCH_WORDS = {
  title: { nl: 'Brieven van {date}', fr: 'Lettres du {date}', en: 'Letters of {date}' },
  none: {
    nl: 'Geen brieven voor deze dag.',
    fr: 'Pas de lettres pour ce jour.',
    en: 'No letters for this day.',
  },
  noAddress: {
    nl: 'Geen adres bekend: vul het adres aan voor je deze brief verstuurt.',
    fr: 'Adresse inconnue : complétez l’adresse avant d’envoyer cette lettre.',
    en: 'No address known: add the address before you send this letter.',
  },
};

const lines = (items: string[]) => items.map(escapeHtml).join('<br>');

/** The day's batch as one printable HTML document: one A4 page per letter. `locale` is the staff member's. */
export function lettersDocument(letters: Letter[], date: string, locale: Locale): string {
  const title = fill(BATCH_WORDS.title[locale], { date });
  const pages = letters.map(
    (l) => `<article class="letter" lang="${l.locale}" aria-label="${escapeHtml(l.name)}">
  <p class="sender">${lines(l.sender)}</p>
  <p class="recipient">${lines([l.name, ...l.addressLines])}</p>
  ${l.addressLines.length === 0 ? `<p class="warning" lang="${locale}">${escapeHtml(BATCH_WORDS.noAddress[locale])}</p>` : ''}
  <p class="date">${escapeHtml(l.dateText)}</p>
  <h2>${escapeHtml(l.subject)}</h2>
  ${l.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n  ')}
  <p class="closing">${lines(l.closing.split('\n'))}</p>
  <p class="ref">${escapeHtml(l.passNumber.replace(/(\d{4})(?=\d)/g, '$1 '))}</p>
</article>`,
  );
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 20mm 20mm 20mm 25mm; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.5; color: #000; margin: 0; }
  main > h1 { font-size: 14pt; }
  .letter { break-after: page; page-break-after: always; }
  .letter:last-child { break-after: auto; page-break-after: auto; }
  .sender { margin: 0 0 12mm; }
  .recipient { margin: 0 0 12mm 90mm; min-height: 25mm; }
  .date { text-align: right; }
  .warning { border: 2px solid #000; padding: 4px; }
  h2 { font-size: 13pt; margin: 8mm 0 4mm; }
  .ref { font-size: 9pt; margin-top: 10mm; }
  @media screen { body { max-width: 210mm; margin: 1rem auto; padding: 0 1rem; } .letter { border-bottom: 1px dashed #666; padding-bottom: 2rem; margin-bottom: 2rem; } }
  @media print { main > h1 { display: none; } }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${pages.length ? pages.join('\n') : `<p>${escapeHtml(BATCH_WORDS.none[locale])}</p>`}
</main>
</body>
</html>`;
}
