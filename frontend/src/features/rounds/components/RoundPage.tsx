import { useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Link,
  NotificationBanner,
  SummaryList,
  Table,
  Tag,
  TextInput,
} from '../../../components/govuk';
import { LoadError } from '../../../components/LoadError';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import { useAllocate, useAllocations, useDraw, useRound, type Round } from '../api/rounds';
import {
  auditorsPath,
  movePath,
  reassignPath,
  roundsPath,
  stateNames,
  stateTagClasses,
  statusNames,
  strataNames,
  termLabel,
} from './labels';

/**
 * One round: its plan, the draw (repeatable from its seed), the automatic
 * allocation, progress by auditor and every allocation, each movable.
 */
export function RoundPage() {
  const tenant = useParams().tenant ?? '';
  const id = useParams().roundId ?? '';
  const state = useLocation().state as { flash?: string } | null;
  const round = useRound(tenant, id);
  const errors = useFormErrors();
  const [flash, setFlash] = useState(state?.flash);
  usePageTitle(round.data?.name ?? 'Audit round', { error: errors.hasErrors });

  if (round.isError) {
    return (
      <LoadError
        message={round.error.message}
        description="The round could not be loaded. Go back to the rounds and try again."
      />
    );
  }
  if (!round.data) return <p className="govuk-body">Loading the round</p>;
  const r = round.data;

  return (
    <>
      <BackLink href={roundsPath(tenant)} text="Back to rounds" />
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {flash && <NotificationBanner type="success" text={flash} />}
      <span className="govuk-caption-l">{termLabel(r.term, r.academic_year)}</span>
      <h1 className="govuk-heading-l">{r.name}</h1>
      <SummaryList
        rows={[
          {
            key: { text: 'State' },
            value: {
              html: (
                <Tag text={stateNames[r.state] ?? r.state} classes={stateTagClasses[r.state]} />
              ),
            },
          },
          {
            key: { text: 'Instrument' },
            value: { text: `${r.instrument_key}, version ${r.instrument_version}` },
          },
          ...(r.action_id
            ? [
                {
                  key: { text: 'Scheduled by' },
                  value: {
                    html: (
                      <Link
                        className="govuk-link"
                        href={`/t/${encodeURIComponent(tenant)}/actions/${encodeURIComponent(r.action_id)}`}
                      >
                        {r.purpose === 'dip_sample' ? 'A dip sample' : 'A re-audit'} for an action
                        of the improvement plan
                      </Link>
                    ),
                  },
                },
              ]
            : []),
          { key: { text: 'Audits open' }, value: { text: r.opens_on } },
          { key: { text: 'Audits due' }, value: { text: r.due_on } },
          {
            key: { text: 'Sampling' },
            value: {
              text:
                r.sampling_method === 'stratified'
                  ? `In proportion to ${strataNames[r.strata_by] ?? r.strata_by}`
                  : 'At random',
            },
          },
          { key: { text: 'Audits for each auditor' }, value: { text: String(r.per_auditor) } },
          {
            key: { text: 'Seed of the draw' },
            value: {
              text: r.seed === null || r.seed === undefined ? 'Not drawn yet' : String(r.seed),
            },
          },
        ]}
      />
      {r.state !== 'allocated' && (
        <p className="govuk-body">
          Every auditor of the area is in the round’s cohort. Before allocating, check{' '}
          <Link className="govuk-link" href={auditorsPath(tenant)}>
            the auditors and their services
          </Link>
          , which decide who may audit what.
        </p>
      )}
      {r.state !== 'allocated' && (
        <DrawForm tenant={tenant} round={r} errors={errors} onDone={setFlash} />
      )}
      {r.strata.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Groups in the sample</h2>
          <Table
            caption="Groups in the sample"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Group' },
              { text: 'Subjects', format: 'numeric' },
              { text: 'Drawn', format: 'numeric' },
            ]}
            rows={r.strata.map((s) => [
              { text: s.value || 'Not recorded' },
              { text: String(s.population), format: 'numeric' },
              { text: String(s.drawn), format: 'numeric' },
            ])}
          />
        </>
      )}
      {r.state === 'drawn' && (
        <AllocateButton tenant={tenant} round={r} errors={errors} onDone={setFlash} />
      )}
      {r.progress && <Progress round={r} />}
      {r.state === 'allocated' && (
        <p className="govuk-body">
          <Link className="govuk-link" href={reassignPath(tenant, r.id)}>
            Reassign a leaver’s audits
          </Link>
        </p>
      )}
      {r.state === 'allocated' && (
        <p className="govuk-body">
          <Link
            className="govuk-link"
            href={`${roundsPath(tenant)}/${encodeURIComponent(r.id)}/results`}
          >
            Results and exports
          </Link>
        </p>
      )}
      {r.state !== 'planned' && <Allocations tenant={tenant} round={r} />}
    </>
  );
}

interface ActionProps {
  tenant: string;
  round: Round;
  errors: ReturnType<typeof useFormErrors>;
  onDone: (message: string) => void;
}

function DrawForm(props: ActionProps) {
  const draw = useDraw(props.tenant);
  const [seed, setSeed] = useState('');
  const drawn = props.round.state === 'drawn';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (seed !== '' && !/^\d+$/.test(seed)) {
      props.errors.show([
        { field: 'seed', message: 'Enter the seed as a whole number, or leave it empty' },
      ]);

      return;
    }
    try {
      const r = await draw.mutateAsync({
        round: props.round,
        seed: seed === '' ? undefined : Number(seed),
      });
      props.errors.clear();
      props.onDone(`${r.progress?.sampled ?? 0} subjects drawn with seed ${r.seed}.`);
    } catch (error) {
      props.errors.showProblem(error instanceof ApiError ? error.problem : networkProblem, 'seed');
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <h2 className="govuk-heading-m">{drawn ? 'Draw again' : 'Draw the sample'}</h2>
      <TextInput
        id={fieldId('seed')}
        name="seed"
        inputmode="numeric"
        classes="govuk-input--width-20"
        label={{ text: 'Seed (optional)' }}
        hint={{
          text: 'Give an earlier seed to draw the same sample again; leave empty for a new one',
        }}
        value={seed}
        errorMessage={props.errors.messageFor('seed') ?? props.errors.messageFor('subjects')}
        onChange={(event) => setSeed(event.target.value)}
      />
      <Button
        text={drawn ? 'Draw again' : 'Draw the sample'}
        classes={drawn ? 'govuk-button--secondary' : undefined}
        disabled={draw.isPending}
      />
    </form>
  );
}

function AllocateButton(props: ActionProps) {
  const allocate = useAllocate(props.tenant);

  async function run() {
    try {
      const out = await allocate.mutateAsync(props.round);
      props.errors.clear();
      props.onDone(
        `${out.allocated} audits allocated` +
          (out.unallocated > 0
            ? `; ${out.unallocated} could not be allocated without a conflict.`
            : '.'),
      );
    } catch (error) {
      props.errors.showProblem(error instanceof ApiError ? error.problem : networkProblem);
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Allocate</h2>
      <p className="govuk-body">
        Each auditor gets an equal share, and never a subject their own service contributed to.
      </p>
      <Button
        type="button"
        text="Allocate to the auditors"
        disabled={allocate.isPending}
        onClick={() => void run()}
      />
    </>
  );
}

function Progress(props: { round: Round }) {
  const p = props.round.progress;
  if (!p || p.sampled === 0) return null;

  return (
    <>
      <h2 className="govuk-heading-m">Progress</h2>
      <SummaryList
        rows={[
          { key: { text: 'Sampled' }, value: { text: String(p.sampled) } },
          { key: { text: 'Not allocated' }, value: { text: String(p.unallocated) } },
          { key: { text: 'Allocated' }, value: { text: String(p.allocated) } },
          { key: { text: 'In progress' }, value: { text: String(p.in_progress) } },
          { key: { text: 'Submitted' }, value: { text: String(p.submitted) } },
        ]}
      />
      {p.by_auditor.length > 0 && (
        <ScrollRegion label="Audits by auditor">
          <Table
            caption="Audits by auditor"
            captionClasses="govuk-table__caption--s"
            head={[
              { text: 'Auditor' },
              { text: 'Service' },
              { text: 'Audits', format: 'numeric' },
              { text: 'Submitted', format: 'numeric' },
            ]}
            rows={p.by_auditor.map((a) => [
              { text: a.left ? `${a.name} (left)` : a.name },
              { text: a.services.join('; ') || 'Not recorded' },
              { text: String(a.allocated), format: 'numeric' },
              { text: String(a.submitted), format: 'numeric' },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

function Allocations(props: { tenant: string; round: Round }) {
  const list = useAllocations(props.tenant, props.round.id);
  const items = list.data?.items ?? [];

  return (
    <>
      <h2 className="govuk-heading-m">Sample and allocations</h2>
      {list.isPending && <p className="govuk-body">Loading the sample</p>}
      {items.length > 0 && (
        <ScrollRegion label="Sample and allocations">
          <Table
            caption="Sample and allocations"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Local id' },
              { text: 'Contributing services' },
              { text: 'Auditor' },
              { text: 'Status' },
              { text: 'Action' },
            ]}
            rows={items.map((a) => [
              { text: a.local_id },
              { text: a.contributing_services.join('; ') },
              { text: a.auditor_name || 'No one yet' },
              { text: (statusNames[a.status] ?? a.status) + (a.reason ? ` (${a.reason})` : '') },
              {
                html:
                  a.status === 'submitted' || props.round.state !== 'allocated' ? (
                    ''
                  ) : (
                    <Link
                      className="govuk-link"
                      href={movePath(props.tenant, props.round.id, a.id)}
                    >
                      Move<span className="govuk-visually-hidden"> {a.local_id}</span>
                    </Link>
                  ),
              },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
