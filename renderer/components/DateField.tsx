import { DateInput, type DateInputProps } from '@mantine/dates';
import { parseIsoDate } from '../forms';

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  value: string | null | undefined;
  onChange: (value: string) => void;
};

/** A calendar date typed or picked as YYYY-MM-DD; the value is that string ('' when empty). */
export function DateField({ value, onChange, ...rest }: Props) {
  return (
    <DateInput
      {...rest}
      value={value ? value : null}
      onChange={(next) => onChange(next ?? '')}
      valueFormat="YYYY-MM-DD"
      dateParser={parseIsoDate}
      placeholder="YYYY-MM-DD"
      clearable
      allowDeselect
      popoverProps={{ withinPortal: true }}
    />
  );
}
