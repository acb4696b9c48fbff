-- The lists' text box checks each row it walks for a word (party_id = ? AND term LIKE 'word%'):
-- with the key (party_id, kind, term) that reads every term of the party (about 12), with
-- (party_id, term, kind) it is one range of the key. The same rows stay unique. Rebuilt online:
-- reads and writes go on while it runs.
ALTER TABLE party_search DROP PRIMARY KEY, ADD PRIMARY KEY (party_id, term, kind), ALGORITHM=INPLACE, LOCK=NONE;
