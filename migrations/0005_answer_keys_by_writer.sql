-- answers keep their references to submissions, questions and the user who saved them without foreign-key triggers
-- (docs/decisions/007-autosave.md, session 4), as submission_history did in 0004. Why each still holds:
-- - submission_id: answers are written only by the statement or transaction that bumps (or locks) the submission they
--   name; submissions are never deleted.
-- - question_id: written from the questionnaire of the submission's period and category; submissions exist only from
--   the SAQ stage on, stages only move forward, and a questionnaire is replaced only while its period is a draft
--   (periods.service), so a question with answers is never deleted.
-- - updated_by: the signed-in user who saved; users are never deleted.
-- Each check locked the referenced row (a tuple lock, written to the WAL) for every new answer: about a third of an
-- autosave batch's time in PostgreSQL when its answers are new. verified_by (the evaluator's rare write) keeps its key.
alter table answers drop constraint answers_submission_id_fkey;
alter table answers drop constraint answers_question_id_fkey;
alter table answers drop constraint answers_updated_by_fkey;
