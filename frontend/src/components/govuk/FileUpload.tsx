import type { ChangeEventHandler, Ref } from 'react';
import { FileUpload as GovukFileUpload } from 'govuk-frontend';
import { FormGroup, useHintAndError, type FieldError, type FormGroupOptions } from './FormGroup';
import type { HintProps } from './Hint';
import { Label, type LabelProps } from './Label';
import { cx, content, defined, type Attributes } from './shared';
import { useGovukModule } from './useGovukModule';

export interface FileUploadProps {
  id?: string;
  name: string;
  multiple?: boolean;
  disabled?: boolean;
  describedBy?: string;
  label: LabelProps;
  hint?: HintProps;
  errorMessage?: FieldError;
  formGroup?: FormGroupOptions;
  classes?: string;
  attributes?: Attributes;
  /** Turns on the drop zone and the styled "Choose file" button. */
  javascript?: boolean;
  chooseFilesButtonText?: string;
  dropInstructionText?: string;
  noFileChosenText?: string;
  enteredDropZoneText?: string;
  leftDropZoneText?: string;
  onChange?: ChangeEventHandler<HTMLInputElement>;
  inputRef?: Ref<HTMLInputElement>;
}

export function FileUpload(props: FileUploadProps) {
  const id = props.id ?? props.name;
  const { nodes, describedBy } = useHintAndError(
    id,
    props.hint,
    props.errorMessage,
    props.describedBy,
  );
  const input = (
    <input
      ref={props.inputRef}
      className={cx(
        'govuk-file-upload',
        props.errorMessage && 'govuk-file-upload--error',
        props.classes,
      )}
      id={id}
      name={props.name}
      type="file"
      disabled={props.disabled}
      multiple={props.multiple}
      aria-describedby={describedBy}
      onChange={props.onChange}
      {...props.attributes}
    />
  );

  return (
    <FormGroup formGroup={props.formGroup} errorMessage={props.errorMessage}>
      <Label {...props.label} for={id} />
      {nodes}
      {content(props.formGroup?.beforeInput)}
      {props.javascript ? <DropZone {...props}>{input}</DropZone> : input}
      {content(props.formGroup?.afterInput)}
    </FormGroup>
  );
}

function DropZone(props: FileUploadProps & { children: React.ReactNode }) {
  const root = useGovukModule<HTMLDivElement>(GovukFileUpload, {
    i18n: defined({
      chooseFilesButton: props.chooseFilesButtonText,
      dropInstruction: props.dropInstructionText,
      noFileChosen: props.noFileChosenText,
      enteredDropZone: props.enteredDropZoneText,
      leftDropZone: props.leftDropZoneText,
    }),
  });

  return (
    <div ref={root} className="govuk-file-upload-wrapper" data-module="govuk-file-upload">
      {props.children}
    </div>
  );
}
