-- Foundation: places, organisations, accounts, roles, sessions, login throttling.
-- Times are UTC ISO 8601 text; ids are random and never encode meaning.

CREATE TABLE regions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE municipalities (
  id TEXT PRIMARY KEY,
  region_id TEXT NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (region_id, name)
);

CREATE TABLE neighbourhoods (
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL,
  -- JSON array of Belgian postal codes, e.g. ["9000","9030"]
  postal_codes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(postal_codes)),
  lat REAL CHECK (lat BETWEEN -90 AND 90),
  lon REAL CHECK (lon BETWEEN -180 AND 180),
  created_at TEXT NOT NULL,
  UNIQUE (municipality_id, name)
);

CREATE TABLE clubs (
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('sports', 'culture', 'youth', 'social', 'other')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'suspended')),
  contact_email TEXT,
  approved_at TEXT,
  approved_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (municipality_id, name)
);
CREATE INDEX clubs_by_municipality ON clubs (municipality_id, status);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT UNIQUE COLLATE NOCASE,
  password_hash TEXT,
  display_name TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'fr', 'en')),
  blocked_at TEXT,
  created_at TEXT NOT NULL
);

-- Staff roles with their scope. Residents are users linked to a passholder (see passholders.user_id).
CREATE TABLE staff_roles (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('municipality_admin', 'counter', 'club_admin', 'door')),
  municipality_id TEXT REFERENCES municipalities(id),
  club_id TEXT REFERENCES clubs(id),
  created_at TEXT NOT NULL,
  CHECK (
    (role IN ('municipality_admin', 'counter') AND municipality_id IS NOT NULL AND club_id IS NULL)
    OR (role IN ('club_admin', 'door') AND club_id IS NOT NULL AND municipality_id IS NULL)
  )
);
CREATE UNIQUE INDEX staff_roles_unique ON staff_roles (user_id, role, ifnull(municipality_id, ''), ifnull(club_id, ''));
CREATE INDEX staff_roles_by_club ON staff_roles (club_id) WHERE club_id IS NOT NULL;
CREATE INDEX staff_roles_by_municipality ON staff_roles (municipality_id) WHERE municipality_id IS NOT NULL;

CREATE TABLE households (
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  created_at TEXT NOT NULL
);

-- Every resident holds a pass. The pass number is 13 digits with a check digit and carries no meaning.
CREATE TABLE passholders (
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  neighbourhood_id TEXT REFERENCES neighbourhoods(id),
  household_id TEXT REFERENCES households(id),
  user_id TEXT UNIQUE REFERENCES users(id),
  pass_number TEXT NOT NULL UNIQUE CHECK (length(pass_number) = 13),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  address TEXT,
  email TEXT,
  phone TEXT,
  locale TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'fr', 'en')),
  created_at TEXT NOT NULL
);
CREATE INDEX passholders_by_household ON passholders (household_id);
CREATE INDEX passholders_by_municipality_name ON passholders (municipality_id, last_name, first_name);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins per account (or per unknown login name), for throttling.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  updated_at TEXT NOT NULL
);

-- Activities of clubs; sign-ups, check-ins and the rest arrive with later migrations.
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id),
  title TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('sport', 'culture', 'youth', 'course', 'social', 'other')),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  regular_price_cents INTEGER NOT NULL DEFAULT 0 CHECK (regular_price_cents >= 0),
  neighbourhood_id TEXT REFERENCES neighbourhoods(id),
  created_at TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX activities_by_club ON activities (club_id, starts_at);
CREATE INDEX activities_by_start ON activities (starts_at);
