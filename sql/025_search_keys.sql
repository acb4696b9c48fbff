-- The phone book's new terms (cgi/parties/party_search.c): phones also forward as '+' and their
-- international digits (kind f: leading digits in any form), each tail of a ZWNJ compound, the
-- words of notes (kind t). The terms are made by libcrm's normalization in C, not here: this
-- enqueues the worker's parties.search_rebuild, which rebuilds every party up to the highest id
-- of now (later saves write the new terms themselves) in batches, each party in its own
-- transaction. Until it finishes, old rows are still found by name words and phone tails.
-- A database without parties (a new install) needs no job.
INSERT IGNORE INTO jobs (kind, idem_key, params, run_after, created_at)
  SELECT 'parties.search_rebuild', 'migration:025', JSON_OBJECT('upto', MAX(id)), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
  FROM parties HAVING COUNT(*) > 0;
