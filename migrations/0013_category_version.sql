-- A category's rename is an edit like a body's: with If-Match, one renamed by another admin since it was read answers
-- 409 with the current row instead of being overwritten. Every change of the row (rename, retirement, restoration)
-- counts up its version.
alter table categories add column version integer not null default 1;
