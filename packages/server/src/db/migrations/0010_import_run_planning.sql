-- Runs after imports are planned per import instead of from an import-id high-water mark: uploads
-- reserve their import id when the file arrives (the API answers with it at once), so a slow upload
-- can commit after a faster one with a higher id, and a high-water mark would skip it.
alter table sellout_imports add column runs_planned_at timestamptz;

-- Imports the old watermark already covered count as planned.
update sellout_imports set runs_planned_at = now()
where import_id <= coalesce((select import_id from run_watermarks where name = 'import-runs'), 0);

create index sellout_imports_unplanned_idx on sellout_imports (import_id) where runs_planned_at is null;

drop table run_watermarks;
