-- 0012: what the signed-in hub account may push (0010 checks it per entry).
--
-- A device syncs with one hub account whatever local user is at it, and
-- 0010 refuses entries that account's role may not write. So a desk
-- connected with, say, a manager's account would see its clinicians'
-- consultations set aside. sync_membership() lets the device say so when it
-- connects, not after the fact: the caller's active memberships with their
-- role and that role's permissions.
CREATE FUNCTION public.sync_membership() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'practice_id', m.practice_id,
           'role', m.role,
           'permissions', (SELECT coalesce(jsonb_agg(rp.permission ORDER BY rp.permission), '[]')
                           FROM hub.role_permission rp WHERE rp.role = m.role))
         ORDER BY m.practice_id), '[]')
  FROM hub.practice_member m
  WHERE m.user_id = auth.uid() AND m.is_active
$$;

REVOKE ALL ON FUNCTION public.sync_membership() FROM PUBLIC, anon, service_role;
GRANT EXECUTE ON FUNCTION public.sync_membership() TO authenticated;
