-- The door and the till (issue 10): membership offers configured by the club, price look-ups of
-- memberships counted per staff account per hour, and activities a club can prepare before it may publish.

-- What a club sells as a membership: the regular price and the season come from here, never from the till.
CREATE TABLE membership_offers (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id),
  season TEXT NOT NULL CHECK (season GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
  title TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('sport', 'culture', 'youth', 'course', 'social', 'other')),
  regular_price_cents INTEGER NOT NULL CHECK (regular_price_cents >= 0),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  archived_at TEXT
);
CREATE INDEX membership_offers_by_club ON membership_offers (club_id, season);
ALTER TABLE ticket_sales ADD COLUMN offer_id TEXT REFERENCES membership_offers(id);
CREATE INDEX ticket_sales_by_offer ON ticket_sales (offer_id) WHERE offer_id IS NOT NULL;

-- Membership price look-ups per staff account and hour (no window protects them, so a limit does).
CREATE TABLE staff_lookups (
  user_id TEXT NOT NULL,
  hour TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (user_id, hour)
) WITHOUT ROWID;

-- A club awaiting approval prepares activities as drafts; only an approved club publishes them.
ALTER TABLE activities ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));

-- Price look-ups and sales by staff at the door go into the holder's "who looked at my record": the audit
-- log's list of actions grows by two. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE audit_log_new (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id TEXT NOT NULL REFERENCES users(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  action TEXT NOT NULL CHECK (action IN ('read', 'register', 'update', 'move', 'household', 'guardian', 'card_block',
                                         'card_replace', 'card_print', 'activation_code', 'account', 'door_price', 'door_sale')),
  reason TEXT NOT NULL
);
INSERT INTO audit_log_new (id, at, actor_user_id, passholder_id, action, reason)
  SELECT id, at, actor_user_id, passholder_id, action, reason FROM audit_log ORDER BY rowid;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_by_passholder ON audit_log (passholder_id, at);
