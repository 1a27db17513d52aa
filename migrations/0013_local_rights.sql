-- Local rights a municipality links to the social status or to an entitlement (school meals at a reduced
-- price, a food parcel, the swimming pool's reduced rate, an energy premium). When the status or the
-- entitlement opens, the linked rights open with it (no new investigation); ending it ends them with the
-- same grace. Texts are JSON objects {"nl": ..., "fr": ..., "en": ...}.
CREATE TABLE local_rights (
  id TEXT PRIMARY KEY,
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  name TEXT NOT NULL CHECK (json_valid(name)),
  description TEXT NOT NULL CHECK (json_valid(description)),
  how_to_use TEXT NOT NULL CHECK (json_valid(how_to_use)),
  -- Who grants it: the school, the food bank, the swimming pool, the municipality.
  granted_by TEXT NOT NULL,
  -- 'status' (the social status), or an entitlement kind (see entitlements.kind).
  basis TEXT NOT NULL CHECK (basis IN ('status', 'living_wage', 'increased_allowance', 'debt_mediation',
                                       'child_benefit_supplement', 'other')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX local_rights_by_municipality ON local_rights (municipality_id, basis);

-- One row per period a passholder holds a right: opened when its basis opens, ended (with the basis's
-- grace) when it ends. Dates are Brussels calendar days (YYYY-MM-DD).
CREATE TABLE holder_rights (
  id TEXT PRIMARY KEY,
  right_id TEXT NOT NULL REFERENCES local_rights(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  opened_on TEXT NOT NULL,
  ended_on TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX holder_rights_open_once ON holder_rights (right_id, passholder_id) WHERE ended_on IS NULL;
CREATE INDEX holder_rights_by_passholder ON holder_rights (passholder_id, opened_on);
CREATE INDEX holder_rights_by_right ON holder_rights (right_id, opened_on);

-- A use of a right, recorded by counter staff (or the organisation that grants it) on the holder's record.
CREATE TABLE right_uses (
  id TEXT PRIMARY KEY,
  right_id TEXT NOT NULL REFERENCES local_rights(id),
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  used_on TEXT NOT NULL,
  recorded_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX right_uses_by_right ON right_uses (right_id, used_on);
CREATE INDEX right_uses_by_passholder ON right_uses (passholder_id, used_on);
