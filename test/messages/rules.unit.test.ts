import { describe, expect, it } from 'vitest';
import { defaultChannels, deliveryChannels, effectiveChannels } from '../../src/messages/channels.ts';
import { letter, lettersDocument } from '../../src/messages/letters.ts';
import { smsNumber } from '../../src/messages/phone.ts';
import { backoffSeconds, emailError, MAX_BACKOFF_SECONDS, smsHttpError } from '../../src/messages/retry.ts';
import { LocalSmsSink, smsProvider } from '../../src/messages/sms.ts';
import { emailContent, smsText, subject, type OutgoingMessage } from '../../src/messages/texts.ts';

describe('channel choice', () => {
  it('defaults to e-mail, else SMS, else a letter', () => {
    expect(defaultChannels({ email: 'a@b.be', phone: '0470' })).toEqual({
      email: true,
      sms: false,
      paper: false,
    });
    expect(defaultChannels({ email: null, phone: '0470' })).toEqual({
      email: false,
      sms: true,
      paper: false,
    });
    expect(defaultChannels({ email: null, phone: null })).toEqual({ email: false, sms: false, paper: true });
  });
  it('keeps a choice, but never a channel without its address; the app is always on', () => {
    expect(effectiveChannels({ email: null, phone: null }, { email: true, sms: true, paper: false })).toEqual(
      {
        app: true,
        email: false,
        sms: false,
        paper: false,
      },
    );
    expect(
      deliveryChannels(
        'signup_promoted',
        { email: 'a@b.be', phone: '0470' },
        { email: true, sms: true, paper: true },
      ),
    ).toEqual(['email', 'sms', 'paper']);
  });
  it('never sends a lift message by letter', () => {
    const all = { email: true, sms: true, paper: true };
    expect(deliveryChannels('ride_confirmed', { email: 'a@b.be', phone: '0470' }, all)).toEqual([
      'email',
      'sms',
    ]);
    expect(deliveryChannels('ride_cancelled', { email: null, phone: null }, null)).toEqual([]);
  });
  it('keeps reduction messages in the app', () => {
    expect(deliveryChannels('tariff', { email: 'a@b.be', phone: null }, null)).toEqual([]);
  });
});

describe('retries', () => {
  it('back off four times longer each try, up to 15 minutes; base 0 retries at once', () => {
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, 30))).toEqual([30, 120, 480, MAX_BACKOFF_SECONDS]);
    expect(backoffSeconds(50, 30)).toBe(MAX_BACKOFF_SECONDS);
    expect(backoffSeconds(3, 0)).toBe(0);
  });
  it('classify an SMS gateway’s answer: refusals of the message are permanent, the rest temporary', () => {
    expect(smsHttpError(400, 'invalid number').permanent).toBe(true);
    expect(smsHttpError(422, 'blocked').permanent).toBe(true);
    for (const status of [401, 403, 404, 408, 425, 429, 500, 502, 503])
      expect(smsHttpError(status, '').permanent).toBe(false);
    expect(smsHttpError(503, 'down').message).toContain('503');
  });
  it('classify the e-mail binding’s errors by code; an error without a code is temporary', () => {
    const refused = Object.assign(new Error('recipient not allowed'), { code: 'E_RECIPIENT_NOT_ALLOWED' });
    expect(emailError(refused)).toMatchObject({
      permanent: true,
      message: 'E_RECIPIENT_NOT_ALLOWED: recipient not allowed',
    });
    expect(
      emailError(Object.assign(new Error('slow down'), { code: 'E_RATE_LIMIT_EXCEEDED' })).permanent,
    ).toBe(false);
    expect(emailError(new Error('local failure')).permanent).toBe(false);
  });
});

describe('phone numbers', () => {
  it('reads Belgian and international ways of writing, and refuses what is not a number', () => {
    expect(smsNumber('0470 12 34 56')).toBe('+32470123456');
    expect(smsNumber('+32 (0)470/12.34.56')).toBe('+32470123456');
    expect(smsNumber('0032 470 12 34 56')).toBe('+32470123456');
    expect(smsNumber('+31 6 12345678')).toBe('+31612345678');
    expect(smsNumber('call me')).toBeNull();
    expect(smsNumber('12')).toBeNull();
    expect(smsNumber('+32 470 12')).toBeNull();
  });
  it('the local sink refuses a number that is not one, as a permanent error', async () => {
    await expect(new LocalSmsSink().send('call me', 'hi')).rejects.toMatchObject({ permanent: true });
    await expect(new LocalSmsSink().send('0470 12 34 56', 'hi')).resolves.toMatch(/^local-/);
  });
  it('without a gateway, only SMS_SINK=log sends to the log; else an SMS does not get through', async () => {
    expect(smsProvider({ SMS_SINK: 'log' }).name).toBe('local');
    expect(smsProvider({ SMS_GATEWAY_URL: 'https://sms.example/send' }).name).toBe('http');
    await expect(smsProvider({}).send('0470 12 34 56', 'hi')).rejects.toMatchObject({
      permanent: false,
      reason: 'unavailable',
    });
  });
});

const message = (locale: OutgoingMessage['locale']): OutgoingMessage => ({
  kind: 'status_ending',
  message: 'MESSAGE <b>',
  locale,
  firstName: 'Amina',
  lastName: 'Peeters',
  municipality: 'Demostad',
  socialHousePhone: '050 12 34 56',
});

describe('texts', () => {
  it('an e-mail in the person’s language: subject, the message, what to do next, who to call; HTML escaped', () => {
    const fr = emailContent(message('fr'));
    expect(fr.subject).toBe('Votre statut social se termine bientôt');
    expect(fr.text).toContain('Bonjour Amina,');
    expect(fr.text).toContain('MESSAGE <b>');
    expect(fr.text).toContain('Passez à la Maison sociale');
    expect(fr.text).toContain('Appelez la Maison sociale de Demostad : 050 12 34 56.');
    expect(fr.html).toContain('MESSAGE &lt;b&gt;');
    expect(fr.html).toContain('lang="fr"');
    expect(subject('ride_confirmed', 'en')).toBe('News about your lift');
    expect(subject('something_new', 'nl')).toBe('Een bericht van Buurtpas');
  });
  it('an SMS: the message and the number to call', () => {
    expect(smsText(message('nl'))).toBe('Buurtpas: MESSAGE <b> Vragen? Bel 050 12 34 56.');
  });
  it('a letter: sender, address, date, and one A4 page per letter', () => {
    const facts = {
      ...message('en'),
      deliveryId: 'd1',
      passholderId: 'p1',
      passNumber: '1234567890123',
      address: 'Main Street 1',
      postalCode: '9300',
      socialHouseAddress: 'Marktplein 1\n8000 Demostad',
    };
    const l = letter(facts, '2026-12-06');
    expect(l).toMatchObject({
      name: 'Amina Peeters',
      addressLines: ['Main Street 1', '9300'],
      dateText: '6 December 2026',
      subject: 'Your social status ends soon',
      sender: ['Social House of Demostad', 'Marktplein 1', '8000 Demostad', 'Phone: 050 12 34 56'],
    });
    expect(letter({ ...facts, locale: 'nl' }, '2026-12-06').dateText).toBe('6 december 2026');
    const doc = lettersDocument([l, { ...l, deliveryId: 'd2' }], '2026-12-06', 'nl');
    expect(doc.match(/<article class="letter"/g)).toHaveLength(2);
    expect(doc).toContain('break-after: page');
    expect(doc).toContain('<title>Brieven van 2026-12-06</title>');
    expect(lettersDocument([], '2026-12-06', 'fr')).toContain('Pas de lettres pour ce jour.');
    expect(letter({ ...facts, address: null }, '2026-12-06').addressLines).toEqual([]);
  });
  it('a letter prints what people typed as text, never as HTML', () => {
    const facts = {
      ...message('nl'),
      firstName: '<script>alert(1)</script>',
      deliveryId: 'd1',
      passholderId: 'p1',
      passNumber: '1234567890123',
      address: '<img src=x onerror=alert(1)>',
      postalCode: '9300',
      socialHouseAddress: null,
    };
    const doc = lettersDocument([letter(facts, '2026-12-06')], '2026-12-06', 'nl');
    expect(doc).not.toMatch(/<script|<img/);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
