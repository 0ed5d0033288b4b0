-- 0011: a signed note shows the text that was signed (device: the table
-- rule's `sealedBy` in sync/engine/table-rules.ts, sync/engine/merge-row.ts).
--
-- A signature restates the note's text on the versions it signed (device
-- migration 0015), so an edit another device made meanwhile is a second
-- version of that field and a conflict for a clinician. Until now the hub
-- (and every device) then showed whichever version had the later clock, so
-- a signed note could show text its author never signed. Now, while the
-- row's merged status is the sealing one, each text column shows the newest
-- standing version written by a sealing change; the late edit stays in the
-- change stream and in the conflict, and a clinician's settling (a version
-- written over both) shows as before.
--
-- * hub.sealed_text: which table's status value seals which text columns.
-- * hub.merged_row_state: 0003's, with that rule for the sealed columns.
-- * The consultation rows already on the hub are merged again.

CREATE TABLE hub.sealed_text (
  table_name text PRIMARY KEY REFERENCES hub.synced_table (name),
  status_column text NOT NULL,
  sealed_value text NOT NULL,
  text_columns text[] NOT NULL CHECK (cardinality(text_columns) > 0)
);
ALTER TABLE hub.sealed_text ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON hub.sealed_text FROM PUBLIC, anon, authenticated;
GRANT SELECT ON hub.sealed_text TO service_role;

INSERT INTO hub.sealed_text (table_name, status_column, sealed_value, text_columns) VALUES
  ('consultation', 'status', 'signed', ARRAY['chief_complaint', 'subjective', 'objective', 'assessment', 'plan']);

-- 0003's merge, with the sealed text rule.
CREATE OR REPLACE FUNCTION hub.merged_row_state(p_practice_ids uuid[], p_table_names text[], p_row_ids text[])
RETURNS TABLE (practice_id uuid, table_name text, row_id text, data jsonb, column_hlc jsonb, last_seq bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  WITH keys AS (
    SELECT DISTINCT k.practice_id, k.table_name, k.row_id
    FROM unnest(p_practice_ids, p_table_names, p_row_ids) AS k(practice_id, table_name, row_id)
  ), ch AS (
    SELECT c.practice_id, c.table_name, c.row_id, c.seq, c.op, c.changes, c.hlc, c.device_id, c.bases, s.merge_class,
           (SELECT coalesce('[' || string_agg('[' || to_jsonb(kv.key)::text || ',' || kv.value::text || ']', ','
                                              ORDER BY kv.key COLLATE "C") || ']', '[]')
            FROM jsonb_each(c.changes) kv) COLLATE "C" AS canon
    FROM keys k
    JOIN hub.change c ON c.practice_id = k.practice_id AND c.table_name = k.table_name AND c.row_id = k.row_id
    JOIN hub.synced_table s ON s.name = c.table_name
  ), materialised AS (
    SELECT ch.practice_id, ch.table_name, ch.row_id, max(ch.seq) AS last_seq
    FROM ch GROUP BY ch.practice_id, ch.table_name, ch.row_id
    HAVING bool_or(ch.op = 'insert')
  ), ledger AS (
    SELECT DISTINCT ON (ch.practice_id, ch.table_name, ch.row_id)
           ch.practice_id, ch.table_name, ch.row_id, ch.changes AS data,
           (SELECT coalesce(jsonb_object_agg(kv.key, to_jsonb(ch.hlc::text)), '{}') FROM jsonb_each(ch.changes) kv) AS column_hlc
    FROM ch WHERE ch.merge_class = 'append_only' AND ch.op = 'insert'
    ORDER BY ch.practice_id, ch.table_name, ch.row_id, ch.hlc, ch.op, ch.canon
  ), versions AS (
    SELECT ch.practice_id, ch.table_name, ch.row_id, kv.key AS column_name, kv.value, ch.hlc, ch.op, ch.canon,
           ch.device_id, sc.machine, ch.changes AS change_columns,
           -- Named in some change's bases: written over (a manager's pick settles the end states it names).
           sc.machine IS NOT NULL AND EXISTS (
             SELECT 1 FROM ch o
             WHERE o.practice_id = ch.practice_id AND o.table_name = ch.table_name AND o.row_id = ch.row_id
               AND (o.bases -> kv.key) ? ch.hlc) AS superseded
    FROM ch CROSS JOIN LATERAL jsonb_each(ch.changes) kv
    LEFT JOIN hub.status_column sc ON sc.table_name = ch.table_name AND sc.column_name = kv.key
    WHERE ch.merge_class = 'lww'
  ), lww AS (
    SELECT DISTINCT ON (v.practice_id, v.table_name, v.row_id, v.column_name)
           v.practice_id, v.table_name, v.row_id, v.column_name, v.value, v.hlc
    FROM versions v WHERE v.machine IS NULL
    ORDER BY v.practice_id, v.table_name, v.row_id, v.column_name, v.hlc DESC, v.op, v.canon
  ), heads AS (
    SELECT DISTINCT ON (v.practice_id, v.table_name, v.row_id, v.column_name, v.device_id)
           v.practice_id, v.table_name, v.row_id, v.column_name, v.value, v.hlc, v.op, v.canon, v.machine
    FROM versions v WHERE v.machine IS NOT NULL AND NOT v.superseded
    ORDER BY v.practice_id, v.table_name, v.row_id, v.column_name, v.device_id, v.hlc DESC, v.op DESC, v.canon DESC
  ), status AS (
    SELECT h.practice_id, h.table_name, h.row_id, h.column_name,
           hub.merge_status(h.value, h.machine ORDER BY h.hlc, h.op, h.canon) AS value, max(h.hlc) AS hlc
    FROM heads h GROUP BY h.practice_id, h.table_name, h.row_id, h.column_name
  ), sealed_versions AS (
    -- Text columns of a sealed table: versions still standing (textState's heads: named in no
    -- change's bases, and no change with unrecorded bases wrote the column later) that a sealing
    -- change wrote (the signature restates the text it signed).
    SELECT v.practice_id, v.table_name, v.row_id, v.column_name, v.value, v.hlc, v.op, v.canon, st.status_column, st.sealed_value
    FROM versions v
    JOIN hub.sealed_text st ON st.table_name = v.table_name AND v.column_name = ANY (st.text_columns)
    WHERE v.change_columns -> st.status_column = to_jsonb(st.sealed_value)
      AND NOT EXISTS (
        SELECT 1 FROM ch o
        WHERE o.practice_id = v.practice_id AND o.table_name = v.table_name AND o.row_id = v.row_id
          AND o.changes ? v.column_name
          AND ((o.bases -> v.column_name) ? v.hlc
               OR ((o.bases -> v.column_name) IS NULL AND o.hlc COLLATE "C" > v.hlc COLLATE "C")))
  ), sealed AS (
    -- ...shown only while the row's merged status is the sealing one.
    SELECT DISTINCT ON (sv.practice_id, sv.table_name, sv.row_id, sv.column_name)
           sv.practice_id, sv.table_name, sv.row_id, sv.column_name, sv.value
    FROM sealed_versions sv
    JOIN status s ON s.practice_id = sv.practice_id AND s.table_name = sv.table_name AND s.row_id = sv.row_id
                 AND s.column_name = sv.status_column
    WHERE s.value = to_jsonb(sv.sealed_value)
    ORDER BY sv.practice_id, sv.table_name, sv.row_id, sv.column_name, sv.hlc COLLATE "C" DESC, sv.op, sv.canon
  ), merged_columns AS (
    SELECT l.practice_id, l.table_name, l.row_id, l.column_name,
           CASE WHEN x.row_id IS NULL THEN l.value ELSE x.value END AS value, l.hlc
    FROM lww l
    LEFT JOIN sealed x ON x.practice_id = l.practice_id AND x.table_name = l.table_name AND x.row_id = l.row_id
                      AND x.column_name = l.column_name
    UNION ALL
    SELECT s.practice_id, s.table_name, s.row_id, s.column_name, s.value, s.hlc FROM status s
  ), lww_rows AS (
    SELECT mc.practice_id, mc.table_name, mc.row_id, jsonb_object_agg(mc.column_name, mc.value) AS data,
           jsonb_object_agg(mc.column_name, to_jsonb(mc.hlc::text)) AS column_hlc
    FROM merged_columns mc GROUP BY mc.practice_id, mc.table_name, mc.row_id
  )
  SELECT m.practice_id, m.table_name, m.row_id,
         coalesce(l.data, r.data, '{}'), coalesce(l.column_hlc, r.column_hlc, '{}'), m.last_seq
  FROM materialised m
  LEFT JOIN ledger l ON l.practice_id = m.practice_id AND l.table_name = m.table_name AND l.row_id = m.row_id
  LEFT JOIN lww_rows r ON r.practice_id = m.practice_id AND r.table_name = m.table_name AND r.row_id = m.row_id
$$;

INSERT INTO hub.row_state AS r (practice_id, table_name, row_id, data, column_hlc, last_seq)
SELECT m.practice_id, m.table_name, m.row_id, m.data, m.column_hlc, m.last_seq
FROM (SELECT array_agg(d.practice_id) AS p, array_agg(d.table_name) AS t, array_agg(d.row_id) AS r
      FROM (SELECT DISTINCT c.practice_id, c.table_name, c.row_id FROM hub.change c WHERE c.table_name = 'consultation') d) k
CROSS JOIN LATERAL hub.merged_row_state(k.p, k.t, k.r) m
WHERE k.p IS NOT NULL
ON CONFLICT (practice_id, table_name, row_id) DO UPDATE SET
  data = excluded.data, column_hlc = excluded.column_hlc, last_seq = excluded.last_seq, updated_at = now();
