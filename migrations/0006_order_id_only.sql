-- How many people of a dataset's list are known by order ID alone (no usable email in their row). A
-- notice goes to an email address, and such a person's address is not in the list: their email notice
-- would say "not affected". The notices command warns with this count (src/cli/notices).
ALTER TABLE datasets ADD COLUMN order_id_only INTEGER;
