-- 0010: the hub enforces roles per table on push (ARCHITECTURE §7: "enforced
-- in the main process for every API call and on the hub"). Until now
-- sync_push checked only that the caller is an active member of each
-- entry's practice, so a receptionist's login (a desk, or a script) could
-- push consultations, prescriptions and vaccinations.
--
-- * hub.role_permission: shared/domain/roles.ts (permissionsOf) as rows.
-- * hub.table_write_rule: shared/domain/table-write-permissions.ts as rows.
--   An entry may be stored when the caller's role in its practice holds the
--   permission of one of its table's rules ('any_member': every role); a rule
--   with only_columns covers an update that changes those columns and no
--   other (a patient merge re-points a consultation's patient_id but may not
--   touch its text). A test compares both tables with shared/ row for row.
-- * public.sync_push checks every entry before anything is stored, in one
--   set-based query per call (the caller's roles are read once, for the
--   practices the batch names), then calls 0005's sync_push, which moves to
--   schema hub as hub.push_with_clock, callable by no client role (as 0005
--   did with hub.push_changes). The first refused entry fails the whole call
--   with 42501 and 'sync_push: entry N writes T, which the R role may not
--   change; nothing was applied'; the device's loop bisects the batch down to
--   that entry, quarantines it with this reason and pushes the rest
--   (sync/engine/loop.ts, transport.ts).
--
-- Entries that are malformed, name an unknown table or a practice the caller
-- is not a member of are left to push_changes, whose messages for those stay
-- as they are. A synced table with no rule is refused to everyone: a
-- migration adding a synced table adds its rules too (practice_diagnosis_code,
-- hub 0009, has its rule here already; a rule needs no synced table).

CREATE TABLE hub.role_permission (
  role text NOT NULL CHECK (role IN ('admin', 'doctor', 'nurse', 'receptionist', 'billing', 'manager')),
  permission text NOT NULL,
  PRIMARY KEY (role, permission)
);

CREATE TABLE hub.table_write_rule (
  table_name text NOT NULL,
  permission text NOT NULL,
  only_columns text[] CHECK (only_columns IS NULL OR cardinality(only_columns) > 0),
  CHECK (permission = 'any_member' OR permission ~ '^[a-z]+\.[a-z]+$')
);
CREATE UNIQUE INDEX table_write_rule_unique ON hub.table_write_rule (table_name, permission, coalesce(only_columns, '{}'));

ALTER TABLE hub.role_permission ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub.table_write_rule ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON hub.role_permission, hub.table_write_rule FROM PUBLIC, anon, authenticated;
GRANT SELECT ON hub.role_permission, hub.table_write_rule TO service_role;

-- Generated from shared/ (tests/hub/table-write-rules.test.ts keeps them equal).
INSERT INTO hub.role_permission (role, permission) VALUES
  ('admin', 'practice.manage'), ('admin', 'staff.manage'), ('admin', 'patients.read'), ('admin', 'patients.write'), ('admin', 'clinical.read'), ('admin', 'clinical.write'), ('admin', 'clinical.catalogue'), ('admin', 'audit.read'), ('admin', 'reception.setup'), ('admin', 'appointments.write'), ('admin', 'queue.move'), ('admin', 'payments.take'), ('admin', 'payments.refund'), ('admin', 'sync.manage'), ('admin', 'patients.merge'), ('admin', 'conflicts.read'), ('admin', 'conflicts.status'),
  ('doctor', 'patients.read'), ('doctor', 'patients.write'), ('doctor', 'clinical.read'), ('doctor', 'clinical.write'), ('doctor', 'clinical.catalogue'), ('doctor', 'appointments.write'), ('doctor', 'queue.move'), ('doctor', 'conflicts.read'),
  ('nurse', 'patients.read'), ('nurse', 'patients.write'), ('nurse', 'clinical.read'), ('nurse', 'clinical.write'), ('nurse', 'appointments.write'), ('nurse', 'queue.move'), ('nurse', 'conflicts.read'),
  ('receptionist', 'patients.read'), ('receptionist', 'patients.write'), ('receptionist', 'appointments.write'), ('receptionist', 'queue.move'), ('receptionist', 'payments.take'),
  ('billing', 'patients.read'), ('billing', 'payments.take'), ('billing', 'payments.refund'),
  ('manager', 'patients.read'), ('manager', 'patients.write'), ('manager', 'audit.read'), ('manager', 'staff.manage'), ('manager', 'reception.setup'), ('manager', 'appointments.write'), ('manager', 'queue.move'), ('manager', 'payments.take'), ('manager', 'payments.refund'), ('manager', 'sync.manage'), ('manager', 'conflicts.read'), ('manager', 'conflicts.status'), ('manager', 'patients.merge');
INSERT INTO hub.table_write_rule (table_name, permission, only_columns) VALUES
  ('account', 'patients.write', NULL),
  ('allergy', 'any_member', '{patient_id,updated_at}'),
  ('allergy', 'clinical.write', '{notes,updated_at}'),
  ('allergy', 'patients.merge', '{patient_id,updated_at}'),
  ('allergy', 'patients.write', NULL),
  ('app_user', 'any_member', '{last_sign_in_at,updated_at}'),
  ('app_user', 'staff.manage', NULL),
  ('appointment', 'any_member', '{booking_ref,updated_at}'),
  ('appointment', 'any_member', '{patient_id,updated_at}'),
  ('appointment', 'appointments.write', NULL),
  ('appointment', 'conflicts.status', '{status,updated_at}'),
  ('appointment', 'patients.merge', '{patient_id,updated_at}'),
  ('appointment', 'payments.take', '{status,status_changed_at,updated_at}'),
  ('appointment', 'queue.move', '{status,status_changed_at,updated_at}'),
  ('audit_log', 'any_member', NULL),
  ('charge', 'any_member', '{patient_id,updated_at}'),
  ('charge', 'appointments.write', NULL),
  ('charge', 'patients.merge', '{patient_id,updated_at}'),
  ('consultation_addendum', 'clinical.write', NULL),
  ('consultation_diagnosis', 'any_member', '{patient_id,updated_at}'),
  ('consultation_diagnosis', 'clinical.write', NULL),
  ('consultation_diagnosis', 'patients.merge', '{patient_id,updated_at}'),
  ('consultation_procedure', 'any_member', '{patient_id,updated_at}'),
  ('consultation_procedure', 'clinical.write', NULL),
  ('consultation_procedure', 'patients.merge', '{patient_id,updated_at}'),
  ('consultation', 'any_member', '{patient_id,updated_at}'),
  ('consultation', 'clinical.write', NULL),
  ('consultation', 'patients.merge', '{patient_id,updated_at}'),
  ('document', 'any_member', '{patient_id,updated_at}'),
  ('document', 'clinical.write', NULL),
  ('document', 'patients.merge', '{patient_id,updated_at}'),
  ('duplicate_dismissal', 'patients.merge', NULL),
  ('emergency_contact', 'any_member', '{patient_id,updated_at}'),
  ('emergency_contact', 'patients.merge', '{patient_id,updated_at}'),
  ('emergency_contact', 'patients.write', NULL),
  ('family_history', 'any_member', '{patient_id,updated_at}'),
  ('family_history', 'clinical.write', NULL),
  ('family_history', 'patients.merge', '{patient_id,updated_at}'),
  ('lab_result', 'any_member', '{patient_id,updated_at}'),
  ('lab_result', 'clinical.write', NULL),
  ('lab_result', 'patients.merge', '{patient_id,updated_at}'),
  ('medical_aid', 'any_member', '{patient_id,updated_at}'),
  ('medical_aid', 'patients.merge', '{patient_id,updated_at}'),
  ('medical_aid', 'patients.write', NULL),
  ('medical_history', 'any_member', '{patient_id,updated_at}'),
  ('medical_history', 'clinical.write', NULL),
  ('medical_history', 'patients.merge', '{patient_id,updated_at}'),
  ('medication', 'clinical.catalogue', NULL),
  ('medication', 'clinical.read', NULL),
  ('patient', 'any_member', '{merged_into_id,updated_at}'),
  ('patient', 'clinical.write', '{behavioural_notes,notes,updated_at}'),
  ('patient', 'patients.merge', NULL),
  ('patient', 'patients.write', NULL),
  ('payment', 'payments.refund', NULL),
  ('payment', 'payments.take', NULL),
  ('practice_diagnosis_code', 'clinical.catalogue', NULL),
  ('practice_user', 'staff.manage', NULL),
  ('practice', 'practice.manage', NULL),
  ('practice', 'reception.setup', '{waiting_alert_minutes,updated_at}'),
  ('practitioner_profile', 'reception.setup', NULL),
  ('practitioner_service', 'reception.setup', NULL),
  ('prescription_item', 'clinical.write', NULL),
  ('prescription', 'any_member', '{patient_id,updated_at}'),
  ('prescription', 'clinical.write', NULL),
  ('prescription', 'patients.merge', '{patient_id,updated_at}'),
  ('protocol', 'clinical.write', NULL),
  ('recurrence', 'appointments.write', NULL),
  ('room', 'reception.setup', NULL),
  ('service_type', 'reception.setup', NULL),
  ('treatment_plan_step', 'clinical.write', NULL),
  ('treatment_plan_step', 'conflicts.status', '{status,updated_at}'),
  ('treatment_plan', 'any_member', '{patient_id,updated_at}'),
  ('treatment_plan', 'clinical.write', NULL),
  ('treatment_plan', 'conflicts.status', '{status,updated_at}'),
  ('treatment_plan', 'patients.merge', '{patient_id,updated_at}'),
  ('vaccination', 'any_member', '{patient_id,updated_at}'),
  ('vaccination', 'clinical.write', NULL),
  ('vaccination', 'patients.merge', '{patient_id,updated_at}'),
  ('visit', 'any_member', '{patient_id,updated_at}'),
  ('visit', 'any_member', '{queue_number,updated_at}'),
  ('visit', 'appointments.write', NULL),
  ('visit', 'clinical.write', '{status,status_changed_at,called_at,started_at,updated_at}'),
  ('visit', 'conflicts.status', '{status,updated_at}'),
  ('visit', 'patients.merge', '{patient_id,updated_at}'),
  ('visit', 'payments.take', '{status,status_changed_at,updated_at}'),
  ('visit', 'queue.move', NULL),
  ('vital_signs', 'any_member', '{patient_id,updated_at}'),
  ('vital_signs', 'clinical.write', NULL),
  ('vital_signs', 'patients.merge', '{patient_id,updated_at}');

ALTER FUNCTION public.sync_push(jsonb) RENAME TO push_with_clock;
ALTER FUNCTION public.push_with_clock(jsonb) SET SCHEMA hub;
REVOKE ALL ON FUNCTION hub.push_with_clock(jsonb) FROM PUBLIC, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- sync_push(batch): the role check, then hub.push_with_clock (0005: 0003's
-- checks, store and merge, plus the clock report); its answer and its other
-- errors unchanged.
CREATE FUNCTION public.sync_push(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_uid uuid := auth.uid();
  v_refused record;
BEGIN
  -- Not signed in, not an array, too long: push_with_clock says so.
  IF v_uid IS NOT NULL AND jsonb_typeof(batch) = 'array' AND jsonb_array_length(batch) BETWEEN 1 AND 1000 THEN
    WITH entries AS (
      SELECT t.i::int AS i, (t.e ->> 'practice_id')::uuid AS practice_id, t.e ->> 'table_name' AS table_name,
             t.e ->> 'op' AS op, t.e -> 'changes' AS changes
      FROM jsonb_array_elements(batch) WITH ORDINALITY AS t(e, i)
      WHERE jsonb_typeof(t.e) = 'object'
        AND jsonb_typeof(t.e -> 'practice_id') = 'string'
        AND (t.e ->> 'practice_id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        AND jsonb_typeof(t.e -> 'table_name') = 'string'
        AND jsonb_typeof(t.e -> 'changes') = 'object'
    ), roles AS (
      -- Once per call: the caller's role in each practice the batch names (none: push_changes refuses it).
      SELECT m.practice_id, m.role FROM hub.practice_member m
      WHERE m.user_id = v_uid AND m.is_active AND m.practice_id IN (SELECT DISTINCT e.practice_id FROM entries e)
    ), allowed AS MATERIALIZED (
      -- What each of those roles may write: a few dozen rows, built once (not per entry).
      SELECT r.practice_id, w.table_name, w.only_columns
      FROM roles r JOIN hub.table_write_rule w
        ON w.permission = 'any_member'
        OR EXISTS (SELECT 1 FROM hub.role_permission p WHERE p.role = r.role AND p.permission = w.permission)
    )
    SELECT e.i, e.table_name, r.role INTO v_refused
    FROM entries e
    JOIN roles r ON r.practice_id = e.practice_id
    JOIN hub.synced_table s ON s.name = e.table_name
    WHERE NOT EXISTS (
      SELECT 1 FROM allowed a
      WHERE a.practice_id = e.practice_id AND a.table_name = e.table_name
        AND (a.only_columns IS NULL
             OR (e.op = 'update'
                 AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys(e.changes) k WHERE k <> ALL (a.only_columns))))
    )
    ORDER BY e.i
    LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'sync_push: entry % writes %, which the % role may not change; nothing was applied',
        v_refused.i, v_refused.table_name, v_refused.role
        USING ERRCODE = '42501',
              HINT = 'The hub account this device syncs with needs a role that may make this change (shared/domain/table-write-permissions.ts).';
    END IF;
  END IF;
  RETURN hub.push_with_clock(batch);
END
$$;

REVOKE ALL ON FUNCTION public.sync_push(jsonb) FROM PUBLIC, anon, service_role;
GRANT EXECUTE ON FUNCTION public.sync_push(jsonb) TO authenticated;

NOTIFY pgrst, 'reload schema';
