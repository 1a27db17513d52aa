-- Messages that arrive outside the app: e-mail, SMS and letters (issue 14).
--
-- The app channel is the notifications row itself. Every other channel a message goes out on is a row of
-- `deliveries`, written by a trigger in the same transaction as the notification (so every feature that
-- writes a message gets its outbox row with no change of its own). A relay hands pending rows to a
-- Cloudflare Queue; its consumer sends each one once (the claim columns) and records the outcome.

-- The channels a passholder chose. No row: the defaults (e-mail when there is an address, else SMS when there
-- is a phone number, else a letter); see src/messages/channels.ts, which says the same in TypeScript.
CREATE TABLE notification_settings (
  passholder_id TEXT PRIMARY KEY REFERENCES passholders(id),
  email INTEGER NOT NULL CHECK (email IN (0, 1)),
  sms INTEGER NOT NULL CHECK (sms IN (0, 1)),
  paper INTEGER NOT NULL CHECK (paper IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
);

-- One row per message and outside channel. `passholder_id` is who receives it: the holder, or for a ward
-- without any contact of their own and no settings, their first guardian. `address` is the e-mail
-- address or phone number used (for a letter, the postal address at the time).
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  notification_id TEXT NOT NULL REFERENCES notifications(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'paper')),
  locale TEXT NOT NULL CHECK (locale IN ('nl', 'fr', 'en')),
  address TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'handled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  -- Why, for the counter's list: see FAILURE_REASONS in src/messages/retry.ts.
  error_reason TEXT CHECK (error_reason IS NULL OR error_reason IN ('no_address', 'bad_address', 'refused', 'unavailable')),
  -- The consumer that is sending it now (a random id) and since when; a claim older than a few minutes is
  -- taken over (its consumer died).
  claim TEXT,
  claimed_at TEXT,
  -- When the relay last handed it to the queue (NULL: never).
  enqueued_at TEXT,
  sent_at TEXT,
  provider_id TEXT,
  -- Letters: the Brussels day whose batch prints it.
  letter_date TEXT,
  failed_at TEXT,
  handled_at TEXT,
  handled_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (notification_id, channel)
);
CREATE INDEX deliveries_to_relay ON deliveries (enqueued_at) WHERE status = 'pending';
CREATE INDEX deliveries_failed ON deliveries (failed_at) WHERE status = 'failed';
CREATE INDEX deliveries_letters ON deliveries (letter_date) WHERE channel = 'paper' AND letter_date IS NOT NULL;
CREATE INDEX deliveries_by_passholder ON deliveries (passholder_id, created_at);

-- Messages that stay on the holder's own screen: why a reduction did not apply (DOMAIN: "messages about
-- reductions go to the holder's own screen and messages only").
CREATE TRIGGER notifications_outbox AFTER INSERT ON notifications
WHEN NEW.kind NOT IN ('tariff')
BEGIN
  INSERT INTO deliveries (id, notification_id, passholder_id, channel, locale, address, created_at)
  SELECT lower(hex(randomblob(16))), NEW.id, r.id, c.channel, w.locale,
         CASE c.channel WHEN 'email' THEN r.email WHEN 'sms' THEN r.phone
           ELSE trim(coalesce(r.address, '') || char(10) || r.postal_code) END,
         NEW.created_at
    FROM passholders w
    JOIN passholders r ON r.id = coalesce(
      (SELECT w.id WHERE w.email IS NOT NULL OR w.phone IS NOT NULL
                      OR EXISTS (SELECT 1 FROM notification_settings x WHERE x.passholder_id = w.id)),
      (SELECT g.guardian_id FROM guardianships g WHERE g.ward_id = w.id ORDER BY g.created_at, g.guardian_id LIMIT 1),
      w.id)
    LEFT JOIN notification_settings s ON s.passholder_id = r.id
    JOIN (SELECT 'email' AS channel UNION ALL SELECT 'sms' UNION ALL SELECT 'paper') c
   WHERE w.id = NEW.passholder_id
     AND CASE c.channel
           WHEN 'email' THEN r.email IS NOT NULL AND coalesce(s.email, 1) = 1
           WHEN 'sms' THEN r.phone IS NOT NULL AND coalesce(s.sms, r.email IS NULL) = 1
           -- A lift is about the coming days and is answered in the app: a letter would come too late.
           ELSE coalesce(s.paper, r.email IS NULL AND r.phone IS NULL) = 1 AND NEW.kind NOT LIKE 'ride\_%' ESCAPE '\'
         END;
END;

-- The Social House every message names, so a person can call.
ALTER TABLE municipalities ADD COLUMN social_house_phone TEXT;
ALTER TABLE municipalities ADD COLUMN social_house_address TEXT;
