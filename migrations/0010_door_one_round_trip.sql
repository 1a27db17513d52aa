-- Door requests (scan, price, sale, check-in) in one D1 round trip (issue 13).

-- A holder's points balance, kept by the database itself: every ledger line adds to it in the same
-- transaction, so the door reads one column instead of adding up the whole ledger. Ledger lines are never
-- changed or deleted (corrections and expiry are new lines), so an insert trigger is all it takes.
ALTER TABLE passholders ADD COLUMN points_balance INTEGER NOT NULL DEFAULT 0;
UPDATE passholders SET points_balance = (SELECT coalesce(sum(l.points), 0) FROM points_ledger l WHERE l.passholder_id = passholders.id);
CREATE TRIGGER points_balance_after_insert AFTER INSERT ON points_ledger
BEGIN
  UPDATE passholders SET points_balance = points_balance + NEW.points WHERE id = NEW.passholder_id;
END;

-- A repeated door check-in marks the existing row with its own call id, so the request can read back,
-- in the same batch, that its guarded write went through (see src/door/repo.ts).
ALTER TABLE checkins ADD COLUMN seen_call_id TEXT;

-- A batch of several sales is all-or-nothing: when the door's checks refuse one item, a row with ok = 0
-- violates this CHECK and rolls the whole batch back.
CREATE TABLE door_guards (ok INTEGER NOT NULL CONSTRAINT door_refused CHECK (ok = 1));

-- The door asks "is this card blocked?" and "is this club not approved?" on every request. Asked of these
-- partial indexes, the usual answer (no) costs no row at all.
CREATE INDEX cards_blocked ON cards (passholder_id, version) WHERE blocked_at IS NOT NULL;
CREATE INDEX clubs_not_approved ON clubs (id) WHERE status <> 'approved';
