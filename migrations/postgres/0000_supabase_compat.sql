-- 0000: what a Supabase project already has, for plain Postgres (embedded
-- Postgres in `npm run hub` and the tests). Every statement is guarded, so on
-- a Supabase project this whole file changes nothing.
--
--  * roles anon, authenticated, service_role (NOLOGIN; the gateway switches to
--    them with SET LOCAL ROLE, as PostgREST does);
--  * schema auth with auth.uid(), auth.role(), auth.jwt() reading
--    request.jwt.claims exactly as Supabase defines them;
--  * role authenticator, the gateway's login role (as PostgREST's);
--  * auth.users / auth.sessions / auth.refresh_tokens, minimal versions of the
--    GoTrue tables that the hub gateway's password sign-in uses;
--  * Supabase's default privileges on schema public (everything created there
--    is granted to anon/authenticated/service_role unless revoked), so the hub
--    migrations are tested against the same defaults they meet on Supabase.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anon') THEN
    CREATE ROLE anon NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'service_role') THEN
    CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
    -- Only where this file created the roles (plain Postgres): mirror
    -- Supabase's generous defaults on public, which the hub must revoke.
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
    GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
  END IF;
END
$$;

-- PostgREST connects as `authenticator` (LOGIN, NOINHERIT) and switches to
-- the request's role; the hub gateway does the same. Its password is set by
-- whoever starts the gateway (sync/hub/postgres.ts), never here.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticator') THEN
    CREATE ROLE authenticator LOGIN NOINHERIT;
    GRANT anon, authenticated TO authenticator;
  END IF;
END
$$;

-- Schema auth and the GoTrue tables: on Supabase they exist (owned by
-- supabase_auth_admin, with many more columns), and this block is skipped.
DO $$
BEGIN
  IF pg_catalog.to_regnamespace('auth') IS NULL THEN
    CREATE SCHEMA auth;
    GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;

    CREATE TABLE auth.users (
      id uuid PRIMARY KEY,
      email text NOT NULL UNIQUE,
      -- The gateway's scrypt verifier: scrypt$N$r$p$<salt b64url>$<hash b64url>.
      encrypted_password text NOT NULL,
      raw_app_meta_data jsonb NOT NULL DEFAULT '{"provider": "email", "providers": ["email"]}',
      raw_user_meta_data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz
    );
    CREATE TABLE auth.sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE auth.refresh_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      token text NOT NULL UNIQUE, -- sha256 of the token, never the token itself
      user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES auth.sessions (id) ON DELETE CASCADE,
      revoked boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- Nothing is granted on them; RLS on as well, as everywhere.
    ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
    ALTER TABLE auth.sessions ENABLE ROW LEVEL SECURITY;
    ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY;
  END IF;
END
$$;

-- Supabase's definitions of auth.uid(), auth.role(), auth.jwt().
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'auth' AND p.proname = 'uid'
  ) THEN
    CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $fn$;
    GRANT EXECUTE ON FUNCTION auth.uid() TO anon, authenticated, service_role;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'auth' AND p.proname = 'role'
  ) THEN
    CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $fn$;
    GRANT EXECUTE ON FUNCTION auth.role() TO anon, authenticated, service_role;
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'auth' AND p.proname = 'jwt'
  ) THEN
    CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $fn$;
    GRANT EXECUTE ON FUNCTION auth.jwt() TO anon, authenticated, service_role;
  END IF;
END
$$;

