import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { BackLink, Button, ErrorSummary, Select, TextInput } from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { membersQuery } from '../../../lib/members';
import { ApiError, networkProblem, type FieldProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useThemeAction, useThemes } from '../api/reports';
import { reportPaths } from '../paths';

interface ActionFields {
  title: string;
  owner_id: string;
  due_on: string;
}

export function checkThemeAction(f: ActionFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!f.owner_id) out.push({ field: 'owner_id', message: 'Select who owns the action' });
  if (!f.due_on) out.push({ field: 'due_on', message: 'Enter the date the action is due' });

  return out;
}

/** Turns a theme into an action of the practice improvement plan. */
export function ThemeActionPage() {
  const { tenant, areaName } = useArea();
  const { themeId = '' } = useParams();
  const themes = useThemes(tenant);
  const members = useQuery(membersQuery(tenant));
  const create = useThemeAction(tenant, themeId);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const theme = themes.data?.items.find((t) => t.id === themeId);
  const [fields, setFields] = useState<ActionFields>({ title: '', owner_id: '', due_on: '' });
  usePageTitle(`Turn a theme into an action – ${areaName}`, { error: errors.hasErrors });
  if (themes.error) throw themes.error;
  if (members.error) throw members.error;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = checkThemeAction(fields);
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    try {
      const action = await create.mutateAsync({ ...fields, title: fields.title.trim() });
      navigate(reportPaths.action(tenant, action.id), {
        state: { flash: `${action.title} has been added to the practice improvement plan.` },
      });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'title');
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={reportPaths.triangulation(tenant)} text="Back to triangulation" />
        <span className="govuk-caption-l">{theme?.name ?? areaName}</span>
        <h1 className="govuk-heading-l">Turn a theme into an action</h1>
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <p className="govuk-body">
          The action goes into the practice improvement plan and names this theme as its source.
        </p>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextInput
            id={fieldId('title')}
            name="title"
            label={{ text: 'Action', classes: 'govuk-label--s' }}
            hint={{ text: 'Leave blank to use the theme’s name' }}
            value={fields.title}
            errorMessage={errors.messageFor('title')}
            onChange={(e) => setFields({ ...fields, title: e.target.value })}
          />
          <Select
            id={fieldId('owner_id')}
            name="owner_id"
            label={{ text: 'Owner', classes: 'govuk-label--s' }}
            value={fields.owner_id}
            errorMessage={errors.messageFor('owner_id')}
            items={[
              { value: '', text: 'Choose a person' },
              ...(members.data?.items ?? []).map((m) => ({ value: m.person_id, text: m.name })),
            ]}
            onChange={(e) => setFields({ ...fields, owner_id: e.target.value })}
          />
          <TextInput
            id={fieldId('due_on')}
            name="due_on"
            type="date"
            classes="govuk-input--width-10"
            label={{ text: 'Due on', classes: 'govuk-label--s' }}
            value={fields.due_on}
            errorMessage={errors.messageFor('due_on')}
            onChange={(e) => setFields({ ...fields, due_on: e.target.value })}
          />
          <Button text="Add to the improvement plan" disabled={create.isPending} />
        </form>
      </div>
    </div>
  );
}
