-- "Did this call do it?" is decided by a random id the call writes, never by comparing timestamps:
-- two calls in the same millisecond share a timestamp, but never a call id.
ALTER TABLE checkins ADD COLUMN call_id TEXT;
ALTER TABLE signups ADD COLUMN promotion_call TEXT;
ALTER TABLE activities ADD COLUMN cancel_call TEXT;
ALTER TABLE status_imports ADD COLUMN confirm_call TEXT;
