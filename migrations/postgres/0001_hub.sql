-- 0001: the hub. Practices and their members, the change stream devices push
-- to and pull from, and the current state of every synced row (per-column
-- last-writer-wins by HLC). ARCHITECTURE §4–§5.
--
-- Access: the tables live in schema `hub`, which PostgREST does not expose
-- and on which anon/authenticated have no privileges at all. Signed-in users
-- reach the data only through public.sync_push / public.sync_pull (SECURITY
-- DEFINER, fixed empty search_path, everything schema-qualified), which check
-- practice membership themselves. RLS is enabled on every table with policies
-- that state the same rule, so a grant added by mistake later still exposes
-- nothing beyond the caller's practices.

CREATE SCHEMA hub;
REVOKE ALL ON SCHEMA hub FROM PUBLIC;
GRANT USAGE ON SCHEMA hub TO service_role;
-- Postgres grants EXECUTE on new functions to PUBLIC; not in this schema.
ALTER DEFAULT PRIVILEGES IN SCHEMA hub REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

CREATE TABLE hub.practice (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub.practice_member (
  practice_id uuid NOT NULL REFERENCES hub.practice (id),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'doctor', 'nurse', 'receptionist', 'billing', 'manager')),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, user_id)
);
CREATE INDEX practice_member_user ON hub.practice_member (user_id) WHERE is_active;

-- The device tables that sync (migrations/sqlite). A push naming any other
-- table is rejected; a later device migration adds its tables here.
CREATE TABLE hub.synced_table (
  name text PRIMARY KEY,
  merge_class text NOT NULL CHECK (merge_class IN ('lww', 'append_only'))
);
INSERT INTO hub.synced_table (name, merge_class) VALUES
  ('practice', 'lww'), ('app_user', 'lww'), ('practice_user', 'lww'), ('account', 'lww'),
  ('patient', 'lww'), ('emergency_contact', 'lww'), ('medical_aid', 'lww'), ('allergy', 'lww'),
  ('medical_history', 'lww'), ('family_history', 'lww'), ('audit_log', 'append_only'),
  ('service_type', 'lww'), ('room', 'lww'), ('practitioner_profile', 'lww'),
  ('practitioner_service', 'lww'), ('recurrence', 'lww'), ('appointment', 'lww'),
  ('visit', 'lww'), ('charge', 'lww'), ('payment', 'append_only');

-- The change stream. `seq` is the server sequence; `xid` the writing
-- transaction, which is what makes the pull cursor safe (see sync_pull).
CREATE TABLE hub.change (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  practice_id uuid NOT NULL REFERENCES hub.practice (id),
  table_name text NOT NULL REFERENCES hub.synced_table (name),
  row_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update')),
  changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object'),
  hlc text COLLATE "C" NOT NULL,
  device_id text NOT NULL,
  device_seq bigint NOT NULL CHECK (device_seq > 0),
  actor text,
  pushed_by uuid NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
  received_at timestamptz NOT NULL DEFAULT now(),
  -- Idempotency: a retried push of the same outbox entry is a duplicate.
  UNIQUE (device_id, device_seq)
);
CREATE INDEX change_practice_stream ON hub.change (practice_id, xid, seq);

-- Current state of every synced row, stored generically for now: the merged
-- columns and, per column, the HLC of the change that set it.
CREATE TABLE hub.row_state (
  practice_id uuid NOT NULL REFERENCES hub.practice (id),
  table_name text NOT NULL REFERENCES hub.synced_table (name),
  row_id text NOT NULL,
  data jsonb NOT NULL,
  column_hlc jsonb NOT NULL,
  deleted_at text GENERATED ALWAYS AS (data ->> 'deleted_at') STORED,
  last_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, table_name, row_id)
);

ALTER TABLE hub.practice ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub.practice_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub.synced_table ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub.change ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub.row_state ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON ALL TABLES IN SCHEMA hub FROM PUBLIC, anon, authenticated;
GRANT SELECT ON ALL TABLES IN SCHEMA hub TO service_role;

-- ---------------------------------------------------------------------------
-- Who may read what.

CREATE FUNCTION hub.is_member(p_user uuid, p_practice uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT EXISTS (
    SELECT 1 FROM hub.practice_member m
    WHERE m.user_id = p_user AND m.practice_id = p_practice AND m.is_active
  )
$$;

-- HOOK (consent-gated sharing, ARCHITECTURE §6 — not implemented yet).
-- Practices other than the reader's own whose rows the reader may see some
-- of: later, those with an active shared_patient_access grant to one of the
-- reader's practices. Empty for now.
CREATE FUNCTION hub.sharing_practices(p_reader uuid) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT NULL::uuid WHERE false AND p_reader IS NOT NULL
$$;

-- HOOK (consent-gated sharing, ARCHITECTURE §6 — not implemented yet).
-- May `p_reader` read this row of another practice? Later: only while an
-- active consent and access grant cover the row's patient. False for now.
CREATE FUNCTION hub.can_read_practice_row(p_reader uuid, p_practice_id uuid, p_table_name text, p_row_id text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT false AND p_reader IS NOT NULL AND p_practice_id IS NOT NULL
         AND p_table_name IS NOT NULL AND p_row_id IS NOT NULL
$$;

CREATE POLICY practice_read ON hub.practice FOR SELECT TO authenticated
  USING (hub.is_member(auth.uid(), id));
CREATE POLICY practice_member_read ON hub.practice_member FOR SELECT TO authenticated
  USING (user_id = auth.uid());
CREATE POLICY synced_table_read ON hub.synced_table FOR SELECT TO authenticated
  USING (true);
CREATE POLICY change_read ON hub.change FOR SELECT TO authenticated
  USING (hub.is_member(auth.uid(), practice_id)
         OR hub.can_read_practice_row(auth.uid(), practice_id, table_name, row_id));
CREATE POLICY row_state_read ON hub.row_state FOR SELECT TO authenticated
  USING (hub.is_member(auth.uid(), practice_id)
         OR hub.can_read_practice_row(auth.uid(), practice_id, table_name, row_id));

-- ---------------------------------------------------------------------------
-- Setup, for the service role only (tests, `npm run hub -- --add-user`, ops).

CREATE FUNCTION hub.create_practice(p_id uuid, p_name text) RETURNS uuid
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
  INSERT INTO hub.practice (id, name) VALUES (p_id, p_name)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name
  RETURNING id
$$;

CREATE FUNCTION hub.add_member(p_practice_id uuid, p_user_id uuid, p_role text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
  INSERT INTO hub.practice_member (practice_id, user_id, role) VALUES (p_practice_id, p_user_id, p_role)
  ON CONFLICT (practice_id, user_id) DO UPDATE SET role = excluded.role, is_active = true, updated_at = now()
$$;

CREATE FUNCTION hub.remove_member(p_practice_id uuid, p_user_id uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
  UPDATE hub.practice_member SET is_active = false, updated_at = now()
  WHERE practice_id = p_practice_id AND user_id = p_user_id
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA hub FROM PUBLIC, anon, authenticated;
GRANT EXECUTE ON FUNCTION hub.create_practice(uuid, text), hub.add_member(uuid, uuid, text),
  hub.remove_member(uuid, uuid) TO service_role;
-- The policies above run these as the querying user. Without USAGE on schema
-- hub, authenticated still cannot call them directly.
GRANT EXECUTE ON FUNCTION hub.is_member(uuid, uuid), hub.can_read_practice_row(uuid, uuid, text, text) TO authenticated;

-- ---------------------------------------------------------------------------
-- sync_push(batch): store a device's outbox entries and merge them.
--
-- batch: a JSON array (at most 1000) of
--   { practice_id, table_name, row_id, op: 'insert'|'update', changes: {col: value},
--     hlc, device_id, device_seq, actor }
-- all from one device. Checks everything first and applies all or nothing.
-- Idempotent on (device_id, device_seq): a replayed entry is counted as a
-- duplicate and changes nothing. Returns
--   { acknowledged_through: <largest device_seq in the batch>, duplicates: n }.
-- Errors: 22023 bad shape/size/table (HTTP 400), 42501 not signed in or not
-- a member of a practice in the batch (PostgREST: 401/403), 23505 a
-- device_seq reused for different content (409).
CREATE FUNCTION public.sync_push(batch jsonb) RETURNS jsonb
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
    IF jsonb_typeof(v_entry -> 'changes') IS DISTINCT FROM 'object' THEN
      RAISE EXCEPTION 'sync_push: entry % has no changes object', v_index USING ERRCODE = '22023';
    END IF;
    IF octet_length((v_entry -> 'changes')::text) > 262144 THEN
      RAISE EXCEPTION 'sync_push: entry % has changes larger than 256 kB', v_index USING ERRCODE = '22023';
    END IF;
    IF (v_entry -> 'changes') ? 'practice_id' AND (v_entry -> 'changes' ->> 'practice_id') IS DISTINCT FROM (v_entry ->> 'practice_id') THEN
      RAISE EXCEPTION 'sync_push: entry % changes practice_id to another practice', v_index USING ERRCODE = '22023';
    END IF;
    IF (v_entry -> 'changes') ? 'id' AND (v_entry -> 'changes' ->> 'id') IS DISTINCT FROM (v_entry ->> 'row_id') THEN
      RAISE EXCEPTION 'sync_push: entry % has changes.id different from its row_id', v_index USING ERRCODE = '22023';
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

  -- Append to the stream (skipping replays) and merge what is new into
  -- row_state: per column, the value with the greatest HLC wins.
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
    RETURNING seq, practice_id, table_name, row_id, changes, hlc
  ), winners AS (
    SELECT DISTINCT ON (i.practice_id, i.table_name, i.row_id, kv.key)
           i.practice_id, i.table_name, i.row_id, kv.key, kv.value, i.hlc, i.seq
    FROM inserted i CROSS JOIN LATERAL jsonb_each(i.changes) kv
    ORDER BY i.practice_id, i.table_name, i.row_id, kv.key, i.hlc DESC, i.seq DESC
  ), per_row AS (
    SELECT practice_id, table_name, row_id, jsonb_object_agg(key, value) AS data,
           jsonb_object_agg(key, hlc) AS column_hlc, max(seq) AS last_seq
    FROM winners GROUP BY practice_id, table_name, row_id
  ), merged AS (
    INSERT INTO hub.row_state AS r (practice_id, table_name, row_id, data, column_hlc, last_seq)
    SELECT practice_id, table_name, row_id, data, column_hlc, last_seq
    FROM per_row ORDER BY practice_id, table_name, row_id
    ON CONFLICT (practice_id, table_name, row_id) DO UPDATE SET
      data = r.data || coalesce((
        SELECT jsonb_object_agg(k.key, k.value) FROM jsonb_each(excluded.data) k
        WHERE (r.column_hlc ->> k.key) IS NULL
           OR (r.column_hlc ->> k.key) COLLATE "C" < (excluded.column_hlc ->> k.key) COLLATE "C"), '{}'),
      column_hlc = r.column_hlc || coalesce((
        SELECT jsonb_object_agg(k.key, excluded.column_hlc -> k.key) FROM jsonb_each(excluded.data) k
        WHERE (r.column_hlc ->> k.key) IS NULL
           OR (r.column_hlc ->> k.key) COLLATE "C" < (excluded.column_hlc ->> k.key) COLLATE "C"), '{}'),
      last_seq = greatest(r.last_seq, excluded.last_seq),
      updated_at = now()
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inserted) INTO v_inserted;

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

  RETURN jsonb_build_object(
    'acknowledged_through', (SELECT max((e ->> 'device_seq')::bigint) FROM jsonb_array_elements(batch) e),
    'duplicates', v_count - v_inserted
  );
END
$$;

-- ---------------------------------------------------------------------------
-- sync_pull(since, page_size): the caller's practices' changes after a cursor.
--
-- The cursor must never skip a row (ARCHITECTURE §4). A change's seq is drawn
-- before its transaction commits, so ordering by seq alone could serve seq 11
-- while seq 10 is still in flight. Instead only changes whose transaction is
-- older than every transaction still running are served
-- (xid < pg_snapshot_xmin(pg_current_snapshot())), and they are served in
-- (xid, seq) order: once a transaction is below xmin no change can ever appear
-- at or before it, so everything after the cursor is still to come. The
-- cursor is the seq of the last change served (its xid is looked up), 0 to
-- start. Returns
--   { changes: [...], next_cursor: <seq>, has_more: bool }.
CREATE FUNCTION public.sync_pull(since bigint DEFAULT 0, page_size int DEFAULT 500) RETURNS jsonb
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
           'device_seq', n.device_seq, 'actor', n.actor, 'received_at', n.received_at
         ) ORDER BY n.n) FILTER (WHERE n.n <= v_limit), '[]'),
         count(*)
  INTO v_rows, v_count
  FROM numbered n;

  -- The last change served, in (xid, seq) order: not necessarily the largest seq.
  v_last := (v_rows -> -1 ->> 'seq')::bigint;

  RETURN jsonb_build_object('changes', v_rows, 'next_cursor', coalesce(v_last, since), 'has_more', v_count > v_limit);
END
$$;

REVOKE ALL ON FUNCTION public.sync_push(jsonb), public.sync_pull(bigint, int) FROM PUBLIC, anon, service_role;
GRANT EXECUTE ON FUNCTION public.sync_push(jsonb), public.sync_pull(bigint, int) TO authenticated;
