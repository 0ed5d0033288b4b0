/**
 * `npm run hub`: a self-hosted hub on this machine (embedded Postgres in
 * ./data/hub, persistent, plus the Supabase-compatible gateway).
 *   --dir DIR        where the hub keeps its data (default data/hub)
 *   --port N         gateway port (default 54321, Supabase's local port; 0 = free)
 *   --pg-port N      Postgres port (default: a free one)
 *   --cors ORIGINS   comma-separated origins allowed by CORS (default: the
 *                    renderer in `vite dev` and `npm run web`)
 *   --add-user EMAIL PASSWORD PRACTICE_ID ROLE [PRACTICE_NAME]
 *                    create/update a user and make them a member of the
 *                    practice (created if new), then keep serving;
 *                    PASSWORD `-` reads it from stdin (keeps it out of `ps`)
 * Ctrl+C stops it cleanly.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { MEMBER_ROLES, startHub } from './hub';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: 'data/hub' },
    port: { type: 'string', default: '54321' },
    'pg-port': { type: 'string' },
    cors: { type: 'string' },
    'add-user': { type: 'boolean', default: false },
  },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (values['add-user'] && positionals[1] === '-') {
  const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write('Password: ');
  positionals[1] = (await input[Symbol.asyncIterator]().next()).value?.trim() ?? '';
  input.close();
}
if (values['add-user']) {
  const [email, password, practiceId, role] = positionals;
  const problems = [
    !email || !password || !practiceId || !role ? 'usage: npm run hub -- --add-user EMAIL PASSWORD PRACTICE_ID ROLE [PRACTICE_NAME]' : '',
    practiceId && !UUID.test(practiceId) ? `PRACTICE_ID must be a UUID (for a new practice, e.g. ${randomUUID()})` : '',
    role && !(MEMBER_ROLES as readonly string[]).includes(role) ? `ROLE must be one of ${MEMBER_ROLES.join(', ')}` : '',
    password && password.length < 8 ? 'PASSWORD must have at least 8 characters' : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(2);
  }
}

const started = Date.now();
const hub = await startHub({
  dir: values.dir,
  gatewayPort: Number(values.port),
  pgPort: values['pg-port'] ? Number(values['pg-port']) : undefined,
  corsOrigins: values.cors ? values.cors.split(',').map((origin) => origin.trim()).filter(Boolean) : undefined,
});

if (values['add-user']) {
  const [email, password, practiceId, role, practiceName] = positionals as [string, string, string, string, string?];
  const userId = await hub.addUser(email, password);
  await hub.createPractice(practiceId, practiceName ?? `Practice ${practiceId.slice(0, 8)}`);
  await hub.addMember(practiceId, userId, role);
  console.log(`User ${email} (${userId}) is ${role} of practice ${practiceId}.`);
}

console.log(`Practice Desk hub is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s).
  URL:         ${hub.url}
  anon key:    ${hub.anonKey}
  JWT secret:  ${hub.jwtSecretFile}
  data:        ${values.dir}
  migrations:  ${hub.applied.length > 0 ? `applied ${hub.applied.join(', ')}` : 'up to date'}
Add a user:    npm run hub -- --add-user EMAIL PASSWORD PRACTICE_ID ROLE [PRACTICE_NAME]
Press Ctrl+C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await hub.stop();
  console.log('Hub stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
