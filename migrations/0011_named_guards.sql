-- The guard tables' CHECKs get names, so a refused batch says which guard refused it (src/lib/constraints.ts).
-- Until now sale_guards and write_guards shared the unnamed CHECK (ok = 1), which SQLite reports alike.
-- Guard rows only live inside the batch that writes them (it deletes them at its end), so both tables are
-- empty: they are made again.
DROP TABLE sale_guards;
CREATE TABLE sale_guards (ok INTEGER NOT NULL CONSTRAINT cap_reached CHECK (ok = 1));
DROP TABLE write_guards;
CREATE TABLE write_guards (ok INTEGER NOT NULL CONSTRAINT write_refused CHECK (ok = 1));
