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
