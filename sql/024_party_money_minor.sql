-- Income and credit limit in minor units (1/100) as integers, as every amount is kept, so the
-- records engine reads, writes and shows them as it does any money field. Widened first: the
-- amounts times 100 need two more digits than DECIMAL(18, 2) holds.
ALTER TABLE parties MODIFY income DECIMAL(21, 2) NULL, MODIFY credit_limit DECIMAL(21, 2) NULL;
UPDATE parties SET income = income * 100, credit_limit = credit_limit * 100
  WHERE income IS NOT NULL OR credit_limit IS NOT NULL;
ALTER TABLE parties MODIFY income BIGINT NULL, MODIFY credit_limit BIGINT NULL;
