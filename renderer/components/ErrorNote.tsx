import { Alert, List } from '@mantine/core';

/** An error in plain words, with any extra lines (e.g. errors for fields not on screen). */
export function ErrorNote({ message, extra, title }: { message: string | null; extra?: string[]; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error-note">
      {message}
      {extra && extra.length > 0 ? (
        <List size="sm" mt={4}>
          {extra.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
