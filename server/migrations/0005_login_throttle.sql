-- Failed logins are counted per typed username (lower case) and client address, and per username
-- across every address ('*'), whether or not the account exists: the answers then never tell which
-- usernames exist, and an attacker guessing from one address slows only that address down. The
-- addresses an account logged in from are remembered, so its owner gets in with the right password
-- even while someone guesses from elsewhere. (staff.failed_logins and staff.locked_until, the old
-- per-account lockout that let anyone lock out anyone, are no longer used.)
CREATE TABLE login_failures (
  username      TEXT NOT NULL,
  address       TEXT NOT NULL,   -- the client address, or '*' for all of them together
  failures      INTEGER NOT NULL,
  last_at       INTEGER NOT NULL,
  blocked_until INTEGER,
  PRIMARY KEY (username, address)
) STRICT;
CREATE INDEX login_failures_last ON login_failures (last_at);

CREATE TABLE staff_login_addresses (
  staff_id      TEXT NOT NULL REFERENCES staff(id),
  address       TEXT NOT NULL,
  last_login_at INTEGER NOT NULL,
  PRIMARY KEY (staff_id, address)
) STRICT;
