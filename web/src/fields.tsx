/** Labelled form fields built from the NL Design System components, one way for the whole app. */
import { FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** [value, text] pairs; text defaults to the value. */
  options: readonly (readonly [string, string?])[];
  className?: string;
}

export function SelectField({ id, label, value, onChange, options, className }: SelectFieldProps) {
  return (
    <FormField className={className}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <SelectOption key={v} value={v}>
            {text ?? v}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

/** Options from items with an id and a name. */
export const named = (items: readonly { id: string; name: string }[]): [string, string][] => items.map((i) => [i.id, i.name]);
/** Options whose text is their value. */
export const plain = (values: readonly string[]): [string][] => values.map((v) => [v]);
