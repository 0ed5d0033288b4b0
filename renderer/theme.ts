import { createTheme } from '@mantine/core';

/**
 * Inputs keep the native `required` attribute but draw the asterisk in CSS
 * (styles.css), so a label's text is exactly its words ("Phone", not "Phone *")
 * for screen readers and `getByLabel(…, { exact: true })` alike.
 */
const noAsterisk = { defaultProps: { withAsterisk: false } };

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '600' },
  components: {
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.4 } } },
    TextInput: { defaultProps: { autoComplete: 'off', withAsterisk: false } },
    PasswordInput: noAsterisk,
    NumberInput: noAsterisk,
    NativeSelect: noAsterisk,
    Select: noAsterisk,
    Textarea: noAsterisk,
    DateInput: noAsterisk,
  },
});
