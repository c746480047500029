import { usePageTitle } from '../../../lib/title';

export function PrivacyPage() {
  usePageTitle('Privacy notice');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy notice</h1>
        <p className="govuk-body">
          Each local area that uses sendqa (the council, with its NHS partners) is the controller of
          the personal data it keeps in sendqa. Its own privacy notice for SEND services says how it
          uses that data and how to contact its data protection officer.
        </p>

        <h2 className="govuk-heading-m">What sendqa keeps</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>your name, work email address and the local areas and roles you have</li>
          <li>
            records needed to check the quality of SEND support, such as audits of education, health
            and care plans, which may include information about children and young people
          </li>
          <li>a record of who viewed or changed each child&apos;s information, and when</li>
        </ul>

        <h2 className="govuk-heading-m">How it is protected</h2>
        <p className="govuk-body">
          Each local area can see only its own records unless it agrees to share results with its
          region. Personal data is deleted when the local area&apos;s retention period ends.
        </p>

        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">
          You can ask the local area for a copy of the information it holds about you or your child,
          and ask for it to be corrected. Contact the local area&apos;s SEND team or data protection
          officer.
        </p>
      </div>
    </div>
  );
}
