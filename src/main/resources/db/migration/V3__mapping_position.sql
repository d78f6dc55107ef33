-- The place of each mapping in the endpoint's model_configs as last written, so an endpoint's
-- models come back in the order they were given (creation times tie within one write).
ALTER TABLE endpoint_model_mappings ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
