-- Keeping summaries current cheaply: a hash of each stored earning (amount, payout due,
-- explanation), so a run on unchanged inputs rewrites neither earnings nor summary rows.
alter table earnings add column content_sha256 text;
