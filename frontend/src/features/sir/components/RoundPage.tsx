import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  SummaryList,
  Table,
  Tag,
} from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea, useFlash } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { useMembers } from '../../../lib/members';
import { usePageTitle } from '../../../lib/title';
import { letterNames, stateNames, useAllocate, useRound, useRoundChecks } from '../api/sir';
import { sirPaths } from '../paths';
import { isProblem, useSirAccess } from './access';

/** A round: how its sample was drawn, its checks, and their allocation. */
export function RoundPage() {
  const { tenant, areaName } = useArea();
  const roundId = useParams().roundId ?? '';
  const flash = useFlash();
  const access = useSirAccess();
  const round = useRound(tenant, roundId);
  const checks = useRoundChecks(tenant, roundId);
  usePageTitle(`${round.data?.name ?? 'Round'} – ${areaName}`);
  if (round.error) throw round.error;
  if (checks.error) throw checks.error;
  if (!round.data || !checks.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }
  const r = round.data;

  return (
    <>
      <BackLink href={sirPaths.rounds(tenant)} text="Back to SEN information reports" />
      {flash && <NotificationBanner type="success" text={flash} />}
      <h1 className="govuk-heading-l">{r.name}</h1>
      <SummaryList
        rows={[
          { key: { text: 'Year' }, value: { text: String(r.year) } },
          {
            key: { text: 'Sample' },
            value: {
              text: `${r.checks} of ${r.population} settings${r.by_phase ? ', by phase' : ''}`,
            },
          },
          { key: { text: 'Seed' }, value: { text: r.seed } },
          ...(r.strata.length > 0
            ? [
                {
                  key: { text: 'By phase' },
                  value: {
                    text: r.strata
                      .map((s) => `${s.phase}: ${s.drawn} of ${s.population}`)
                      .join('; '),
                  },
                },
              ]
            : []),
          { key: { text: 'Checks due' }, value: { text: r.due_on } },
          { key: { text: 'Completed' }, value: { text: `${r.completed} of ${r.checks}` } },
        ]}
      />
      <p className="govuk-body">
        <Link href={sirPaths.summary(tenant, r.id)}>See the summary across the sample</Link>
      </p>
      {access.manage && r.allocated < r.checks && <AllocateForm tenant={tenant} roundId={r.id} />}
      <h2 className="govuk-heading-m">Checks</h2>
      <ScrollRegion label="Checks">
        <Table
          caption="Checks by setting"
          captionClasses="govuk-visually-hidden"
          head={[
            { text: 'Setting' },
            { text: 'Phase' },
            { text: 'Officer' },
            { text: 'Status' },
            { text: 'Letter' },
          ]}
          rows={checks.data.items.map((c) => [
            {
              html:
                c.state === 'unallocated' ? (
                  c.setting.name
                ) : (
                  <Link href={sirPaths.check(tenant, c.id)}>{c.setting.name}</Link>
                ),
            },
            { text: c.setting.phase },
            { text: c.officer_name || 'Not allocated' },
            {
              html: (
                <>
                  {stateNames[c.state]}
                  {c.stale && (
                    <>
                      {' '}
                      <Tag text="Over 12 months old" classes="govuk-tag--orange" />
                    </>
                  )}
                </>
              ),
            },
            { text: letterNames[c.letter_state] ?? c.letter_state },
          ])}
        />
      </ScrollRegion>
    </>
  );
}

function AllocateForm({ tenant, roundId }: { tenant: string; roundId: string }) {
  const members = useMembers(tenant);
  const allocate = useAllocate(tenant, roundId);
  const errors = useFormErrors();
  const [chosen, setChosen] = useState<string[]>([]);
  const officers = (members.data?.items ?? []).filter(
    (m) => m.roles.includes('auditor') || m.roles.includes('qa_lead'),
  );

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    try {
      await allocate.mutateAsync(chosen);
      setChosen([]);
    } catch (error) {
      if (!isProblem(error)) throw error;
      errors.showProblem(error.problem, 'officer_ids');
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)}>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <Checkboxes
        idPrefix={fieldId('officer_ids')}
        name="officer_ids"
        fieldset={{ legend: { text: 'Allocate the checks', classes: 'govuk-fieldset__legend--m' } }}
        hint={{ text: 'The checks not yet allocated are shared among the officers you choose' }}
        errorMessage={errors.messageFor('officer_ids')}
        values={chosen}
        items={officers.map((m) => ({
          value: m.person_id,
          text: `${m.name} (${m.email})`,
          label: { classes: 'app-break-words' },
        }))}
        onChange={(event) => {
          const { value, checked } = event.target;
          setChosen((c) => (checked ? [...c, value] : c.filter((v) => v !== value)));
        }}
      />
      <Button type="submit" text="Allocate" disabled={allocate.isPending} />
    </form>
  );
}
