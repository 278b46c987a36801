-- Work that follows sell-out imports (the run planner, the console's monthly sell-out summary)
-- records which imports it has processed, instead of an import-id high-water mark: uploads reserve
-- their import id when the file arrives (the API answers with it at once), so a slow upload can
-- commit after a faster one with a higher id, and a high-water mark would skip it.
create table sellout_import_consumers (
  consumer text not null check (consumer in ('run-planner', 'monthly-summary')),
  import_id bigint not null references sellout_imports (import_id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (consumer, import_id)
);

-- Imports the old watermarks already covered count as processed.
insert into sellout_import_consumers (consumer, import_id)
select 'run-planner', import_id from sellout_imports
where import_id <= coalesce((select import_id from run_watermarks where name = 'import-runs'), 0);
insert into sellout_import_consumers (consumer, import_id)
select 'monthly-summary', import_id from sellout_imports
where import_id <= coalesce((select import_id from summary_sellout_watermark where name = 'monthly'), 0);

drop table run_watermarks;
drop table summary_sellout_watermark;
