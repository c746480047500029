import { Fieldset, type FieldsetProps } from './Fieldset';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import type { HintProps } from './Hint';
import { cx, content, type Attributes } from './shared';

export interface DateInputItem {
  id?: string;
  name: string;
  label?: string;
  value?: string;
  /** Marks only this part as wrong; otherwise an error marks every part. */
  error?: boolean;
  autocomplete?: string;
  pattern?: string;
  classes?: string;
  attributes?: Attributes;
}

export interface DateInputProps {
  /** The field's id; each part's id is `<id>-<name>`. */
  id: string;
  namePrefix?: string;
  items?: DateInputItem[];
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  fieldset?: Omit<FieldsetProps, 'children' | 'role'>;
  values?: { day?: string; month?: string; year?: string };
  classes?: string;
  attributes?: Attributes;
  /** Called with the part's name (`day`, `month`, `year`) and its text. */
  onChange?: (name: string, value: string) => void;
}

const defaultItems: DateInputItem[] = [
  { name: 'day', classes: 'govuk-input--width-2' },
  { name: 'month', classes: 'govuk-input--width-2' },
  { name: 'year', classes: 'govuk-input--width-4' },
];

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function DateInput(props: DateInputProps) {
  const items = props.items ?? defaultItems;
  const anyItemHasError = items.some((item) => item.error);
  const prefix = props.namePrefix ? `${props.namePrefix}-` : '';
  const { nodes, describedBy } = useHintAndError(
    props.id,
    props.hint,
    props.errorMessage,
    props.fieldset?.describedBy,
  );

  const inputs = (
    <>
      {nodes}
      <div className={cx('govuk-date-input', props.classes)} id={props.id} {...props.attributes}>
        {content(props.formGroup?.beforeInputs)}
        {items.map((item) => {
          const id = item.id ?? `${props.id}-${item.name}`;
          const hasError =
            item.error || (item.error !== false && props.errorMessage && !anyItemHasError);
          const values = props.values as Record<string, string | undefined>;
          const value = item.value ?? values?.[item.name];

          return (
            <div className="govuk-date-input__item" key={item.name}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                  {item.label ?? capitalise(item.name)}
                </label>
                <input
                  className={cx(
                    'govuk-input govuk-date-input__input',
                    hasError && 'govuk-input--error',
                    item.classes,
                  )}
                  id={id}
                  name={prefix + item.name}
                  type="text"
                  inputMode="numeric"
                  autoComplete={item.autocomplete}
                  pattern={item.pattern}
                  {...(props.onChange
                    ? {
                        value: value ?? '',
                        onChange: (event) => props.onChange?.(item.name, event.target.value),
                      }
                    : { defaultValue: value })}
                  {...item.attributes}
                />
              </div>
            </div>
          );
        })}
        {content(props.formGroup?.afterInputs)}
      </div>
    </>
  );

  return (
    <FormGroup formGroup={props.formGroup} errorMessage={props.errorMessage}>
      {props.fieldset ? (
        // role=group makes JAWS read the hint of a fieldset of text inputs.
        <Fieldset {...props.fieldset} role="group" describedBy={describedBy}>
          {inputs}
        </Fieldset>
      ) : (
        inputs
      )}
    </FormGroup>
  );
}
