-- Passwords (issue 25, item 3; decision 016): reset links sent by mail, and the places an account has signed in from,
-- which the login throttle lets through when a stranger has tried the account from elsewhere.

-- A password reset link: its token is random (256 bits) and only its keyed hash is kept; it works once, until it
-- expires, and a newer request for the account deletes the older unused links.
create table password_resets (
  id text primary key default gen_random_uuid()::text,
  token_hash text not null unique,
  user_id text not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user_idx on password_resets (user_id);

-- A place an account signed in from successfully: a device (the keyed hash of the random token in its long-lived
-- HttpOnly cookie) or a client address (its keyed hash). Signing in from one of them is not held back by the failures
-- strangers cause elsewhere.
create table known_logins (
  id bigint generated always as identity primary key,
  user_id text not null references users(id),
  kind text not null check (kind in ('device', 'address')),
  key_hash text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  unique (user_id, kind, key_hash)
);
