-- A secret's optional description, for people (e.g. which account or team the key belongs to).
-- MLflow's secrets table has the same column.
ALTER TABLE secrets ADD COLUMN description TEXT;
