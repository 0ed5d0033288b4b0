-- 0003: the versions a change writes over (ARCHITECTURE §4, clinical free
-- text and status conflicts). A change may carry `bases`: per column, the
-- HLCs of the versions of that column it deliberately writes over — a
-- clinical text edited on top of the version shown, or a manager's pick
-- between two end states (COMPLETED here, CANCELLED there), whose bases are
-- every head of the conflict. Devices derive their conflict inbox from them
-- (sync/engine/row-conflicts.ts); the hub stores, checks and serves them, and
-- merges status columns honouring them, as sync/engine/merge-row.ts does:
--
-- * sync_push accepts `bases` (absent or null: not recorded): an object whose
--   keys are columns the change sets, each a list of at most 64 HLCs, every
--   one older than the change's own HLC (the devices' causal capture makes
--   them so, and it is what keeps the newest version a head: last-writer-wins
--   on clinical text columns then shows exactly what the devices show);
--   a replay must carry the same bases.
-- * sync_pull returns each change's `bases`.
-- * hub.merged_row_state: a status version named in any change's bases is
--   dropped before each device's latest is taken and the heads are folded.
--   Other columns are unchanged (bases never change last-writer-wins).
--
-- No stored change has bases yet, so row_state needs no rebuild.

ALTER TABLE hub.change ADD COLUMN bases jsonb CHECK (bases IS NULL OR jsonb_typeof(bases) = 'object');

-- ---------------------------------------------------------------------------
-- 0002's merge, with superseded status versions dropped.
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
           ch.device_id, sc.machine,
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

-- ---------------------------------------------------------------------------
-- 0002's sync_push, with bases checked, stored and compared on replay.
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
  v_base record;
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
    IF jsonb_typeof(v_entry -> 'bases') NOT IN ('object', 'null') THEN
      RAISE EXCEPTION 'sync_push: entry % has bases that are not an object', v_index USING ERRCODE = '22023';
    END IF;
    IF jsonb_typeof(v_entry -> 'bases') = 'object' THEN
      SELECT kv.key, kv.value INTO v_base
      FROM jsonb_each(v_entry -> 'bases') kv
      WHERE NOT (v_entry -> 'changes') ? kv.key
         OR jsonb_typeof(kv.value) <> 'array'
         OR jsonb_array_length(kv.value) > 64
         OR EXISTS (SELECT 1 FROM jsonb_array_elements(kv.value) h
                    WHERE jsonb_typeof(h) <> 'string'
                       OR (h #>> '{}') !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-[0-9a-f]{4}-.{1,128}$'
                       OR (h #>> '{}') COLLATE "C" >= (v_entry ->> 'hlc') COLLATE "C")
      ORDER BY kv.key LIMIT 1;
      IF FOUND THEN
        IF NOT (v_entry -> 'changes') ? v_base.key THEN
          RAISE EXCEPTION 'sync_push: entry % has bases for %, which the change does not set', v_index, v_base.key
            USING ERRCODE = '22023';
        END IF;
        RAISE EXCEPTION 'sync_push: entry % has bases for % that are not a list of at most 64 HLCs older than the change',
          v_index, v_base.key USING ERRCODE = '22023';
      END IF;
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
           (e ->> 'device_seq')::bigint AS device_seq, e ->> 'actor' AS actor,
           nullif(e -> 'bases', 'null'::jsonb) AS bases
    FROM jsonb_array_elements(batch) e
  ), inserted AS (
    INSERT INTO hub.change (practice_id, table_name, row_id, op, changes, hlc, device_id, device_seq, actor, pushed_by, bases)
    SELECT practice_id, table_name, row_id, op, changes, hlc, device_id, device_seq, actor, v_uid, bases
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
       OR c.bases IS DISTINCT FROM nullif(e -> 'bases', 'null'::jsonb)
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

-- ---------------------------------------------------------------------------
-- 0001's sync_pull, serving bases.
CREATE OR REPLACE FUNCTION public.sync_pull(since bigint DEFAULT 0, page_size int DEFAULT 500) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_uid uuid := auth.uid();
  v_limit int := least(greatest(coalesce(page_size, 500), 1), 1000);
  v_after_xid xid8 := '0'::xid8;
  v_after_seq bigint := 0;
  v_member uuid[];
  v_shared uuid[];
  v_rows jsonb;
  v_count int;
  v_last bigint;
BEGIN
  IF v_uid IS NULL THEN
    RAISE EXCEPTION 'sync_pull: not signed in' USING ERRCODE = '42501';
  END IF;
  IF since IS NULL OR since < 0 THEN
    RAISE EXCEPTION 'sync_pull: since must be 0 or a cursor returned by sync_pull' USING ERRCODE = '22023';
  END IF;
  IF since > 0 THEN
    SELECT c.xid, c.seq INTO v_after_xid, v_after_seq FROM hub.change c WHERE c.seq = since;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'sync_pull: unknown cursor %', since USING ERRCODE = '22023';
    END IF;
  END IF;

  SELECT coalesce(array_agg(m.practice_id), '{}') INTO v_member
  FROM hub.practice_member m WHERE m.user_id = v_uid AND m.is_active;
  SELECT coalesce(array_agg(p), '{}') INTO v_shared
  FROM hub.sharing_practices(v_uid) p WHERE p <> ALL (v_member);

  WITH horizon AS (
    SELECT pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()) AS xmin
  ), page AS (
    SELECT c.*
    FROM unnest(v_member || v_shared) AS p(practice_id)
    CROSS JOIN horizon h
    CROSS JOIN LATERAL (
      SELECT c.* FROM hub.change c
      WHERE c.practice_id = p.practice_id
        AND (c.xid, c.seq) > (v_after_xid, v_after_seq)
        AND c.xid < h.xmin
        AND (c.practice_id = ANY (v_member)
             OR hub.can_read_practice_row(v_uid, c.practice_id, c.table_name, c.row_id))
      ORDER BY c.xid, c.seq
      LIMIT v_limit + 1
    ) c
    ORDER BY c.xid, c.seq
    LIMIT v_limit + 1
  ), numbered AS (
    SELECT page.*, row_number() OVER (ORDER BY page.xid, page.seq) AS n FROM page
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'seq', n.seq, 'practice_id', n.practice_id, 'table_name', n.table_name, 'row_id', n.row_id,
           'op', n.op, 'changes', n.changes, 'hlc', n.hlc, 'device_id', n.device_id,
           'device_seq', n.device_seq, 'actor', n.actor, 'received_at', n.received_at, 'bases', n.bases
         ) ORDER BY n.n) FILTER (WHERE n.n <= v_limit), '[]'),
         count(*)
  INTO v_rows, v_count
  FROM numbered n;

  -- The last change served, in (xid, seq) order: not necessarily the largest seq.
  v_last := (v_rows -> -1 ->> 'seq')::bigint;

  RETURN jsonb_build_object('changes', v_rows, 'next_cursor', coalesce(v_last, since), 'has_more', v_count > v_limit);
END
$$;
