import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  Table,
  TextInput,
} from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea, useFlash } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/title';
import { useCreateRound, useRounds } from '../api/sir';
import { sirPaths } from '../paths';
import { isProblem, useSirAccess } from './access';

/** SEN information report rounds, newest first, and a QA lead's form for the next. */
export function RoundsPage() {
  const { tenant, areaName } = useArea();
  const flash = useFlash();
  const access = useSirAccess();
  const rounds = useRounds(tenant);
  usePageTitle(`SEN information reports – ${areaName}`);
  if (rounds.error) throw rounds.error;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <h1 className="govuk-heading-l">SEN information reports</h1>
      <p className="govuk-body">
        Each year a random sample of the area’s schools and settings has its SEN information report
        checked against regulation 51 and Schedule 1 of the SEND Regulations 2014, and each setting
        gets a letter saying what is missing.
      </p>
      <p className="govuk-body">
        <Link href={sirPaths.register(tenant)}>The register of settings</Link>
      </p>
      <h2 className="govuk-heading-m">Rounds</h2>
      {!rounds.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : rounds.data.items.length === 0 ? (
        <p className="govuk-body">There are no rounds yet.</p>
      ) : (
        <ScrollRegion label="Rounds">
          <Table
            caption="Rounds, newest first"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Round' },
              { text: 'Year', format: 'numeric' },
              { text: 'Sampled', format: 'numeric' },
              { text: 'Completed', format: 'numeric' },
              { text: 'Due' },
            ]}
            rows={rounds.data.items.map((r) => [
              { html: <Link href={sirPaths.round(tenant, r.id)}>{r.name}</Link> },
              { text: String(r.year), format: 'numeric' },
              { text: String(r.checks), format: 'numeric' },
              { text: String(r.completed), format: 'numeric' },
              { text: r.due_on },
            ])}
          />
        </ScrollRegion>
      )}
      {access.manage && <NewRoundForm tenant={tenant} />}
    </>
  );
}

function NewRoundForm({ tenant }: { tenant: string }) {
  const create = useCreateRound(tenant);
  const errors = useFormErrors();
  const navigate = useNavigate();
  const [fields, setFields] = useState({
    name: '',
    year: String(new Date().getFullYear()),
    sample_size: '10',
    seed: '',
    due_on: '',
  });
  const [byPhase, setByPhase] = useState(false);
  const field = (name: keyof typeof fields) => ({
    id: fieldId(name),
    name,
    value: fields[name],
    errorMessage: errors.messageFor(name),
    onChange: (event: { target: { value: string } }) =>
      setFields((f) => ({ ...f, [name]: event.target.value })),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    try {
      const round = await create.mutateAsync({
        name: fields.name,
        year: Number(fields.year) || 0,
        sample_size: Number(fields.sample_size) || 0,
        by_phase: byPhase,
        seed: fields.seed || undefined,
        due_on: fields.due_on,
      });
      navigate(sirPaths.round(tenant, round.id), {
        state: { flash: `${round.checks} settings drawn with seed ${round.seed}.` },
      });
    } catch (error) {
      if (!isProblem(error)) throw error;
      errors.showProblem(error.problem, 'name');
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 className="govuk-heading-m">Start a round</h2>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <TextInput {...field('name')} label={{ text: 'Name' }} />
      <TextInput
        {...field('year')}
        inputmode="numeric"
        classes="govuk-input--width-4"
        label={{ text: 'Year' }}
      />
      <TextInput
        {...field('sample_size')}
        inputmode="numeric"
        classes="govuk-input--width-4"
        label={{ text: 'How many settings to check' }}
      />
      <Checkboxes
        name="by_phase"
        items={[
          {
            value: 'yes',
            text: 'Draw each phase’s share (nursery, primary, secondary and so on)',
            checked: byPhase,
          },
        ]}
        onChange={(event) => setByPhase(event.target.checked)}
      />
      <TextInput
        {...field('seed')}
        inputmode="numeric"
        classes="govuk-input--width-20"
        label={{ text: 'Seed (optional)' }}
        hint={{ text: 'Give the seed of an earlier draw to draw the same sample again' }}
      />
      <TextInput
        {...field('due_on')}
        classes="govuk-input--width-10"
        label={{ text: 'Checks due by' }}
        hint={{ text: 'As year, month and day, for example 2026-12-18' }}
      />
      <Button type="submit" text="Draw the sample" disabled={create.isPending} />
    </form>
  );
}
