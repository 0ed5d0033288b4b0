-- 0004: patient merge and the duplicates list (device migration 0009).
--
-- * patient.merged_into_id: a new column of a synced table. The hub keeps
--   rows generically (hub.row_state.data, per-column HLCs) and sync_push
--   checks column names by shape only, so the column needs no change here:
--   it merges last-writer-wins like any patient column.
-- * duplicate_dismissal: "not the same patient" for one pair, a new synced
--   table (last-writer-wins; its id is derived from the pair, so two devices
--   dismissing the same pair write the same row).
INSERT INTO hub.synced_table (name, merge_class) VALUES ('duplicate_dismissal', 'lww')
ON CONFLICT (name) DO NOTHING;
