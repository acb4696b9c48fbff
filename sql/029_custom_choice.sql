-- Custom fields of one choice and of several choices from a list of their own: the list's entries
-- are lookups of kind 'cf_<id>' (Managed lists); one choice is a column holding the entry's id,
-- several a table of pairs cfv_<id> made by the worker's fields.apply beside the field.
ALTER TABLE custom_fields MODIFY type ENUM('text', 'longtext', 'int', 'money', 'date', 'flag', 'party', 'user',
  'choice', 'multichoice') NOT NULL;
