-- Social status, entitlements and their rules, status imports, tariff rules, ticket sales and memberships,
-- statements, budgets, and idempotency keys. Amounts are integer cents; shares are basis points (1% = 100).

-- A right to the social tariff for a period. Status (ACTIVE, IN_GRACE, SUSPENDED, EXPIRED, NONE) is derived
-- from these rows, the suspensions and the date: never stored, never guessed from one date.
CREATE TABLE status_grants (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  source TEXT NOT NULL CHECK (source IN ('counter', 'entitlement', 'import')),
  reason TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  grace_days INTEGER NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 366),
  entitlement_id TEXT REFERENCES entitlements(id),
  import_id TEXT REFERENCES status_imports(id),
  ended_on TEXT,
  decided_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (valid_until >= valid_from)
);
CREATE INDEX status_grants_by_passholder ON status_grants (passholder_id, valid_until);
CREATE UNIQUE INDEX status_grants_once_per_import ON status_grants (import_id, passholder_id) WHERE import_id IS NOT NULL;

CREATE TABLE status_suspensions (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  from_date TEXT NOT NULL,
  until_date TEXT,
  reason TEXT NOT NULL,
  lifted_on TEXT,
  decided_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX status_suspensions_by_passholder ON status_suspensions (passholder_id);

-- A proven right (living wage, increased health allowance, ...), recorded once by the counter.
CREATE TABLE entitlements (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  kind TEXT NOT NULL CHECK (kind IN ('living_wage', 'increased_allowance', 'debt_mediation', 'child_benefit_supplement', 'other')),
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  ended_on TEXT,
  recorded_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX entitlements_by_passholder ON entitlements (passholder_id);

-- Which entitlements open the status in a municipality, for how long and with what grace.
CREATE TABLE entitlement_rules (
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  kind TEXT NOT NULL,
  opens_status INTEGER NOT NULL DEFAULT 1 CHECK (opens_status IN (0, 1)),
  duration TEXT NOT NULL DEFAULT 'april30_after_next' CHECK (duration IN ('april30_after_next', 'entitlement', 'months_12')),
  grace_days INTEGER NOT NULL DEFAULT 60 CHECK (grace_days BETWEEN 0 AND 366),
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (municipality_id, kind)
) WITHOUT ROWID;

CREATE TABLE status_imports (
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  file_hash TEXT NOT NULL,
  file_name TEXT,
  valid_until TEXT NOT NULL,
  grace_days INTEGER NOT NULL,
  rows_json TEXT NOT NULL CHECK (json_valid(rows_json)),
  matched INTEGER NOT NULL,
  unmatched INTEGER NOT NULL,
  ambiguous INTEGER NOT NULL,
  confirmed_at TEXT,
  confirmed_by TEXT REFERENCES users(id),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX status_imports_by_municipality ON status_imports (municipality_id, file_hash);

-- The renewal list the scheduled job keeps: statuses ending soon or in grace, per municipality.
CREATE TABLE renewal_list (
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  status TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  generated_on TEXT NOT NULL,
  PRIMARY KEY (municipality_id, passholder_id)
) WITHOUT ROWID;

-- Status changes seen by the scheduled job (for reports), one row per change.
CREATE TABLE status_events (
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  status TEXT NOT NULL,
  on_date TEXT NOT NULL,
  PRIMARY KEY (passholder_id, on_date)
) WITHOUT ROWID;
ALTER TABLE passholders ADD COLUMN last_status TEXT NOT NULL DEFAULT 'NONE';

-- Social tariff rules, versioned: a new version starts where the previous ends; sales keep their version.
-- Owned by a municipality, or by a region (then every municipality of the region without its own rule uses it).
CREATE TABLE tariff_rules (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  municipality_id TEXT REFERENCES municipalities(id),
  region_id TEXT REFERENCES regions(id),
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  participant_bp INTEGER NOT NULL CHECK (participant_bp BETWEEN 1 AND 10000),
  club_bp INTEGER NOT NULL CHECK (club_bp >= 0),
  municipality_bp INTEGER NOT NULL CHECK (municipality_bp >= 0),
  nonresident_participant_bp INTEGER,
  nonresident_club_bp INTEGER,
  nonresident_municipality_bp INTEGER,
  min_price_cents INTEGER NOT NULL CHECK (min_price_cents >= 1),
  rounding_cents INTEGER NOT NULL DEFAULT 10 CHECK (rounding_cents BETWEEN 1 AND 100),
  categories TEXT CHECK (categories IS NULL OR json_valid(categories)),
  caps TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(caps)),
  cancel_window_hours INTEGER NOT NULL DEFAULT 72 CHECK (cancel_window_hours BETWEEN 0 AND 8760),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (id, version),
  CHECK ((municipality_id IS NULL) <> (region_id IS NULL)),
  CHECK (participant_bp + club_bp + municipality_bp = 10000)
) WITHOUT ROWID;
CREATE INDEX tariff_rules_by_municipality ON tariff_rules (municipality_id, valid_from);
CREATE INDEX tariff_rules_by_region ON tariff_rules (region_id, valid_from);

-- Every registered sale, at whatever price: the checkout is the same for everyone.
CREATE TABLE ticket_sales (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id),
  activity_id TEXT REFERENCES activities(id),
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'membership')),
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  regular_price_cents INTEGER NOT NULL CHECK (regular_price_cents >= 0),
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0 AND price_cents <= regular_price_cents),
  club_share_cents INTEGER NOT NULL CHECK (club_share_cents >= 0),
  municipality_share_cents INTEGER NOT NULL CHECK (municipality_share_cents >= 0),
  reduced INTEGER NOT NULL CHECK (reduced IN (0, 1)),
  paying_municipality_id TEXT REFERENCES municipalities(id),
  rule_id TEXT,
  rule_version INTEGER,
  sold_at TEXT NOT NULL,
  sold_by TEXT REFERENCES users(id),
  cancel_until TEXT NOT NULL,
  cancelled_at TEXT,
  cancelled_by TEXT REFERENCES users(id),
  CHECK (price_cents + club_share_cents + municipality_share_cents = regular_price_cents)
);
CREATE INDEX sales_by_holder ON ticket_sales (passholder_id, reduced, sold_at);
CREATE INDEX sales_by_holder_activity ON ticket_sales (passholder_id, activity_id);
CREATE INDEX sales_by_club_month ON ticket_sales (club_id, sold_at);
CREATE INDEX sales_by_paying_municipality ON ticket_sales (paying_municipality_id, sold_at);

-- Each sale in a batch inserts one row here whose CHECK fails when a cap would be exceeded, which rolls
-- the whole batch back; the batch deletes its rows before it commits.
CREATE TABLE sale_guards (ok INTEGER NOT NULL CHECK (ok = 1));

CREATE TABLE statements (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id),
  month TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  approved_by TEXT REFERENCES users(id),
  paid_at TEXT,
  paid_by TEXT REFERENCES users(id),
  UNIQUE (club_id, month)
);

-- The frozen lines of an approved statement: a sale, or the correction of a sale cancelled after approval.
CREATE TABLE statement_lines (
  statement_id TEXT NOT NULL REFERENCES statements(id),
  sale_id TEXT NOT NULL REFERENCES ticket_sales(id),
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'correction')),
  sign INTEGER NOT NULL CHECK (sign IN (1, -1)),
  PRIMARY KEY (statement_id, sale_id, kind)
) WITHOUT ROWID;
CREATE UNIQUE INDEX statement_lines_once ON statement_lines (sale_id, kind);

CREATE TABLE municipality_budgets (
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  year INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  warning_pct INTEGER NOT NULL DEFAULT 80 CHECK (warning_pct BETWEEN 1 AND 100),
  PRIMARY KEY (municipality_id, year)
) WITHOUT ROWID;

-- Replays of POSTs with an Idempotency-Key: same key and body, same answer.
CREATE TABLE idempotency_keys (
  user_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
