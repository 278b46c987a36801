-- Sell-out line ids compare byte by byte (collation "C"), whatever the database's own collation.
-- - Speed: a line id is an opaque key, and the primary key of sellout_lines is checked on every
--   line an import stores. Under a linguistic collation each comparison goes through the collation
--   library; measured on 1M lines, a COPY into a table keyed on (distributor_id, line_id) took
--   4.2-4.4 s with an ICU en-US collation, 2.8-2.9 s with C.UTF-8 and 2.5 s with "C" (unindexed:
--   1.0-1.3 s). Sorting line ids (the merge ranks repeats) also gets PostgreSQL's abbreviated keys.
-- - Same answers on both drivers: PGlite's databases are "C"; a server's may be en_US.UTF-8, where
--   'L-10' and 'l-9' would sort differently from the embedded database.
-- Every column that holds a line id uses it, so joins between them keep using their indexes (the
-- temporary tables of an import declare it too: src/sellout/stage.ts, merge.ts).
alter table sellout_lines alter column line_id type text collate "C";
alter table sellout_line_history alter column line_id type text collate "C";
alter table sellout_quarantine alter column line_id type text collate "C";
