import { Checkboxes, type FieldError } from '../../../components/govuk';
import { fieldId } from '../../../lib/forms';
import { roleLabels } from '../../../lib/roles';
import { roles } from '../../../lib/session';

/** The tenant roles as checkboxes, for the `roles` field of a request. */
export function RoleCheckboxes(props: {
  legend: string;
  values: string[];
  errorMessage?: FieldError;
  onChange: (values: string[]) => void;
}) {
  return (
    <Checkboxes
      idPrefix={fieldId('roles')}
      name="roles"
      fieldset={{ legend: { text: props.legend, classes: 'govuk-fieldset__legend--m' } }}
      hint={{ text: 'Select all that apply.' }}
      errorMessage={props.errorMessage}
      values={props.values}
      items={roles.map((role) => ({ value: role, text: roleLabels[role] }))}
      onChange={(event) => {
        const { value, checked } = event.target;
        props.onChange(
          checked ? [...props.values, value] : props.values.filter((role) => role !== value),
        );
      }}
    />
  );
}
