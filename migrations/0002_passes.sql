-- Passes: card versions, activation codes, guardians, the audit log of staff reads and changes,
-- and the points ledger (written by check-ins and rewards later; read by the door scan now).

ALTER TABLE passholders ADD COLUMN card_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE passholders ADD COLUMN activation_code_hash TEXT;
ALTER TABLE passholders ADD COLUMN activation_expires_at TEXT;
ALTER TABLE passholders ADD COLUMN updated_at TEXT;
CREATE INDEX passholders_by_birth_date ON passholders (municipality_id, birth_date);

-- Every card ever issued for a pass. Only the passholder's current card_version is valid;
-- a blocked current card refuses its static code and the typed pass number.
CREATE TABLE cards (
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  issued_at TEXT NOT NULL,
  issued_by TEXT REFERENCES users(id),
  blocked_at TEXT,
  blocked_by TEXT REFERENCES users(id),
  block_reason TEXT CHECK (block_reason IN ('lost', 'stolen', 'damaged', 'other')),
  PRIMARY KEY (passholder_id, version)
) WITHOUT ROWID;
INSERT INTO cards (passholder_id, version, issued_at) SELECT id, 1, created_at FROM passholders;

-- A guardian manages the pass of a ward: a minor, or an adult who consented.
CREATE TABLE guardianships (
  guardian_id TEXT NOT NULL REFERENCES passholders(id),
  ward_id TEXT NOT NULL REFERENCES passholders(id),
  basis TEXT NOT NULL CHECK (basis IN ('minor', 'consent')),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  PRIMARY KEY (guardian_id, ward_id),
  CHECK (guardian_id <> ward_id)
) WITHOUT ROWID;
CREATE INDEX guardianships_by_ward ON guardianships (ward_id);

-- Who read or changed a passholder's record, when and why. Passholders can read their own entries.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id TEXT NOT NULL REFERENCES users(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  action TEXT NOT NULL CHECK (action IN ('read', 'register', 'update', 'move', 'household', 'guardian', 'card_block', 'card_replace', 'card_print', 'activation_code', 'account')),
  reason TEXT NOT NULL
);
CREATE INDEX audit_by_passholder ON audit_log (passholder_id, at);

-- Points: an append-only ledger; a balance is always the sum of its lines.
CREATE TABLE points_ledger (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  points INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('checkin', 'ride_bonus', 'reward', 'welcome', 'correction', 'expiry')),
  activity_id TEXT REFERENCES activities(id),
  note TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id)
);
CREATE INDEX points_by_passholder ON points_ledger (passholder_id, created_at);
