import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  BackLink,
  Button,
  Checkboxes,
  ErrorSummary,
  Select,
  TextInput,
} from '../../../components/govuk';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import { createVisit, newIdempotencyKey, useServices, useYoungPeople } from '../api/visits';
import { visitPaths } from '../paths';

function today() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The first screen of a visit: where the young person went, when, which
 * service it was and who went with them. Continuing starts the visit as
 * a draft only they and the others who went can see.
 */
export function RecordVisitPage() {
  const { tenant } = useArea();
  const navigate = useNavigate();
  const me = useSession().data?.person.id ?? '';
  const people = useYoungPeople(tenant);
  const services = useServices(tenant);
  const [place, setPlace] = useState('');
  const [date, setDate] = useState(today);
  const [service, setService] = useState('');
  const [others, setOthers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const errors = useFormErrors();
  usePageTitle('Record a visit', { error: errors.hasErrors });

  async function start(event: FormEvent) {
    event.preventDefault();
    const invalid = [];
    if (place.trim() === '') invalid.push({ field: 'place', message: 'Write where you went' });
    if (date === '') invalid.push({ field: 'visit_date', message: 'Say what day you went' });
    if (invalid.length > 0) {
      errors.show(invalid);

      return;
    }
    if (!navigator.onLine) {
      errors.show([
        {
          field: 'place',
          message:
            'You are offline. Your answers are still here: press Continue again when you are back online.',
        },
      ]);

      return;
    }
    setBusy(true);
    try {
      const visit = await createVisit(
        tenant,
        {
          place: place.trim(),
          visit_date: date,
          organisation_id: service || undefined,
          people: others,
        },
        key.current,
      );
      navigate(visitPaths.form(tenant, visit.id), { replace: true });
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'place');
    } finally {
      setBusy(false);
    }
  }

  const group = (people.data?.items ?? []).filter((y) => y.id !== me);
  const serviceList = (services.data?.items ?? []).filter((o) => o.kind === 'service');

  return (
    <div className="govuk-grid-row app-visit-step">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={visitPaths.mine(tenant)} text="My visits" />
        {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
        <span className="govuk-caption-l">Step 1: about your visit</span>
        <h1 className="govuk-heading-l">About your visit</h1>
        <form noValidate onSubmit={start}>
          <TextInput
            id={fieldId('place')}
            name="place"
            label={{ text: 'Where did you go?', classes: 'govuk-label--m' }}
            hint={{ text: 'For example, the youth centre on Stafford Street' }}
            value={place}
            errorMessage={errors.messageFor('place')}
            onChange={(event) => setPlace(event.target.value)}
          />
          <TextInput
            id={fieldId('visit_date')}
            name="visit_date"
            type="date"
            label={{ text: 'What day did you go?', classes: 'govuk-label--m' }}
            classes="govuk-input--width-10"
            value={date}
            errorMessage={errors.messageFor('visit_date')}
            onChange={(event) => setDate(event.target.value)}
          />
          {serviceList.length > 0 && (
            <Select
              id={fieldId('organisation_id')}
              name="organisation_id"
              label={{
                text: 'Which service was it? (you can skip this)',
                classes: 'govuk-label--m',
              }}
              value={service}
              errorMessage={errors.messageFor('organisation_id')}
              onChange={(event) => setService(event.target.value)}
              items={[
                { value: '', text: 'I do not know, or it is not listed' },
                ...serviceList.map((o) => ({ value: o.id, text: o.name })),
              ]}
            />
          )}
          {group.length > 0 && (
            <Checkboxes
              name="people"
              idPrefix={fieldId('people')}
              fieldset={{
                legend: {
                  text: 'Who else went? (you can skip this)',
                  classes: 'govuk-fieldset__legend--m',
                },
              }}
              hint={{ text: 'They will see this visit too.' }}
              values={others}
              onChange={(event) => {
                const { value, checked } = event.target;
                setOthers(checked ? [...others, value] : others.filter((id) => id !== value));
              }}
              items={group.map((y) => ({ value: y.id, text: y.first_name }))}
            />
          )}
          <Button text="Continue" disabled={busy} />
        </form>
      </div>
    </div>
  );
}
