-- 0008: lab results, documents, treatment plans (device migration
-- 0013_results_documents_plans), and the hub's document byte store.
--
-- 1. New synced tables, kept generically like every row (hub.row_state):
--    lab_result and document last-writer-wins (the devices refuse changes to
--    what was measured or stored, so only metadata such as removal moves);
--    treatment_plan.status and treatment_plan_step.status merge to the
--    furthest state, as shared/clinical/treatment-plan-status.ts does.
--
-- 2. Document bytes, per practice, content-addressed by sha256, behind three
--    rpc functions (the same /rest/v1/rpc path, JWT and membership check as
--    sync_push, so it works alike on the self-hosted gateway and on a real
--    Supabase project's PostgREST; Supabase Storage would need a second API
--    the gateway does not serve and a bucket policy that mirrors
--    hub.practice_member). Files travel in chunks of at most 4 MiB (a request
--    body is at most 8 MiB on the gateway, and base64 adds a third), and a
--    blob is complete only when every chunk is there and the sha256 of the
--    whole matches its name:
--    * document_blob_missing(practice, hashes): which of these the hub lacks;
--    * document_blob_put(practice, sha256, byte_size, mime_type, chunk_index,
--      chunk_count, data): one chunk (base64); returns { complete };
--    * document_blob_get(practice, sha256, chunk_index): one chunk, or null.
--    RLS on both tables (no policies for authenticated: only the functions,
--    SECURITY DEFINER with hub.is_member, read or write them).

INSERT INTO hub.synced_table (name, merge_class) VALUES
  ('lab_result', 'lww'),
  ('document', 'lww'),
  ('treatment_plan', 'lww'),
  ('treatment_plan_step', 'lww')
ON CONFLICT (name) DO NOTHING;

INSERT INTO hub.status_column (table_name, column_name, machine) VALUES
  ('treatment_plan', 'status', '{
     "proposed":    {"progress": 0, "final": false},
     "accepted":    {"progress": 1, "final": false},
     "in_progress": {"progress": 2, "final": false},
     "completed":   {"progress": 3, "final": true},
     "cancelled":   {"progress": 3, "final": true}
   }'),
  ('treatment_plan_step', 'status', '{
     "pending": {"progress": 0, "final": false},
     "done":    {"progress": 1, "final": true},
     "skipped": {"progress": 1, "final": true}
   }')
ON CONFLICT (table_name, column_name) DO NOTHING;

CREATE TABLE hub.document_blob (
  practice_id uuid NOT NULL REFERENCES hub.practice (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size bigint NOT NULL CHECK (byte_size > 0),
  mime_type text NOT NULL,
  chunk_count int NOT NULL CHECK (chunk_count BETWEEN 1 AND 64),
  complete boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (practice_id, sha256)
);
CREATE TABLE hub.document_blob_chunk (
  practice_id uuid NOT NULL,
  sha256 text NOT NULL,
  chunk_index int NOT NULL CHECK (chunk_index >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (practice_id, sha256, chunk_index),
  FOREIGN KEY (practice_id, sha256) REFERENCES hub.document_blob (practice_id, sha256)
);
ALTER TABLE hub.document_blob ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub.document_blob_chunk ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON hub.document_blob, hub.document_blob_chunk FROM PUBLIC, anon, authenticated;

CREATE FUNCTION hub.require_member(p_practice uuid, p_what text) RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_uid uuid := auth.uid();
BEGIN
  IF v_uid IS NULL THEN
    RAISE EXCEPTION '%: not signed in', p_what USING ERRCODE = '42501';
  END IF;
  IF p_practice IS NULL OR NOT hub.is_member(v_uid, p_practice) THEN
    RAISE EXCEPTION '%: you are not a member of practice %', p_what, p_practice USING ERRCODE = '42501';
  END IF;
  RETURN v_uid;
END $$;

CREATE FUNCTION public.document_blob_missing(practice uuid, hashes jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  PERFORM hub.require_member(practice, 'document_blob_missing');
  IF hashes IS NULL OR jsonb_typeof(hashes) <> 'array' OR jsonb_array_length(hashes) > 1000 THEN
    RAISE EXCEPTION 'document_blob_missing: hashes must be a JSON array of at most 1000 sha256 texts' USING ERRCODE = '22023';
  END IF;
  RETURN coalesce((
    SELECT jsonb_agg(h.value ORDER BY h.ord)
    FROM jsonb_array_elements_text(hashes) WITH ORDINALITY AS h (value, ord)
    WHERE NOT EXISTS (
      SELECT 1 FROM hub.document_blob b
      WHERE b.practice_id = practice AND b.sha256 = h.value AND b.complete)
  ), '[]'::jsonb);
END $$;

CREATE FUNCTION public.document_blob_put(
  practice uuid, sha256 text, byte_size bigint, mime_type text, chunk_index int, chunk_count int, data text
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_uid uuid := hub.require_member(practice, 'document_blob_put');
  v_bytes bytea;
  v_blob hub.document_blob;
  v_have int;
  v_whole bytea;
  v_expected bigint;
BEGIN
  IF sha256 IS NULL OR sha256 !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'document_blob_put: sha256 must be 64 lowercase hex digits' USING ERRCODE = '22023';
  END IF;
  IF byte_size IS NULL OR byte_size < 1 OR byte_size > 64 * 4194304 OR chunk_count IS NULL OR chunk_count < 1
     OR chunk_count <> ((byte_size + 4194303) / 4194304) OR chunk_index IS NULL OR chunk_index < 0 OR chunk_index >= chunk_count THEN
    RAISE EXCEPTION 'document_blob_put: byte_size %, chunk % of % do not fit 4 MiB chunks', byte_size, chunk_index, chunk_count
      USING ERRCODE = '22023';
  END IF;
  BEGIN
    v_bytes := decode(data, 'base64');
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION 'document_blob_put: data is not base64' USING ERRCODE = '22023';
  END;
  -- Every chunk is 4 MiB but the last, which holds the rest.
  v_expected := least(4194304::bigint, byte_size - chunk_index::bigint * 4194304);
  IF v_bytes IS NULL OR length(v_bytes) <> v_expected THEN
    RAISE EXCEPTION 'document_blob_put: chunk % has the wrong length', chunk_index USING ERRCODE = '22023';
  END IF;

  INSERT INTO hub.document_blob (practice_id, sha256, byte_size, mime_type, chunk_count, created_by)
  VALUES (practice, document_blob_put.sha256, document_blob_put.byte_size, document_blob_put.mime_type, document_blob_put.chunk_count, v_uid)
  ON CONFLICT ON CONSTRAINT document_blob_pkey DO NOTHING;
  SELECT * INTO v_blob FROM hub.document_blob b WHERE b.practice_id = practice AND b.sha256 = document_blob_put.sha256 FOR UPDATE;
  IF v_blob.complete THEN
    RETURN jsonb_build_object('complete', true);
  END IF;
  IF v_blob.byte_size <> document_blob_put.byte_size THEN
    RAISE EXCEPTION 'document_blob_put: % was started with another size', document_blob_put.sha256 USING ERRCODE = '22023';
  END IF;
  INSERT INTO hub.document_blob_chunk (practice_id, sha256, chunk_index, data)
  VALUES (practice, document_blob_put.sha256, document_blob_put.chunk_index, v_bytes)
  ON CONFLICT ON CONSTRAINT document_blob_chunk_pkey DO UPDATE SET data = EXCLUDED.data;

  SELECT count(*) INTO v_have FROM hub.document_blob_chunk c
  WHERE c.practice_id = practice AND c.sha256 = document_blob_put.sha256;
  IF v_have < v_blob.chunk_count THEN
    RETURN jsonb_build_object('complete', false);
  END IF;
  SELECT string_agg(c.data, ''::bytea ORDER BY c.chunk_index) INTO v_whole FROM hub.document_blob_chunk c
  WHERE c.practice_id = practice AND c.sha256 = document_blob_put.sha256;
  IF encode(pg_catalog.sha256(v_whole), 'hex') <> document_blob_put.sha256 THEN
    DELETE FROM hub.document_blob_chunk c WHERE c.practice_id = practice AND c.sha256 = document_blob_put.sha256;
    DELETE FROM hub.document_blob b WHERE b.practice_id = practice AND b.sha256 = document_blob_put.sha256;
    RAISE EXCEPTION 'document_blob_put: the bytes do not match sha256 %; nothing was kept', document_blob_put.sha256
      USING ERRCODE = '22023';
  END IF;
  UPDATE hub.document_blob b SET complete = true WHERE b.practice_id = practice AND b.sha256 = document_blob_put.sha256;
  RETURN jsonb_build_object('complete', true);
END $$;

CREATE FUNCTION public.document_blob_get(practice uuid, sha256 text, chunk_index int) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  PERFORM hub.require_member(practice, 'document_blob_get');
  RETURN (
    SELECT jsonb_build_object('byte_size', b.byte_size, 'mime_type', b.mime_type, 'chunk_count', b.chunk_count,
                              'data', translate(encode(c.data, 'base64'), E'\n', ''))
    FROM hub.document_blob b
    JOIN hub.document_blob_chunk c ON c.practice_id = b.practice_id AND c.sha256 = b.sha256 AND c.chunk_index = document_blob_get.chunk_index
    WHERE b.practice_id = practice AND b.sha256 = document_blob_get.sha256 AND b.complete);
END $$;

REVOKE ALL ON FUNCTION hub.require_member(uuid, text) FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON FUNCTION public.document_blob_missing(uuid, jsonb), public.document_blob_put(uuid, text, bigint, text, int, int, text),
  public.document_blob_get(uuid, text, int) FROM PUBLIC, anon, service_role;
GRANT EXECUTE ON FUNCTION public.document_blob_missing(uuid, jsonb), public.document_blob_put(uuid, text, bigint, text, int, int, text),
  public.document_blob_get(uuid, text, int) TO authenticated;
