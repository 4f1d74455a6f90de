-- Issue requests by idempotency key: a kiosk that lost the answer to "issue a ticket" and sends the
-- same request again gets the first answer back instead of a second ticket. The answer carries the
-- resident's tracking token (the kiosk prints it as the QR code), so rows live for their business
-- day only: the day roll-over deletes the older ones.
CREATE TABLE issue_requests (
  actor         TEXT NOT NULL,   -- who asked: 'device:<id>', 'staff:<id>' (a key is theirs alone)
  key           TEXT NOT NULL,
  business_date TEXT NOT NULL,
  request       TEXT NOT NULL,   -- the request without its key, to refuse a key reused for another one
  answer        TEXT NOT NULL,   -- the first answer, as JSON
  PRIMARY KEY (actor, key)
) STRICT;
CREATE INDEX issue_requests_by_date ON issue_requests (business_date);
