import { useParams } from 'react-router-dom';
import { Button, Link, Table, Tag } from '../../../components/govuk';
import { LoadError } from '../../../components/LoadError';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { usePageTitle } from '../../../lib/title';
import { useRounds } from '../api/rounds';
import {
  auditorsPath,
  newRoundPath,
  roundPath,
  stateNames,
  stateTagClasses,
  termLabel,
} from './labels';

/** The area's audit rounds, newest school year first. */
export function RoundsPage() {
  const tenant = useParams().tenant ?? '';
  const rounds = useRounds(tenant);
  usePageTitle('Audit rounds');
  const items = rounds.data?.items ?? [];

  return (
    <>
      <h1 className="govuk-heading-l">Audit rounds</h1>
      <p className="govuk-body">
        Three times a year a sample of subjects is drawn and allocated to the auditors, never to
        someone whose service contributed to what they audit.
      </p>
      <div className="govuk-button-group">
        <Button href={newRoundPath(tenant)} text="Plan a round" />
        <Link className="govuk-link" href={auditorsPath(tenant)}>
          Auditors and their services
        </Link>
      </div>
      {rounds.isError && (
        <LoadError
          message={rounds.error.message}
          description="The rounds could not be loaded. Try again in a moment."
        />
      )}
      {rounds.isPending && <p className="govuk-body">Loading rounds</p>}
      {!rounds.isPending && items.length === 0 && (
        <p className="govuk-body">There are no rounds yet.</p>
      )}
      {items.length > 0 && (
        <ScrollRegion label="Audit rounds">
          <Table
            caption="Audit rounds"
            captionClasses="govuk-visually-hidden"
            head={[{ text: 'Round' }, { text: 'Term' }, { text: 'Due' }, { text: 'State' }]}
            rows={items.map((round) => [
              {
                html: (
                  <Link className="govuk-link" href={roundPath(tenant, round.id)}>
                    {round.name}
                  </Link>
                ),
              },
              { text: termLabel(round.term, round.academic_year) },
              { text: round.due_on },
              {
                html: (
                  <Tag
                    text={stateNames[round.state] ?? round.state}
                    classes={stateTagClasses[round.state]}
                  />
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
