-- 0009: a practice's own coded diagnosis list (device migration
-- 0017_practice_diagnosis_codes).
--
-- practice_diagnosis_code is a settings-like table: last-writer-wins per
-- column. Its ids are derived from practice and code on the devices, so two
-- desks adding the same code while apart push the same row, which merges.
-- consultation_diagnosis rows may now carry code_system 'PRACTICE'; the hub
-- keeps rows generically (hub.row_state), so nothing else changes here.
INSERT INTO hub.synced_table (name, merge_class) VALUES
  ('practice_diagnosis_code', 'lww')
ON CONFLICT (name) DO NOTHING;
