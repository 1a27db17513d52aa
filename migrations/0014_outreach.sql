-- Outreach (issue 14): counter staff and social workers log each attempt to reach a resident from the
-- worklist (entitled but never activated, not used for six months, status ending without renewal). The
-- resident sees these contacts on their own page, note included; the worklist itself is computed, not stored.
CREATE TABLE outreach_contacts (
  id TEXT PRIMARY KEY,
  passholder_id TEXT NOT NULL REFERENCES passholders(id),
  -- The municipality whose staff made the contact (the resident's at the time): the counter's list per municipality.
  municipality_id TEXT NOT NULL REFERENCES municipalities(id),
  -- The worklist reason the contact answered.
  reason TEXT NOT NULL CHECK (reason IN ('not_activated', 'not_used', 'status_ending', 'other')),
  how TEXT NOT NULL CHECK (how IN ('call', 'visit', 'letter', 'email', 'sms')),
  contacted_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'left_message', 'wrong_number', 'declined', 'sent')),
  -- Read by the resident too (the holder sees the whole record).
  note TEXT CHECK (note IS NULL OR length(note) <= 500),
  by_user TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX outreach_contacts_by_passholder ON outreach_contacts (passholder_id, contacted_at);
CREATE INDEX outreach_contacts_by_municipality ON outreach_contacts (municipality_id, contacted_at);

-- The worklist walks a municipality's passholders in (created_at, id) order and stops after one page: with
-- this index it reads them in order instead of sorting them all first (bench: 139 ms -> 7 ms per page at
-- 20,000 passholders; scripts/bench-outreach.ts).
CREATE INDEX passholders_by_municipality_created ON passholders (municipality_id, created_at, id);
