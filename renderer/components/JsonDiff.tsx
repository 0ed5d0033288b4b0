/** Before/after of an audited change: a field table when both are objects, raw JSON otherwise. */
import { Table, Text } from '@mantine/core';
import { t } from '../../shared/i18n';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 2);
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noDetail')}
      </Text>
    );
  }
  const b = isRecord(before) ? before : before == null ? {} : null;
  const a = isRecord(after) ? after : after == null ? {} : null;
  if (!b || !a) {
    return (
      <Table withColumnBorders data-testid="audit-diff">
        <Table.Tbody>
          <Table.Tr>
            <Table.Td className="pd-diff-removed" w="50%">
              <pre className="pd-json">{show(before)}</pre>
            </Table.Td>
            <Table.Td className="pd-diff-added">
              <pre className="pd-json">{show(after)}</pre>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    );
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changed = (k: string) => JSON.stringify(b[k]) !== JSON.stringify(a[k]);
  const ordered = [...keys.filter(changed), ...keys.filter((k) => !changed(k))];
  return (
    <Table withColumnBorders verticalSpacing={4} fz="xs" data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="20%">{t('audit.field')}</Table.Th>
          <Table.Th w="40%">{t('audit.before')}</Table.Th>
          <Table.Th w="40%">{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ordered.map((k) => {
          const diff = changed(k);
          return (
            <Table.Tr key={k} style={{ opacity: diff ? 1 : 0.6 }}>
              <Table.Td fw={diff ? 600 : 400}>{k}</Table.Td>
              <Table.Td className={diff && k in b ? 'pd-diff-removed' : undefined}>
                <pre className="pd-json">{show(b[k])}</pre>
              </Table.Td>
              <Table.Td className={diff && k in a ? 'pd-diff-added' : undefined}>
                <pre className="pd-json">{show(a[k])}</pre>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
