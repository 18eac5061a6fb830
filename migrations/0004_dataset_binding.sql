-- Every dataset is bound to what made it, and every notice code to how its recipient was hashed.
-- Datasets imported before this migration have no binding: they answer 503 ("we cannot answer right
-- now") until their list is re-imported, which records one (README, "Upgrading").

-- JSON {keyId, pepper (fingerprint), normalisation, mode, secondFactor, orderIdRule}; see
-- src/core/dataset-binding.ts. Lookups compare it with the Worker's pepper and the incident's settings.
ALTER TABLE datasets ADD COLUMN binding TEXT;
-- What the list holds, so lookups refuse input the list cannot hold instead of answering "not affected":
-- counts of emails and order IDs, and the shapes of its order IDs (src/core/order-id-shapes.ts).
ALTER TABLE datasets ADD COLUMN emails INTEGER;
ALTER TABLE datasets ADD COLUMN order_ids INTEGER;
ALTER TABLE datasets ADD COLUMN order_id_shapes TEXT;

-- JSON {keyId, pepper, normalisation, kind} of the recipient's keyed hash (codes.subject).
ALTER TABLE codes ADD COLUMN subject_binding TEXT;
