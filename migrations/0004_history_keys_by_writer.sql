-- submission_history keeps its references to submissions and users without foreign-key triggers
-- (docs/decisions/007-autosave.md, session 3). Every history row is written by the statement that bumps the
-- submission it names, in the same transaction, and names the signed-in user; submissions and users are never deleted,
-- and the table refuses updates and deletes. A foreign-key check on every row locked the user's row (a tuple lock,
-- written to the WAL) on every autosave: about a tenth of PostgreSQL's CPU per save in the deadline rush.
alter table submission_history drop constraint submission_history_submission_id_fkey;
alter table submission_history drop constraint submission_history_actor_id_fkey;
