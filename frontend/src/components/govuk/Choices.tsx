import type { ChangeEventHandler, ReactNode, Ref } from 'react';
import { Checkboxes as GovukCheckboxes, Radios as GovukRadios } from 'govuk-frontend';
import { Fieldset, type FieldsetProps } from './Fieldset';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import { Hint, type HintProps } from './Hint';
import { cx, content, type Attributes, type TextOrHtml } from './shared';
import { useGovukModule } from './useGovukModule';

export interface ChoiceItem extends TextOrHtml {
  id?: string;
  value: string;
  label?: { classes?: string; attributes?: Attributes };
  hint?: HintProps;
  checked?: boolean;
  /** Content shown only while this item is chosen. */
  conditional?: { html: ReactNode };
  disabled?: boolean;
  /** Checkboxes only: `exclusive` unticks the others ("None of these"). */
  behaviour?: 'exclusive';
  attributes?: Attributes;
}

/** A line of text such as "or" between items. */
export interface ChoiceDivider {
  divider: string;
}

export interface ChoicesProps {
  /** Defaults to `name`; the first item's id is this, then `<idPrefix>-2`... */
  idPrefix?: string;
  name: string;
  items: Array<ChoiceItem | ChoiceDivider>;
  fieldset?: Omit<FieldsetProps, 'children'>;
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  classes?: string;
  attributes?: Attributes;
  onChange?: ChangeEventHandler<HTMLInputElement>;
}

export interface RadiosProps extends ChoicesProps {
  /** The chosen value; wins over items' `checked`. */
  value?: string;
}

export interface CheckboxesProps extends ChoicesProps {
  describedBy?: string;
  /** The ticked values; win over items' `checked`. */
  values?: string[];
}

function isDivider(item: ChoiceItem | ChoiceDivider): item is ChoiceDivider {
  return 'divider' in item;
}

/** The GOV.UK radios; the script shows and hides conditional content. */
export function Radios(props: RadiosProps) {
  const ref = useGovukModule<HTMLDivElement>(GovukRadios);
  const isChecked = (item: ChoiceItem) =>
    props.value !== undefined ? props.value === item.value : !!item.checked;

  return <ChoiceGroup {...props} kind="radios" rootRef={ref} isChecked={isChecked} />;
}

/** The GOV.UK checkboxes; the script handles conditionals and exclusivity. */
export function Checkboxes(props: CheckboxesProps) {
  const ref = useGovukModule<HTMLDivElement>(GovukCheckboxes);
  const isChecked = (item: ChoiceItem) =>
    props.values !== undefined ? props.values.includes(item.value) : !!item.checked;

  return <ChoiceGroup {...props} kind="checkboxes" rootRef={ref} isChecked={isChecked} />;
}

interface ChoiceGroupProps extends ChoicesProps {
  kind: 'radios' | 'checkboxes';
  describedBy?: string;
  rootRef: Ref<HTMLDivElement>;
  isChecked: (item: ChoiceItem) => boolean;
  value?: string;
  values?: string[];
}

function ChoiceGroup(props: ChoiceGroupProps) {
  const idPrefix = props.idPrefix ?? props.name;
  const { kind } = props;
  const controlled = props.onChange !== undefined;
  const { nodes, describedBy } = useHintAndError(
    idPrefix,
    props.hint,
    props.errorMessage,
    props.fieldset?.describedBy ?? props.describedBy,
  );
  let index = 0;

  const choices = (
    <>
      {nodes}
      <div
        ref={props.rootRef}
        className={cx(`govuk-${kind}`, props.classes)}
        data-module={`govuk-${kind}`}
        {...props.attributes}
      >
        {content(props.formGroup?.beforeInputs)}
        {props.items.map((item) => {
          if (isDivider(item)) {
            return (
              <div className={`govuk-${kind}__divider`} key={item.divider}>
                {item.divider}
              </div>
            );
          }
          index += 1;
          const id = item.id ?? (index === 1 ? idPrefix : `${idPrefix}-${index}`);

          return (
            <Choice
              key={item.value}
              {...item}
              kind={kind}
              id={id}
              name={props.name}
              checked={props.isChecked(item)}
              controlled={controlled}
              onChange={props.onChange}
              // Without a fieldset the group's hint and error describe
              // each input directly.
              groupDescribedBy={props.fieldset ? undefined : describedBy}
            />
          );
        })}
        {content(props.formGroup?.afterInputs)}
      </div>
    </>
  );

  return (
    <FormGroup formGroup={props.formGroup} errorMessage={props.errorMessage}>
      {props.fieldset ? (
        <Fieldset {...props.fieldset} describedBy={describedBy}>
          {choices}
        </Fieldset>
      ) : (
        choices
      )}
    </FormGroup>
  );
}

interface ChoiceProps extends ChoiceItem {
  kind: 'radios' | 'checkboxes';
  id: string;
  name: string;
  checked: boolean;
  controlled: boolean;
  groupDescribedBy?: string;
  onChange?: ChangeEventHandler<HTMLInputElement>;
}

function Choice(props: ChoiceProps) {
  const { kind } = props;
  const conditionalId = props.conditional ? `conditional-${props.id}` : undefined;
  const hintId = props.hint ? `${props.id}-item-hint` : undefined;
  const checkedProps = props.controlled
    ? { checked: props.checked, onChange: props.onChange }
    : { defaultChecked: props.checked };
  const describedBy = [props.groupDescribedBy, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <>
      <div className={`govuk-${kind}__item`}>
        <input
          className={`govuk-${kind}__input`}
          id={props.id}
          name={props.name}
          type={kind === 'radios' ? 'radio' : 'checkbox'}
          value={props.value}
          disabled={props.disabled}
          aria-describedby={describedBy}
          // The script turns this into aria-controls once it runs, so that
          // without it no control points at content nobody can reveal.
          data-aria-controls={conditionalId}
          data-behaviour={props.behaviour}
          {...checkedProps}
          {...props.attributes}
        />
        <label
          className={cx(`govuk-label govuk-${kind}__label`, props.label?.classes)}
          htmlFor={props.id}
          {...props.label?.attributes}
        >
          {content(props)}
        </label>
        {props.hint && (
          <Hint
            {...props.hint}
            id={hintId}
            classes={cx(`govuk-${kind}__hint`, props.hint.classes)}
          />
        )}
      </div>
      {props.conditional && (
        <div
          className={cx(
            `govuk-${kind}__conditional`,
            !props.checked && `govuk-${kind}__conditional--hidden`,
          )}
          id={conditionalId}
        >
          {props.conditional.html}
        </div>
      )}
    </>
  );
}
