-- Rewards: a welcome reward is granted once per holder and never redeemed for points.
-- Lifts: a request is agreed (and the pair sees pickup address and phone) only when both sides said yes.

-- A welcome grant is marked, and there is at most one per reward and holder: a second grant (activation
-- and a counter's re-grant, or two at once) is ignored by ON CONFLICT DO NOTHING instead of doubling.
ALTER TABLE redemptions ADD COLUMN welcome INTEGER NOT NULL DEFAULT 0 CHECK (welcome IN (0, 1));

-- Existing data: the grant that counts is the one handed over, else the first; repeated "redemptions"
-- of a welcome reward stay as history (welcome = 0) and are never handed over (see rewards/repo.ts).
UPDATE redemptions SET welcome = 1 WHERE id IN (
  SELECT id FROM (
    SELECT d.id, row_number() OVER (
             PARTITION BY d.reward_id, d.passholder_id ORDER BY d.handed_over_at IS NULL, d.created_at, d.id
           ) AS n
      FROM redemptions d JOIN rewards r ON r.id = d.reward_id
     WHERE r.welcome = 1
  ) WHERE n = 1
);

CREATE UNIQUE INDEX redemptions_welcome_once ON redemptions (reward_id, passholder_id) WHERE welcome = 1;

-- A welcome reward is only granted (welcome = 1), a points reward only redeemed (welcome = 0).
CREATE TRIGGER redemptions_welcome_granted_only BEFORE INSERT ON redemptions
WHEN NEW.welcome <> (SELECT welcome FROM rewards WHERE id = NEW.reward_id)
BEGIN
  SELECT RAISE(ABORT, 'welcome_reward_not_redeemable');
END;

-- Lifts. A passenger who asks a driver's offer says yes by asking (passenger_agreed_at); a driver who
-- takes an open request proposes (driver_agreed_at, status stays 'requested') and the passenger confirms.
-- agree_call is the random id of the call that made the request agreed or proposed: "did this call do
-- it?" is decided by it (or by a conditional UPDATE's changes), never by comparing timestamps.
ALTER TABLE ride_requests ADD COLUMN passenger_agreed_at TEXT;
ALTER TABLE ride_requests ADD COLUMN driver_agreed_at TEXT;
ALTER TABLE ride_requests ADD COLUMN agree_call TEXT;

-- Existing data: until now a request with an offer was made by the passenger, and accepted by the driver.
UPDATE ride_requests SET passenger_agreed_at = created_at WHERE offer_id IS NOT NULL;
UPDATE ride_requests SET driver_agreed_at = accepted_at WHERE accepted_at IS NOT NULL;

-- The database refuses an agreed lift that one side did not agree to.
CREATE TRIGGER ride_requests_agreed_by_both BEFORE UPDATE OF status ON ride_requests
WHEN NEW.status = 'accepted' AND OLD.status <> 'accepted'
 AND (NEW.offer_id IS NULL OR NEW.passenger_agreed_at IS NULL OR NEW.driver_agreed_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'ride_not_agreed_by_both');
END;

CREATE TRIGGER ride_requests_inserted_unagreed BEFORE INSERT ON ride_requests
WHEN NEW.status = 'accepted'
 AND (NEW.offer_id IS NULL OR NEW.passenger_agreed_at IS NULL OR NEW.driver_agreed_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'ride_not_agreed_by_both');
END;
