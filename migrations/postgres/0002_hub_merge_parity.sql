-- 0002: the hub merges rows exactly as the devices do (ARCHITECTURE §4: all
-- replicas converge byte-identically). hub.row_state was per-column LWW for
-- every table; the devices (sync/engine/merge-row.ts) merge status columns
-- to the furthest legal state and keep a ledger row as its earliest insert.
--
-- row_state is now a pure function of the row's set of changes in
-- hub.change, recomputed for every row a push touches (hub.merged_row_state),
-- with the same rules, the same canonical order and the same tie-breaks:
--
-- * Changes are ordered by (hlc, op, canonical changes) — merge-row.ts's
--   `hlc` then `${op}\0${canonical(changes)}` (canonical = JSON of the
--   [key, value] pairs sorted by key).
-- * A row with no insert yet is not materialised (the devices defer it).
-- * append_only tables (ledgers): the earliest insert is the row; updates
--   are refused by sync_push, as the devices refuse them.
-- * lww tables, ordinary columns: the value of the greatest HLC; on equal
--   HLCs (only a faulty device makes them) the first in canonical order.
-- * lww tables, status columns (hub.status_column): each device's own latest
--   value first (last in canonical order), then those heads folded in HLC
--   order with mergeStatus (hub.merge_status): the further status by the
--   machine's progress; equal progress, or two different end states (the
--   conflict), the smaller name. The column's HLC is the greatest HLC.
--
-- The status machines are data here; tests/hub/merge-parity.test.ts checks
-- them against shared/domain/reception-status.ts pair by pair.

CREATE INDEX change_row ON hub.change (practice_id, table_name, row_id);

-- ---------------------------------------------------------------------------
-- Status columns and their machines: { "<status>": { "progress": n, "final": bool } }.

CREATE TABLE hub.status_column (
  table_name text NOT NULL REFERENCES hub.synced_table (name),
  column_name text NOT NULL,
  machine jsonb NOT NULL CHECK (jsonb_typeof(machine) = 'object'),
  PRIMARY KEY (table_name, column_name)
);
INSERT INTO hub.status_column (table_name, column_name, machine) VALUES
  ('appointment', 'status', '{
     "CONFIRMED":  {"progress": 0, "final": false},
     "CHECKED_IN": {"progress": 1, "final": false},
     "COMPLETED":  {"progress": 2, "final": true},
     "CANCELLED":  {"progress": 2, "final": true},
     "NO_SHOW":    {"progress": 2, "final": true}
   }'),
  ('visit', 'status', '{
     "SCHEDULED":       {"progress": 0, "final": false},
     "WAITING":         {"progress": 1, "final": false},
     "CALLED":          {"progress": 2, "final": false},
     "IN_PROGRESS":     {"progress": 3, "final": false},
     "PENDING_PAYMENT": {"progress": 4, "final": false},
     "COMPLETED":       {"progress": 5, "final": true},
     "CANCELLED":       {"progress": 5, "final": true}
   }');

ALTER TABLE hub.status_column ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON hub.status_column FROM PUBLIC, anon, authenticated;
GRANT SELECT ON hub.status_column TO service_role;
CREATE POLICY status_column_read ON hub.status_column FOR SELECT TO authenticated USING (true);

-- ---------------------------------------------------------------------------
-- mergeStatus on two values (sync/merge/column-merge.ts with the machine's
-- furthestStatus): the same → it; two end states (a conflict) or the same
-- progress → the smaller name; else the one further along.
CREATE FUNCTION hub.furthest_status(p_machine jsonb, p_a jsonb, p_b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT CASE
    WHEN s.a = s.b THEN p_a
    WHEN (p_machine -> s.a ->> 'final')::boolean AND (p_machine -> s.b ->> 'final')::boolean
      THEN CASE WHEN s.a < s.b THEN p_a ELSE p_b END
    WHEN (p_machine -> s.a -> 'progress') = (p_machine -> s.b -> 'progress')
      THEN CASE WHEN s.a < s.b THEN p_a ELSE p_b END
    WHEN (p_machine -> s.a -> 'progress') > (p_machine -> s.b -> 'progress') THEN p_a
    ELSE p_b
  END
  -- String(value), as the devices compare it.
  FROM (SELECT (CASE jsonb_typeof(p_a) WHEN 'null' THEN 'null' ELSE p_a #>> '{}' END) COLLATE "C" AS a,
               (CASE jsonb_typeof(p_b) WHEN 'null' THEN 'null' ELSE p_b #>> '{}' END) COLLATE "C" AS b) s
$$;

CREATE FUNCTION hub.merge_status_step(p_state jsonb, p_value jsonb, p_machine jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT CASE WHEN p_state IS NULL THEN p_value ELSE hub.furthest_status(p_machine, p_state, p_value) END
$$;

-- hub.merge_status(value, machine ORDER BY hlc): the left fold of mergeStatus.
CREATE AGGREGATE hub.merge_status(jsonb, jsonb) (SFUNC = hub.merge_status_step, STYPE = jsonb);

-- ---------------------------------------------------------------------------
-- The merged state of the given rows, from all their changes (merge-row.ts).
-- Rows with no insert yet are left out.
CREATE FUNCTION hub.merged_row_state(p_practice_ids uuid[], p_table_names text[], p_row_ids text[])
RETURNS TABLE (practice_id uuid, table_name text, row_id text, data jsonb, column_hlc jsonb, last_seq bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  WITH keys AS (
    SELECT DISTINCT k.practice_id, k.table_name, k.row_id
    FROM unnest(p_practice_ids, p_table_names, p_row_ids) AS k(practice_id, table_name, row_id)
  ), ch AS (
    SELECT c.practice_id, c.table_name, c.row_id, c.seq, c.op, c.changes, c.hlc, c.device_id, s.merge_class,
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
           ch.device_id, sc.machine
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
    FROM versions v WHERE v.machine IS NOT NULL
    ORDER BY v.practice_id, v.table_name, v.row_id, v.column_name, v.device_id, v.hlc DESC, v.op DESC, v.canon DESC
  ), status AS (
    SELECT h.practice_id, h.table_name, h.row_id, h.column_name,
           hub.merge_status(h.value, h.machine ORDER BY h.hlc, h.op, h.canon) AS value, max(h.hlc) AS hlc
    FROM heads h GROUP BY h.practice_id, h.table_name, h.row_id, h.column_name
  ), merged_columns AS (
    SELECT l.practice_id, l.table_name, l.row_id, l.column_name, l.value, l.hlc FROM lww l
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

-- Every row again, from the whole stream (this migration; ops after a rule change).
CREATE FUNCTION hub.rebuild_row_state() RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_rows bigint;
BEGIN
  LOCK TABLE hub.row_state IN EXCLUSIVE MODE;
  DELETE FROM hub.row_state;
  INSERT INTO hub.row_state (practice_id, table_name, row_id, data, column_hlc, last_seq)
  SELECT m.practice_id, m.table_name, m.row_id, m.data, m.column_hlc, m.last_seq
  FROM (SELECT array_agg(d.practice_id) AS p, array_agg(d.table_name) AS t, array_agg(d.row_id) AS r
        FROM (SELECT DISTINCT c.practice_id, c.table_name, c.row_id FROM hub.change c) d) k
  CROSS JOIN LATERAL hub.merged_row_state(k.p, k.t, k.r) m
  WHERE k.p IS NOT NULL;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

REVOKE ALL ON FUNCTION hub.furthest_status(jsonb, jsonb, jsonb), hub.merge_status_step(jsonb, jsonb, jsonb),
  hub.merge_status(jsonb, jsonb), hub.merged_row_state(uuid[], text[], text[]), hub.rebuild_row_state()
  FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION hub.rebuild_row_state() TO service_role;

SELECT hub.rebuild_row_state();

-- ---------------------------------------------------------------------------
-- sync_push: the same contract and checks as 0001, plus two the devices make
-- too (sync/engine/apply.ts), so the hub never keeps a change every device
-- refuses: no update to a ledger row; status columns hold statuses of their
-- machine; changes name at least one column, by a column name, with a
-- string, number or null. Pushes touching the same rows are serialised (a
-- transaction-level advisory lock per row, taken in a fixed order), so each
-- recompute sees every change committed before it.
CREATE OR REPLACE FUNCTION public.sync_push(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_uid uuid := auth.uid();
  v_count int;
  v_entry jsonb;
  v_index int;
  v_device text;
  v_inserted int;
  v_practice uuid;
  v_conflict record;
  v_status record;
  v_column record;
  v_lock int;
  v_practices uuid[];
  v_tables text[];
  v_rows text[];
BEGIN
  IF v_uid IS NULL THEN
    RAISE EXCEPTION 'sync_push: not signed in' USING ERRCODE = '42501';
  END IF;
  IF batch IS NULL OR jsonb_typeof(batch) <> 'array' THEN
    RAISE EXCEPTION 'sync_push: batch must be a JSON array of changes' USING ERRCODE = '22023';
  END IF;
  v_count := jsonb_array_length(batch);
  IF v_count > 1000 THEN
    RAISE EXCEPTION 'sync_push: batch has % entries; at most 1000 are accepted per call', v_count
      USING ERRCODE = '22023', HINT = 'Split the outbox into batches of at most 1000 entries.';
  END IF;
  IF v_count = 0 THEN
    RETURN jsonb_build_object('acknowledged_through', NULL, 'duplicates', 0);
  END IF;

  -- Shape, one entry at a time, so the message can say which entry is wrong.
  FOR v_entry, v_index IN SELECT e, i::int FROM jsonb_array_elements(batch) WITH ORDINALITY AS t(e, i) LOOP
    IF jsonb_typeof(v_entry) <> 'object' THEN
      RAISE EXCEPTION 'sync_push: entry % is not an object', v_index USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'practice_id') IS DISTINCT FROM 'string'
       OR (v_entry ->> 'practice_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
      RAISE EXCEPTION 'sync_push: entry % has no valid practice_id (a UUID)', v_index USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'table_name') IS DISTINCT FROM 'string' THEN
      RAISE EXCEPTION 'sync_push: entry % has no table_name', v_index USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM hub.synced_table s WHERE s.name = v_entry ->> 'table_name') THEN
      RAISE EXCEPTION 'sync_push: entry % names unknown table "%"; nothing was applied', v_index, v_entry ->> 'table_name'
        USING ERRCODE = '22023', HINT = 'The hub accepts only synced tables (hub.synced_table).';
    END IF;
    IF jsonb_typeof(v_entry -> 'row_id') IS DISTINCT FROM 'string'
       OR length(v_entry ->> 'row_id') NOT BETWEEN 1 AND 128 THEN
      RAISE EXCEPTION 'sync_push: entry % has no valid row_id', v_index USING ERRCODE = '22023';
    END IF;
    IF (v_entry ->> 'op') IS NULL OR (v_entry ->> 'op') NOT IN ('insert', 'update') THEN
      RAISE EXCEPTION 'sync_push: entry % has op %; expected insert or update', v_index, coalesce(v_entry ->> 'op', 'null')
        USING ERRCODE = '22023';
    END IF;
    IF (v_entry ->> 'op') = 'update' AND EXISTS (
         SELECT 1 FROM hub.synced_table s WHERE s.name = v_entry ->> 'table_name' AND s.merge_class = 'append_only') THEN
      RAISE EXCEPTION 'sync_push: entry % updates a row of %, which is append-only; nothing was applied',
        v_index, v_entry ->> 'table_name'
        USING ERRCODE = '22023', HINT = 'A ledger row is never changed: a correction is a new row.';
    END IF;
    IF jsonb_typeof(v_entry -> 'changes') IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION 'sync_push: entry % has no changes object', v_index USING ERRCODE = '22023';
    END IF;
    IF octet_length((v_entry -> 'changes')::text) > 262144 THEN
      RAISE EXCEPTION 'sync_push: entry % has changes larger than 256 kB', v_index USING ERRCODE = '22023';
    END IF;
    IF (v_entry -> 'changes') = '{}'::jsonb THEN
      RAISE EXCEPTION 'sync_push: entry % changes no column', v_index USING ERRCODE = '22023';
    END IF;
    SELECT kv.key, jsonb_typeof(kv.value) AS type INTO v_column
    FROM jsonb_each(v_entry -> 'changes') kv
    WHERE kv.key !~ '^[a-z_][a-z0-9_]*$' OR jsonb_typeof(kv.value) NOT IN ('string', 'number', 'null')
    ORDER BY kv.key LIMIT 1;
    IF FOUND THEN
      IF v_column.key !~ '^[a-z_][a-z0-9_]*$' THEN
        RAISE EXCEPTION 'sync_push: entry % names column "%", which is not a column name', v_index, v_column.key
          USING ERRCODE = '22023';
      END IF;
      RAISE EXCEPTION 'sync_push: entry % sets % to a JSON %; a column holds a string, a number or null',
        v_index, v_column.key, v_column.type USING ERRCODE = '22023';
    END IF;
    IF (v_entry -> 'changes') ? 'practice_id' AND (v_entry -> 'changes' ->> 'practice_id') IS DISTINCT FROM (v_entry ->> 'practice_id') THEN
      RAISE EXCEPTION 'sync_push: entry % changes practice_id to another practice', v_index USING ERRCODE = '22023';
    END IF;
    IF (v_entry -> 'changes') ? 'id' AND (v_entry -> 'changes' ->> 'id') IS DISTINCT FROM (v_entry ->> 'row_id') THEN
      RAISE EXCEPTION 'sync_push: entry % has changes.id different from its row_id', v_index USING ERRCODE = '22023';
    END IF;
    SELECT sc.column_name, v_entry -> 'changes' -> sc.column_name AS value INTO v_status
    FROM hub.status_column sc
    WHERE sc.table_name = v_entry ->> 'table_name' AND (v_entry -> 'changes') ? sc.column_name
      AND NOT (jsonb_typeof(v_entry -> 'changes' -> sc.column_name) = 'string'
               AND sc.machine ? (v_entry -> 'changes' ->> sc.column_name))
    ORDER BY sc.column_name LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'sync_push: entry % sets %.% to %, which is not one of its statuses; nothing was applied',
        v_index, v_entry ->> 'table_name', v_status.column_name, v_status.value::text USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'hlc') IS DISTINCT FROM 'string'
       OR (v_entry ->> 'hlc') !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-[0-9a-f]{4}-.{1,128}$' THEN
      RAISE EXCEPTION 'sync_push: entry % has no valid hlc', v_index USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'device_id') IS DISTINCT FROM 'string'
       OR length(v_entry ->> 'device_id') NOT BETWEEN 1 AND 128 THEN
      RAISE EXCEPTION 'sync_push: entry % has no valid device_id', v_index USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'device_seq') IS DISTINCT FROM 'number'
       OR (v_entry ->> 'device_seq') !~ '^[1-9][0-9]{0,17}$' THEN
      RAISE EXCEPTION 'sync_push: entry % has no valid device_seq (a positive integer)', v_index USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'actor') NOT IN ('string', 'null') THEN
      RAISE EXCEPTION 'sync_push: entry % has an actor that is not a string', v_index USING ERRCODE = '22023';
    END IF;
    IF v_device IS NULL THEN
      v_device := v_entry ->> 'device_id';
    ELSIF v_device <> v_entry ->> 'device_id' THEN
      RAISE EXCEPTION 'sync_push: entry % is from device %, the batch from %; push one device per call',
        v_index, v_entry ->> 'device_id', v_device USING ERRCODE = '22023';
    END IF;
  END LOOP;

  IF (SELECT count(DISTINCT e ->> 'device_seq') FROM jsonb_array_elements(batch) e) <> v_count THEN
    RAISE EXCEPTION 'sync_push: the batch repeats a device_seq' USING ERRCODE = '22023';
  END IF;

  -- Membership of every practice named, before anything is written.
  SELECT p INTO v_practice
  FROM (SELECT DISTINCT (e ->> 'practice_id')::uuid AS p FROM jsonb_array_elements(batch) e) ps
  WHERE NOT hub.is_member(v_uid, p)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'sync_push: you are not a member of practice %; nothing was applied', v_practice
      USING ERRCODE = '42501';
  END IF;

  -- One push at a time per row, in a fixed order (no deadlocks); a hash
  -- collision only makes two pushes wait for each other.
  FOR v_lock IN
    SELECT DISTINCT pg_catalog.hashtext((e ->> 'practice_id') || '/' || (e ->> 'table_name') || '/' || (e ->> 'row_id'))
    FROM jsonb_array_elements(batch) e ORDER BY 1
  LOOP
    PERFORM pg_catalog.pg_advisory_xact_lock(7314002, v_lock);
  END LOOP;

  -- Append to the stream, skipping replays.
  WITH entries AS (
    SELECT (e ->> 'practice_id')::uuid AS practice_id, e ->> 'table_name' AS table_name,
           e ->> 'row_id' AS row_id, e ->> 'op' AS op, e -> 'changes' AS changes,
           (e ->> 'hlc') COLLATE "C" AS hlc, e ->> 'device_id' AS device_id,
           (e ->> 'device_seq')::bigint AS device_seq, e ->> 'actor' AS actor
    FROM jsonb_array_elements(batch) e
  ), inserted AS (
    INSERT INTO hub.change (practice_id, table_name, row_id, op, changes, hlc, device_id, device_seq, actor, pushed_by)
    SELECT practice_id, table_name, row_id, op, changes, hlc, device_id, device_seq, actor, v_uid
    FROM entries ORDER BY device_seq
    ON CONFLICT (device_id, device_seq) DO NOTHING
    RETURNING practice_id, table_name, row_id
  )
  SELECT count(*)::int, array_agg(i.practice_id), array_agg(i.table_name), array_agg(i.row_id)
  INTO v_inserted, v_practices, v_tables, v_rows
  FROM inserted i;

  -- A replay must be the same change; a device_seq reused for something
  -- else (a device restored from an old backup, or another device claiming
  -- this device's id) is refused rather than silently dropped.
  IF v_inserted < v_count THEN
    SELECT (e ->> 'device_seq') AS device_seq INTO v_conflict
    FROM jsonb_array_elements(batch) e
    JOIN hub.change c ON c.device_id = e ->> 'device_id' AND c.device_seq = (e ->> 'device_seq')::bigint
    WHERE c.practice_id <> (e ->> 'practice_id')::uuid OR c.table_name <> e ->> 'table_name'
       OR c.row_id <> e ->> 'row_id' OR c.hlc <> (e ->> 'hlc') COLLATE "C" OR c.changes <> e -> 'changes'
    LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'sync_push: device % seq % was already pushed with different content; nothing was applied',
        v_device, v_conflict.device_seq USING ERRCODE = '23505';
    END IF;
  END IF;

  -- The rows that got new changes, merged again from all their changes.
  IF v_inserted > 0 THEN
    INSERT INTO hub.row_state AS r (practice_id, table_name, row_id, data, column_hlc, last_seq)
    SELECT m.practice_id, m.table_name, m.row_id, m.data, m.column_hlc, m.last_seq
    FROM hub.merged_row_state(v_practices, v_tables, v_rows) m
    ORDER BY m.practice_id, m.table_name, m.row_id
    ON CONFLICT (practice_id, table_name, row_id) DO UPDATE SET
      data = excluded.data, column_hlc = excluded.column_hlc, last_seq = excluded.last_seq, updated_at = now();
  END IF;

  RETURN jsonb_build_object(
    'acknowledged_through', (SELECT max((e ->> 'device_seq')::bigint) FROM jsonb_array_elements(batch) e),
    'duplicates', v_count - v_inserted
  );
END
$$;
