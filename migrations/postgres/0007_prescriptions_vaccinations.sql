-- 0007: prescribing and vaccinations (device migration 0012_prescriptions_vaccinations).
--
-- New synced tables; the hub keeps rows generically (hub.row_state), so only
-- their merge class and the prescription's status machine are needed here:
-- * medication (the practice's catalogue), prescription, prescription_item,
--   vaccination: last-writer-wins per column. Issued prescriptions, their
--   items and given vaccinations are immutable on every device (SQLite
--   triggers), so the only column that ever changes after insert is a
--   prescription's status (and who cancelled it, when, why).
-- * prescription.status merges to the furthest state (active → cancelled:
--   cancelled wins whatever the clocks say), as
--   shared/domain/prescription-status.ts does on devices.
INSERT INTO hub.synced_table (name, merge_class) VALUES
  ('medication', 'lww'),
  ('prescription', 'lww'),
  ('prescription_item', 'lww'),
  ('vaccination', 'lww')
ON CONFLICT (name) DO NOTHING;

INSERT INTO hub.status_column (table_name, column_name, machine) VALUES
  ('prescription', 'status', '{
     "active":    {"progress": 0, "final": false},
     "cancelled": {"progress": 1, "final": true}
   }')
ON CONFLICT (table_name, column_name) DO NOTHING;
