-- 0006: the consultation (device migration 0011_consultations).
--
-- New synced tables; the hub keeps rows generically (hub.row_state), so only
-- their merge class and the consultation's status machine are needed here:
-- * protocol, consultation, vital_signs, consultation_diagnosis,
--   consultation_procedure: last-writer-wins per column; consultation.status
--   merges to the furthest state (draft → signed: signed wins whatever the
--   clocks say), as shared/domain/consultation-status.ts does on devices.
-- * consultation_addendum: append-only, the correction path of a signed note.
-- The clinical text columns (chief complaint, SOAP) keep both versions of
-- concurrent edits on devices (sync_conflict); the hub's row shows the
-- last writer's, as for the other clinical text columns.
INSERT INTO hub.synced_table (name, merge_class) VALUES
  ('protocol', 'lww'),
  ('consultation', 'lww'),
  ('vital_signs', 'lww'),
  ('consultation_diagnosis', 'lww'),
  ('consultation_procedure', 'lww'),
  ('consultation_addendum', 'append_only')
ON CONFLICT (name) DO NOTHING;

INSERT INTO hub.status_column (table_name, column_name, machine) VALUES
  ('consultation', 'status', '{
     "draft":  {"progress": 0, "final": false},
     "signed": {"progress": 1, "final": true}
   }')
ON CONFLICT (table_name, column_name) DO NOTHING;
