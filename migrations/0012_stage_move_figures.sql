-- Issue 25, item 4: a stage move keeps the consequences its confirmation showed (bodies not started, in progress,
-- submitted, extensions ended, the scheduled date and whether the move was early), for the period's history page.
alter table stage_events add column figures jsonb;
