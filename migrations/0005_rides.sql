-- Lifts: neighbours offer seats to an activity, others ask; the bonus needs a confirmed pickup and the
-- passenger's own check-in at the activity.

CREATE TABLE ride_settings (
  municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
  bonus_points INTEGER NOT NULL DEFAULT 5 CHECK (bonus_points BETWEEN 0 AND 100),
  cap_per_activity INTEGER NOT NULL DEFAULT 4 CHECK (cap_per_activity BETWEEN 0 AND 20),
  cap_per_month INTEGER NOT NULL DEFAULT 20 CHECK (cap_per_month BETWEEN 0 AND 500),
  late_cancel_hours INTEGER NOT NULL DEFAULT 12 CHECK (late_cancel_hours BETWEEN 0 AND 168),
  updated_at TEXT
);

CREATE TABLE ride_offers (
  id TEXT PRIMARY KEY,
  activity_id TEXT NOT NULL REFERENCES activities(id),
  driver_id TEXT NOT NULL REFERENCES passholders(id),
  seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 8),
  seats_taken INTEGER NOT NULL DEFAULT 0 CHECK (seats_taken >= 0 AND seats_taken <= seats),
  direction TEXT NOT NULL CHECK (direction IN ('outbound', 'return', 'both')),
  departs_at TEXT NOT NULL,
  neighbourhood_id TEXT REFERENCES neighbourhoods(id),
  lat REAL,
  lon REAL,
  allows TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(allows)),
  notes TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  cancelled_at TEXT,
  late_cancel INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id)
);
CREATE INDEX ride_offers_by_activity ON ride_offers (activity_id, status);
CREATE INDEX ride_offers_by_driver ON ride_offers (driver_id);

CREATE TABLE ride_requests (
  id TEXT PRIMARY KEY,
  activity_id TEXT NOT NULL REFERENCES activities(id),
  offer_id TEXT REFERENCES ride_offers(id),
  passenger_id TEXT NOT NULL REFERENCES passholders(id),
  seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 8),
  needs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(needs)),
  neighbourhood_id TEXT REFERENCES neighbourhoods(id),
  pickup_lat REAL,
  pickup_lon REAL,
  pickup_address TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'requested', 'accepted', 'declined', 'cancelled')),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  accepted_at TEXT,
  cancelled_at TEXT,
  cancelled_by TEXT CHECK (cancelled_by IN ('driver', 'passenger')),
  late_cancel INTEGER NOT NULL DEFAULT 0,
  pickup_confirmed_at TEXT,
  pickup_confirmed_by TEXT CHECK (pickup_confirmed_by IN ('driver', 'passenger')),
  no_show TEXT CHECK (no_show IN ('driver', 'passenger')),
  bonus_awarded_at TEXT,
  bonus_reversed_at TEXT
);
CREATE INDEX ride_requests_by_activity ON ride_requests (activity_id, status);
CREATE INDEX ride_requests_by_offer ON ride_requests (offer_id, status);
CREATE INDEX ride_requests_by_passenger ON ride_requests (passenger_id);
-- One live request per passenger per activity.
CREATE UNIQUE INDEX ride_requests_once ON ride_requests (activity_id, passenger_id) WHERE status IN ('open', 'requested', 'accepted');

-- Messages for clubs (e.g. a passenger left without a lift).
CREATE TABLE club_messages (
  id TEXT PRIMARY KEY,
  club_id TEXT NOT NULL REFERENCES clubs(id),
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX club_messages_by_club ON club_messages (club_id, created_at);
