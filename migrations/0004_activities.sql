-- Activities in full, sign-ups with waiting lists, check-ins, points, rewards, notifications.

ALTER TABLE activities ADD COLUMN description TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(description));
ALTER TABLE activities ADD COLUMN venue_name TEXT;
ALTER TABLE activities ADD COLUMN venue_address TEXT;
ALTER TABLE activities ADD COLUMN lat REAL;
ALTER TABLE activities ADD COLUMN lon REAL;
ALTER TABLE activities ADD COLUMN signup_required INTEGER NOT NULL DEFAULT 0 CHECK (signup_required IN (0, 1));
ALTER TABLE activities ADD COLUMN signup_deadline TEXT;
ALTER TABLE activities ADD COLUMN points INTEGER NOT NULL DEFAULT 1 CHECK (points BETWEEN 0 AND 100);
-- Check-in opens this many minutes before the start and closes this many after the end.
ALTER TABLE activities ADD COLUMN checkin_before_minutes INTEGER NOT NULL DEFAULT 60 CHECK (checkin_before_minutes BETWEEN 0 AND 1440);
ALTER TABLE activities ADD COLUMN checkin_after_minutes INTEGER NOT NULL DEFAULT 30 CHECK (checkin_after_minutes BETWEEN 0 AND 1440);
ALTER TABLE activities ADD COLUMN accessibility TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(accessibility));
ALTER TABLE activities ADD COLUMN series_id TEXT;
ALTER TABLE activities ADD COLUMN cancelled_at TEXT;
ALTER TABLE activities ADD COLUMN updated_at TEXT;
-- Near-me search reads a latitude band through this index, then filters by longitude and distance.
CREATE INDEX activities_by_lat ON activities (lat, lon) WHERE lat IS NOT NULL;
CREATE INDEX activities_by_neighbourhood ON activities (neighbourhood_id, starts_at);
CREATE INDEX activities_by_category ON activities (category, starts_at);

-- Sign-ups: confirmed while places are left, waitlisted after, in arrival order (position).
CREATE TABLE signups (
  id TEXT PRIMARY KEY,
  activity_id TEXT NOT NULL REFERENCES activities(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  promoted_at TEXT,
  cancelled_at TEXT
);
CREATE UNIQUE INDEX signups_once ON signups (activity_id, passholder_id) WHERE status <> 'cancelled';
CREATE INDEX signups_by_activity ON signups (activity_id, status, position);
CREATE INDEX signups_by_passholder ON signups (passholder_id, status);

-- One check-in per holder per activity; its points line has a derived id ('checkin:<activity>:<holder>'),
-- so points come exactly once whatever the retries.
CREATE TABLE checkins (
  activity_id TEXT NOT NULL REFERENCES activities(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  at TEXT NOT NULL,
  by_user TEXT REFERENCES users(id),
  via TEXT NOT NULL CHECK (via IN ('door', 'self')),
  PRIMARY KEY (activity_id, passholder_id)
) WITHOUT ROWID;
CREATE INDEX checkins_by_passholder ON checkins (passholder_id, at);

CREATE TABLE rewards (
  id TEXT PRIMARY KEY,
  club_id TEXT REFERENCES clubs(id),
  municipality_id TEXT REFERENCES municipalities(id),
  title TEXT NOT NULL,
  description TEXT,
  points_cost INTEGER NOT NULL CHECK (points_cost >= 0),
  stock INTEGER CHECK (stock IS NULL OR stock >= 0),
  redeemed INTEGER NOT NULL DEFAULT 0 CHECK (redeemed >= 0 AND (stock IS NULL OR redeemed <= stock)),
  limit_count INTEGER CHECK (limit_count IS NULL OR limit_count >= 1),
  limit_period TEXT CHECK (limit_period IS NULL OR limit_period IN ('DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'EVER')),
  welcome INTEGER NOT NULL DEFAULT 0 CHECK (welcome IN (0, 1)),
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK ((club_id IS NULL) <> (municipality_id IS NULL))
);
CREATE INDEX rewards_by_club ON rewards (club_id) WHERE club_id IS NOT NULL;
CREATE INDEX rewards_by_municipality ON rewards (municipality_id) WHERE municipality_id IS NOT NULL;

CREATE TABLE redemptions (
  id TEXT PRIMARY KEY,
  reward_id TEXT NOT NULL REFERENCES rewards(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  points INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  handed_over_at TEXT,
  handed_over_by TEXT REFERENCES users(id)
);
CREATE INDEX redemptions_by_holder ON redemptions (passholder_id, reward_id, created_at);

-- A batch inserts a row here whose CHECK fails when a condition no longer holds (stock, limit, balance),
-- which rolls the whole batch back; the batch deletes its rows before it commits.
CREATE TABLE write_guards (ok INTEGER NOT NULL CHECK (ok = 1));

-- Messages for residents (activity cancelled, promoted from the waiting list), in their language.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  kind TEXT NOT NULL,
  activity_id TEXT REFERENCES activities(id),
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_by_passholder ON notifications (passholder_id, created_at);
