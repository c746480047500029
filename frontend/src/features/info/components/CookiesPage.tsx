import { Table } from '../../../components/govuk';
import { usePageTitle } from '../../../lib/title';

export function CookiesPage() {
  usePageTitle('Cookies');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Cookies</h1>
        <p className="govuk-body">
          sendqa puts small files called cookies on your device only to keep you signed in. They are
          essential to the service, so it does not ask for your consent to them. sendqa does not use
          cookies to measure how you use it or for advertising.
        </p>
        <p className="govuk-body">
          Your browser cannot read these cookies with scripts, and sends them only to sendqa over a
          secure connection.
        </p>
        <Table
          caption="Cookies that keep you signed in"
          captionClasses="govuk-table__caption--m"
          firstCellIsHeader
          head={[{ text: 'Purpose' }, { text: 'What it holds' }, { text: 'Expires' }]}
          rows={[
            [
              { text: 'Proves you are signed in' },
              { text: 'A short-lived access key' },
              { text: 'After a few minutes; renewed while you use sendqa' },
            ],
            [
              { text: 'Renews your access key' },
              { text: 'A single-use renewal key' },
              { text: 'When you sign out, or after a period without activity' },
            ],
          ]}
        />
      </div>
    </div>
  );
}
