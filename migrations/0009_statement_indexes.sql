-- A club's monthly statement added up by SQL from indexes alone (issue 13).

-- The month's sales of a club with every column a statement group adds up: the statement's sales are read
-- from this index only, not from the table. It starts with the columns of sales_by_club_month (club_id,
-- sold_at), which only statements read, and replaces it.
CREATE INDEX sales_by_club_month_amounts ON ticket_sales (
  club_id, sold_at, cancelled_at, kind, description, regular_price_cents, price_cents, club_share_cents,
  municipality_share_cents
);
DROP INDEX sales_by_club_month;

-- A club's cancelled sales, for the corrections of an open statement: the statement looks at these few
-- instead of every sale the club ever made.
CREATE INDEX sales_cancelled_by_club ON ticket_sales (club_id, cancelled_at) WHERE cancelled_at IS NOT NULL;
