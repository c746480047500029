import type { MouseEventHandler, ReactNode, Ref } from 'react';
import { Button as GovukButton } from 'govuk-frontend';
import { Link } from './link';
import { cx, type Attributes } from './shared';
import { useGovukModule } from './useGovukModule';

export interface ButtonProps {
  text?: string;
  html?: ReactNode;
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Renders a link styled as a button. */
  href?: string;
  classes?: string;
  attributes?: Attributes;
  preventDoubleClick?: boolean;
  isStartButton?: boolean;
  id?: string;
  onClick?: MouseEventHandler<HTMLButtonElement | HTMLAnchorElement>;
  buttonRef?: Ref<HTMLButtonElement>;
}

function StartIcon() {
  return (
    <svg
      className="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}

export function Button(props: ButtonProps) {
  const classes = cx('govuk-button', props.isStartButton && 'govuk-button--start', props.classes);
  const label = (
    <>
      {props.text ?? props.html}
      {props.isStartButton && <StartIcon />}
    </>
  );

  if (props.href) {
    return (
      <Link
        href={props.href}
        role="button"
        draggable={false}
        className={classes}
        id={props.id}
        data-module="govuk-button"
        onClick={props.onClick}
        {...props.attributes}
      >
        {label}
      </Link>
    );
  }

  return <ButtonElement {...props} classes={classes} label={label} />;
}

function ButtonElement(props: ButtonProps & { classes: string; label: ReactNode }) {
  // The library's script only debounces double clicks; without that
  // option the button needs no script at all.
  const ref = useGovukModule<HTMLButtonElement>(GovukButton, {
    preventDoubleClick: props.preventDoubleClick ?? false,
  });

  return (
    <button
      ref={(element) => {
        ref.current = element;
        assignRef(props.buttonRef, element);
      }}
      type={props.type ?? 'submit'}
      name={props.name}
      value={props.value}
      disabled={props.disabled}
      aria-disabled={props.disabled ? 'true' : undefined}
      className={props.classes}
      id={props.id}
      data-module="govuk-button"
      onClick={props.onClick}
      {...props.attributes}
    >
      {props.label}
    </button>
  );
}

function assignRef<T>(ref: Ref<T> | undefined, value: T | null) {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}
