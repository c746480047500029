import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  Button,
  ErrorSummary,
  Link,
  NotificationBanner,
  SummaryList,
  TextInput,
} from '../../../components/govuk';
import { useFlash } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useRetention, useSetRetention, type Retention } from '../api/personalData';
import { accessRequestPath, purgePath } from './labels';

/** "1095 days (about 3 years)". */
export function periodText(days: number) {
  const years = Math.round((days / 365) * 10) / 10;
  const about = years >= 1 ? `about ${years} ${years === 1 ? 'year' : 'years'}` : 'under a year';

  return `${days} days (${about})`;
}

/** The error for a period typed in, or null when it is one the API takes. */
export function periodProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return 'Enter the number of days to keep personal data';
  if (!/^\d+$/.test(text)) return 'Enter the period as a whole number of days, like 1095';
  const days = Number(text);
  if (days < 30 || days > 5000) return 'Enter a number of days from 30 to 5000';

  return null;
}

/**
 * How long the area keeps children's personal data, a change to it, and
 * the way to remove what is past it now rather than at the daily run.
 */
export function RetentionPage() {
  const tenant = useParams().tenant ?? '';
  const retention = useRetention(tenant);
  const flash = useFlash();
  const errors = useFormErrors();
  const [saved, setSaved] = useState<string>();
  usePageTitle('Children’s personal data', { error: errors.hasErrors });

  if (retention.isError) throw retention.error;
  if (!retention.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const rule = retention.data;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        {(saved ?? flash) && <NotificationBanner type="success" text={saved ?? flash} />}
        <h1 className="govuk-heading-l">Children’s personal data</h1>
        <p className="govuk-body">
          Names, dates of birth and NHS numbers come with the case lists you import, and sendqa
          keeps them only where an instrument of your area asks for them. They are sealed, and
          removed, from the records and from the audit trail, once they have been kept for the
          period below. The records stay, known by their local id.
        </p>
        <SummaryList
          rows={[
            {
              key: { text: 'Kept for' },
              value: {
                text:
                  periodText(rule.retention_days) +
                  (rule.version === 0 ? ', the default for every area' : ''),
              },
            },
          ]}
        />
        <PeriodForm
          key={rule.version}
          tenant={tenant}
          rule={rule}
          errors={errors}
          onSaved={setSaved}
        />
        <h2 className="govuk-heading-m">Remove personal data now</h2>
        <p className="govuk-body">
          Every day sendqa removes what is past its period. After shortening the period you can
          remove it at once.
        </p>
        <Button
          href={purgePath(tenant)}
          text="Remove personal data past its period"
          classes="govuk-button--warning"
        />
        <h2 className="govuk-heading-m">Subject access requests</h2>
        <p className="govuk-body">
          <Link className="govuk-link" href={accessRequestPath(tenant)}>
            Find a child’s record and download what sendqa holds about them
          </Link>
        </p>
      </div>
    </div>
  );
}

interface PeriodFormProps {
  tenant: string;
  rule: Retention;
  errors: ReturnType<typeof useFormErrors>;
  onSaved: (message: string) => void;
}

function PeriodForm(props: PeriodFormProps) {
  const save = useSetRetention(props.tenant);
  const [days, setDays] = useState(String(props.rule.retention_days));
  const { errors } = props;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = periodProblem(days);
    if (problem) {
      errors.show([{ field: 'retention_days', message: problem }]);

      return;
    }
    try {
      const rule = await save.mutateAsync({ days: Number(days), version: props.rule.version });
      errors.clear();
      props.onSaved(`Personal data is now kept for ${periodText(rule.retention_days)}.`);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : networkProblem;
      errors.showProblem(
        problem.status === 412
          ? { ...problem, detail: 'Someone else changed the period: check it and save again' }
          : problem,
        'retention_days',
      );
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <TextInput
        id={fieldId('retention_days')}
        name="retention_days"
        inputmode="numeric"
        classes="govuk-input--width-5"
        label={{ text: 'Keep personal data for', classes: 'govuk-label--m' }}
        hint={{ text: 'From 30 to 5000 days. Three years is 1095 days.' }}
        suffix={{ text: 'days' }}
        value={days}
        errorMessage={errors.messageFor('retention_days')}
        onChange={(event) => setDays(event.target.value)}
      />
      <Button text="Save the period" disabled={save.isPending} />
    </form>
  );
}
