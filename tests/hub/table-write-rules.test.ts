/**
 * The hub's copy of who may write what (hub 0010) is exactly shared/'s:
 * roles → permissions, and the write rules per table; and no synced table,
 * on the device or on the hub, is left without a rule (which would refuse
 * every push to it).
 */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, permissionsOf } from '../../shared/domain/roles';
import { ANY_MEMBER, TABLE_WRITE_RULES, tableWriteRuleRows } from '../../shared/domain/table-write-permissions';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import { useHub } from '../helpers/hub';

const hub = useHub();

describe('the hub’s write rules', () => {
  it('grant each role exactly the permissions shared/domain/roles.ts gives it', async () => {
    const { rows } = await hub().admin.query<{ role: string; permission: string }>('SELECT role, permission FROM hub.role_permission');
    const onHub = rows.map((r) => `${r.role} ${r.permission}`).sort();
    const shared = ROLES.flatMap((role) => permissionsOf(role).map((p) => `${role} ${p}`)).sort();
    expect(onHub).toEqual(shared);
  });

  it('are the rules of shared/domain/table-write-permissions.ts, row for row', async () => {
    const { rows } = await hub().admin.query<{ table_name: string; permission: string; only_columns: string[] | null }>(
      'SELECT table_name, permission, only_columns FROM hub.table_write_rule',
    );
    const onHub = rows.map((r) => ({ table: r.table_name, permission: r.permission, onlyColumns: r.only_columns as readonly string[] | null }));
    const order = (list: readonly { table: string; permission: string; onlyColumns: readonly string[] | null }[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(order(onHub)).toEqual(order(tableWriteRuleRows()));
  });

  it('cover every synced table of the hub and of the device, and name only real permissions', async () => {
    const { rows } = await hub().admin.query<{ name: string }>(
      'SELECT s.name FROM hub.synced_table s WHERE NOT EXISTS (SELECT 1 FROM hub.table_write_rule w WHERE w.table_name = s.name)',
    );
    expect(rows.map((r) => r.name)).toEqual([]);
    const uncovered = SYNCED_TABLE_NAMES.filter((t) => !(TABLE_WRITE_RULES[t]?.length));
    expect(uncovered).toEqual([]);
    // And no rule for a table that does not sync (a typo would leave the real table uncovered).
    const { rows: synced } = await hub().admin.query<{ name: string }>('SELECT name FROM hub.synced_table');
    const known = new Set([...SYNCED_TABLE_NAMES, ...synced.map((r) => r.name), 'practice_diagnosis_code']);
    expect(Object.keys(TABLE_WRITE_RULES).filter((t) => !known.has(t))).toEqual([]);
    for (const rule of tableWriteRuleRows()) {
      expect([...PERMISSIONS, ANY_MEMBER]).toContain(rule.permission);
      if (rule.onlyColumns) expect(rule.onlyColumns).toContain('updated_at');
    }
  });
});
