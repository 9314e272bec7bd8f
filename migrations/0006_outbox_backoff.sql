-- A mail whose delivery failed waits before it is tried again, longer after each failure (30 s, 1 min, 2 min, ... up to
-- an hour between tries; src/modules/outbox/outbox.repository.ts): the sender runs every two seconds, so without it the
-- ten attempts of a mail were spent in twenty seconds of a mail server's outage. Null: due now.
alter table outbox add column next_attempt_at timestamptz;
