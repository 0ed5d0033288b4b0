-- 0005: a fresh device's first sync in priority order, and the hub's clock
-- as the reference every device is measured against (ARCHITECTURE §4).
--
-- 1. sync_pull_priority(tier, after_seq, page_size, practice): the changes
--    of the rows a desk needs first, read from the current rows
--    (hub.row_state) and served as the very changes in hub.change, so they go
--    through the device's ordinary validation and merge. Tier 1: today's
--    appointments and queue (visits), with the rows they need to be written
--    and shown (patients, accounts, recurrences, charges and payments of
--    today's visits, and the practice's reference rows: the practice, its
--    users and members, service types, rooms, practitioners). Tier 2: every
--    allergy, with its patient and account. "Today" is the hub's date in the
--    practice's time zone, not the device's (whose clock may be wrong).
--    This never replaces the cursor: the device still pulls the whole stream
--    from 0 afterwards; the rows it already holds come again and are counted
--    as duplicates (the device's inbox is idempotent), so nothing can be
--    skipped and the device ends exactly as the ordinary pull leaves it.
-- 2. sync_pull_estimate(since): how many changes are after a cursor, for the
--    progress bar (an estimate: the stream is in commit order, not seq).
-- 3. sync_push and sync_pull keep their contracts and add the hub's time
--    (`hub_time`), so a device can tell how far its own clock is off; a push
--    also returns how far the batch's newest HLC is ahead of the hub's clock
--    (`clock_ahead_ms`) and how many of the changes it stored are stamped
--    more than five minutes ahead (`far_future`). Those are accepted
--    (refusing them would stop a desk syncing over a wrong clock) and recorded
--    per device in hub.device_clock, readable with the service role (support).
--
--    Why five minutes: a healthy device's HLCs are its own NTP-kept clock
--    (off by well under a second), at most 60 s ahead when it followed a
--    faster peer (sync/hlc.ts maxForwardMs), and only ever older than the
--    hub's time through batching and offline queues. Anything more than five
--    minutes ahead is a wrong clock for certain; a day is far too lenient (a
--    clock an hour off — the wrong time zone or daylight saving — is the
--    common case and must be caught). The device warns its user from 2 min.
--
-- sync_push is wrapped, not rewritten: 0003's moves to schema hub (as
-- hub.push_changes, callable by no client role) so the checks and merge it
-- carries stay exactly as they are. sync_pull is 0003's, rebuilt to write
-- its page as json (see below).

CREATE TABLE hub.device_clock (
  practice_id uuid NOT NULL REFERENCES hub.practice (id),
  device_id text NOT NULL,
  -- The newest HLC of the device's last push minus the hub's time then.
  last_ahead_ms bigint NOT NULL,
  max_ahead_ms bigint NOT NULL,
  far_future_changes bigint NOT NULL DEFAULT 0,
  first_flagged_at timestamptz,
  last_flagged_at timestamptz,
  last_push_at timestamptz NOT NULL,
  PRIMARY KEY (practice_id, device_id)
);
ALTER TABLE hub.device_clock ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON hub.device_clock FROM PUBLIC, anon, authenticated;
GRANT SELECT ON hub.device_clock TO service_role;
CREATE POLICY device_clock_read ON hub.device_clock FOR SELECT TO authenticated
  USING (hub.is_member(auth.uid(), practice_id));

-- The priority tiers find their rows by day and by visit.
CREATE INDEX row_state_clinic_day ON hub.row_state (practice_id, table_name, (data ->> 'clinic_day'))
  WHERE table_name IN ('appointment', 'visit');
CREATE INDEX row_state_visit ON hub.row_state (practice_id, table_name, (data ->> 'visit_id'))
  WHERE table_name IN ('charge', 'payment');

ALTER FUNCTION public.sync_push(jsonb) RENAME TO push_changes;
ALTER FUNCTION public.push_changes(jsonb) SET SCHEMA hub;
REVOKE ALL ON FUNCTION hub.push_changes(jsonb) FROM PUBLIC, anon, authenticated, service_role;

-- An HLC's wall time, or NULL if it is not a real instant (sync_push checks
-- only the shape: '2026-13-45…' passes its pattern and must not fail a push).
CREATE FUNCTION hub.hlc_wall(p_hlc text) RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = '' AS $$
BEGIN
  RETURN pg_catalog.left(p_hlc, 24)::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

-- ---------------------------------------------------------------------------
-- sync_push(batch): hub.push_changes (0001/0002: checks, stores, merges; its
-- errors unchanged), then the clock report. Returns push_changes's answer plus
--   { hub_time, clock_ahead_ms, far_future }.
CREATE FUNCTION public.sync_push(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_result jsonb := hub.push_changes(batch);
  v_now timestamptz := pg_catalog.clock_timestamp();
  v_newest timestamptz;
  v_ahead bigint;
  v_far bigint;
  v_flag_from timestamptz := pg_catalog.clock_timestamp() + interval '5 minutes';
BEGIN
  -- push_changes has checked the batch: an array of entries from one device.
  IF jsonb_array_length(batch) = 0 THEN
    RETURN v_result || jsonb_build_object('hub_time', v_now, 'clock_ahead_ms', NULL, 'far_future', 0);
  END IF;
  -- HLCs of one format sort as text, so the newest is the greatest.
  v_newest := hub.hlc_wall((SELECT max((e ->> 'hlc') COLLATE "C") FROM jsonb_array_elements(batch) e));
  v_ahead := CASE WHEN v_newest IS NULL THEN NULL ELSE (extract(epoch FROM v_newest - v_now) * 1000)::bigint END;
  -- Only changes stored by this call (a replay is not flagged twice): this transaction wrote them.
  SELECT count(*) INTO v_far FROM jsonb_array_elements(batch) e
  JOIN hub.change c ON c.device_id = e ->> 'device_id' AND c.device_seq = (e ->> 'device_seq')::bigint
  WHERE c.xid = pg_catalog.pg_current_xact_id()
    AND c.hlc > to_char(v_flag_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') COLLATE "C";

  IF v_ahead IS NOT NULL THEN
    INSERT INTO hub.device_clock AS d (practice_id, device_id, last_ahead_ms, max_ahead_ms, far_future_changes,
                                       first_flagged_at, last_flagged_at, last_push_at)
    SELECT DISTINCT (e ->> 'practice_id')::uuid, e ->> 'device_id', v_ahead, v_ahead, v_far,
           CASE WHEN v_far > 0 THEN v_now END, CASE WHEN v_far > 0 THEN v_now END, v_now
    FROM jsonb_array_elements(batch) e
    ON CONFLICT (practice_id, device_id) DO UPDATE SET
      last_ahead_ms = excluded.last_ahead_ms,
      max_ahead_ms = greatest(d.max_ahead_ms, excluded.max_ahead_ms),
      far_future_changes = d.far_future_changes + excluded.far_future_changes,
      first_flagged_at = coalesce(d.first_flagged_at, excluded.first_flagged_at),
      last_flagged_at = coalesce(excluded.last_flagged_at, d.last_flagged_at),
      last_push_at = excluded.last_push_at;
  END IF;

  RETURN v_result || jsonb_build_object('hub_time', v_now, 'clock_ahead_ms', v_ahead, 'far_future', v_far);
END
$$;

-- sync_pull(since, page_size): 0003's, unchanged in what it serves and in
-- its never-skip cursor (0001), plus { hub_time }; built as json rather than
-- jsonb. Building a page of a thousand changes as jsonb cost the hub ~70 µs a
-- change (every nested changes object re-encoded, the page encoded once more
-- to be sent); as json the changes' text is copied once. The answer is the
-- same JSON (key order aside, which JSON does not fix).
DROP FUNCTION public.sync_pull(bigint, int);
CREATE FUNCTION public.sync_pull(since bigint DEFAULT 0, page_size int DEFAULT 500) RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_uid uuid := auth.uid();
  v_limit int := least(greatest(coalesce(page_size, 500), 1), 1000);
  v_after_xid xid8 := '0'::xid8;
  v_after_seq bigint := 0;
  v_member uuid[];
  v_shared uuid[];
  v_rows json;
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
  SELECT coalesce(json_agg(json_build_object(
           'seq', n.seq, 'practice_id', n.practice_id, 'table_name', n.table_name, 'row_id', n.row_id,
           'op', n.op, 'changes', n.changes, 'hlc', n.hlc, 'device_id', n.device_id,
           'device_seq', n.device_seq, 'actor', n.actor, 'received_at', n.received_at, 'bases', n.bases
         ) ORDER BY n.n) FILTER (WHERE n.n <= v_limit), '[]'::json),
         count(*),
         -- The last change served, in (xid, seq) order: not necessarily the largest seq.
         (array_agg(n.seq ORDER BY n.n DESC) FILTER (WHERE n.n <= v_limit))[1]
  INTO v_rows, v_count, v_last
  FROM numbered n;

  RETURN json_build_object('changes', v_rows, 'next_cursor', coalesce(v_last, since), 'has_more', v_count > v_limit,
                           'hub_time', pg_catalog.clock_timestamp());
END
$$;

-- ---------------------------------------------------------------------------
-- The practices a call may read: the one asked for if the caller is an
-- active member of it (else 42501), or all of the caller's own practices.
CREATE FUNCTION hub.readable_practices(p_uid uuid, p_practice uuid, p_fn text) RETURNS uuid[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_member uuid[];
BEGIN
  IF p_uid IS NULL THEN
    RAISE EXCEPTION '%: not signed in', p_fn USING ERRCODE = '42501';
  END IF;
  IF p_practice IS NOT NULL THEN
    IF NOT hub.is_member(p_uid, p_practice) THEN
      RAISE EXCEPTION '%: you are not a member of practice %', p_fn, p_practice USING ERRCODE = '42501';
    END IF;
    RETURN ARRAY[p_practice];
  END IF;
  SELECT coalesce(array_agg(m.practice_id), '{}') INTO v_member
  FROM hub.practice_member m WHERE m.user_id = p_uid AND m.is_active;
  RETURN v_member;
END
$$;

-- Today in the practice's time zone (its synced practice row), by the hub's clock.
CREATE FUNCTION hub.practice_today(p_practice uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT to_char(pg_catalog.clock_timestamp() AT TIME ZONE coalesce(
           (SELECT z.name FROM pg_catalog.pg_timezone_names z
            WHERE z.name = (SELECT r.data ->> 'time_zone' FROM hub.row_state r
                            WHERE r.practice_id = p_practice AND r.table_name = 'practice' AND r.row_id = p_practice::text)),
           'UTC'), 'YYYY-MM-DD')
$$;

-- The rows of a priority tier in one practice: (table_name, row_id).
CREATE FUNCTION hub.priority_rows(p_practice uuid, p_tier int, p_day text)
RETURNS TABLE (table_name text, row_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  WITH today AS (
    SELECT r.table_name, r.row_id, r.data FROM hub.row_state r
    WHERE p_tier = 1 AND r.practice_id = p_practice AND r.table_name IN ('appointment', 'visit')
      AND (r.data ->> 'clinic_day') = p_day
  ), money AS (
    SELECT r.table_name, r.row_id FROM hub.row_state r
    WHERE r.practice_id = p_practice AND r.table_name IN ('charge', 'payment')
      AND (r.data ->> 'visit_id') IN (SELECT t.row_id FROM today t WHERE t.table_name = 'visit')
  ), reference AS (
    SELECT r.table_name, r.row_id FROM hub.row_state r
    WHERE p_tier = 1 AND r.practice_id = p_practice
      AND r.table_name IN ('practice', 'app_user', 'practice_user', 'service_type', 'room', 'practitioner_profile', 'practitioner_service')
  ), allergies AS (
    SELECT r.table_name, r.row_id, r.data FROM hub.row_state r
    WHERE p_tier = 2 AND r.practice_id = p_practice AND r.table_name = 'allergy'
  ), patients AS (
    SELECT DISTINCT t.data ->> 'patient_id' AS row_id FROM today t WHERE t.data ->> 'patient_id' IS NOT NULL
    UNION
    SELECT a.data ->> 'patient_id' FROM allergies a WHERE a.data ->> 'patient_id' IS NOT NULL
  ), accounts AS (
    SELECT DISTINCT r.data ->> 'account_id' AS row_id FROM hub.row_state r
    WHERE r.practice_id = p_practice AND r.table_name = 'patient' AND r.row_id IN (SELECT p.row_id FROM patients p)
  )
  SELECT t.table_name, t.row_id FROM today t
  UNION ALL SELECT m.table_name, m.row_id FROM money m
  UNION ALL SELECT f.table_name, f.row_id FROM reference f
  UNION ALL SELECT 'allergy', a.row_id FROM allergies a
  UNION ALL SELECT 'patient', p.row_id FROM patients p
  UNION ALL SELECT 'account', a.row_id FROM accounts a WHERE a.row_id IS NOT NULL
  UNION ALL
  SELECT DISTINCT 'recurrence', t.data ->> 'recurrence_id' FROM today t WHERE t.data ->> 'recurrence_id' IS NOT NULL
$$;

-- ---------------------------------------------------------------------------
-- sync_pull_priority(tier, after_seq, page_size, practice): one page of a
-- tier's changes, in seq order after `after_seq` (0 to start; pass back
-- `next_after`). `practice` NULL: all the caller's practices. Returns
--   { changes: [...] (exactly as sync_pull serves them, 0003's bases included), next_after, has_more, total, before, days, hub_time }
-- where total counts the tier's changes and before those at or before
-- after_seq (for the progress bar), and days is the "today" used per practice. Errors: 42501 not signed in or not a member of
-- `practice`; 22023 a tier other than 1 or 2, or a negative after_seq.
CREATE FUNCTION public.sync_pull_priority(tier int, after_seq bigint DEFAULT 0, page_size int DEFAULT 500, practice uuid DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_practices uuid[] := hub.readable_practices(auth.uid(), practice, 'sync_pull_priority');
  v_limit int := least(greatest(coalesce(page_size, 500), 1), 1000);
  v_after bigint := coalesce(after_seq, 0);
  v_rows jsonb;
  v_count int;
  v_total bigint;
  v_before bigint;
  v_days jsonb;
BEGIN
  IF tier IS NULL OR tier NOT IN (1, 2) THEN
    RAISE EXCEPTION 'sync_pull_priority: tier must be 1 (today) or 2 (allergies)' USING ERRCODE = '22023';
  END IF;
  IF v_after < 0 THEN
    RAISE EXCEPTION 'sync_pull_priority: after_seq must be 0 or a next_after it returned' USING ERRCODE = '22023';
  END IF;

  SELECT coalesce(jsonb_object_agg(p.id, hub.practice_today(p.id)), '{}') INTO v_days FROM unnest(v_practices) AS p(id);

  WITH tier_changes AS MATERIALIZED (
    SELECT DISTINCT c.seq
    FROM unnest(v_practices) AS p(id)
    CROSS JOIN LATERAL hub.priority_rows(p.id, tier, v_days ->> p.id::text) r
    JOIN hub.change c ON c.practice_id = p.id AND c.table_name = r.table_name AND c.row_id = r.row_id
  ), page AS (
    SELECT c.* FROM tier_changes s JOIN hub.change c ON c.seq = s.seq
    WHERE s.seq > v_after ORDER BY s.seq LIMIT v_limit + 1
  ), numbered AS (
    SELECT page.*, row_number() OVER (ORDER BY page.seq) AS n FROM page
  )
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'seq', n.seq, 'practice_id', n.practice_id, 'table_name', n.table_name, 'row_id', n.row_id,
           'op', n.op, 'changes', n.changes, 'hlc', n.hlc, 'device_id', n.device_id,
           'device_seq', n.device_seq, 'actor', n.actor, 'received_at', n.received_at, 'bases', n.bases
         ) ORDER BY n.n) FILTER (WHERE n.n <= v_limit), '[]'),
         count(n.n),
         (SELECT count(*) FROM tier_changes),
         (SELECT count(*) FROM tier_changes s WHERE s.seq <= v_after)
  INTO v_rows, v_count, v_total, v_before
  FROM numbered n;

  RETURN jsonb_build_object(
    'changes', v_rows,
    'next_after', coalesce((v_rows -> -1 ->> 'seq')::bigint, v_after),
    'has_more', v_count > v_limit,
    'total', v_total,
    'before', v_before,
    'days', v_days,
    'hub_time', pg_catalog.clock_timestamp()
  );
END
$$;

-- sync_pull_estimate(since): how many of the caller's practices' changes
-- have a seq after `since` (the progress bar's total), and the hub's time.
CREATE FUNCTION public.sync_pull_estimate(since bigint DEFAULT 0) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_practices uuid[] := hub.readable_practices(auth.uid(), NULL, 'sync_pull_estimate');
  v_count bigint;
BEGIN
  IF since IS NULL OR since < 0 THEN
    RAISE EXCEPTION 'sync_pull_estimate: since must be 0 or a cursor returned by sync_pull' USING ERRCODE = '22023';
  END IF;
  SELECT count(*) INTO v_count FROM hub.change c WHERE c.practice_id = ANY (v_practices) AND c.seq > since;
  RETURN jsonb_build_object('changes', v_count, 'hub_time', pg_catalog.clock_timestamp());
END
$$;

REVOKE ALL ON FUNCTION hub.hlc_wall(text), hub.readable_practices(uuid, uuid, text), hub.practice_today(uuid),
  hub.priority_rows(uuid, int, text) FROM PUBLIC, anon, authenticated;
REVOKE ALL ON FUNCTION public.sync_push(jsonb), public.sync_pull(bigint, int),
  public.sync_pull_priority(int, bigint, int, uuid), public.sync_pull_estimate(bigint) FROM PUBLIC, anon, service_role;
GRANT EXECUTE ON FUNCTION public.sync_push(jsonb), public.sync_pull(bigint, int),
  public.sync_pull_priority(int, bigint, int, uuid), public.sync_pull_estimate(bigint) TO authenticated;

-- On Supabase, PostgREST reloads its schema cache on DDL by itself; say so anyway (nobody listens on plain Postgres).
NOTIFY pgrst, 'reload schema';
