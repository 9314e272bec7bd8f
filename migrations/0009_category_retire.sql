-- Categories can be retired (issue 25, item 1): a category that no body belongs to any more but that a period's
-- questionnaire still refers to is kept for history, hidden from the choices of new bodies and imports. One that
-- nothing refers to is deleted instead, so this column is set only on categories with a history.
alter table categories add column retired_at timestamptz;
