import { Table } from '../../../components/govuk';
import { Link } from '../../../components/govuk/link';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { letterNames, stateNames, useHistory } from '../api/sir';
import { sirPaths } from '../paths';

/** A setting's SEN information report checks year on year, newest first. */
export function History(props: { tenant: string; settingId: string; checkId: string }) {
  const history = useHistory(props.tenant, props.settingId);
  if (history.error) throw history.error;
  const checks = history.data?.checks ?? [];

  return (
    <>
      <h2 className="govuk-heading-m">This setting year on year</h2>
      {!history.data ? (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      ) : (
        <ScrollRegion label="This setting’s checks">
          <Table
            caption="This setting’s checks, newest first"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Year', format: 'numeric' },
              { text: 'Round' },
              { text: 'Status' },
              { text: 'Not met', format: 'numeric' },
              { text: 'Partially met', format: 'numeric' },
              { text: 'Letter' },
            ]}
            rows={checks.map((c) => [
              { text: String(c.year), format: 'numeric' },
              {
                html:
                  c.id === props.checkId || c.state === 'unallocated' ? (
                    c.round_name
                  ) : (
                    <Link href={sirPaths.check(props.tenant, c.id)}>{c.round_name}</Link>
                  ),
              },
              {
                text: `${stateNames[c.state] ?? c.state}${c.stale ? ', over 12 months old' : ''}`,
              },
              { text: String(c.counts.not_met), format: 'numeric' },
              { text: String(c.counts.partially_met), format: 'numeric' },
              { text: letterNames[c.letter_state] ?? c.letter_state },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
