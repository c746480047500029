import { usePageTitle } from '../../../lib/title';

export function AccessibilityPage() {
  usePageTitle('Accessibility statement');

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Accessibility statement for sendqa</h1>
        <p className="govuk-body">
          sendqa is used by councils, the NHS, schools, providers and young people to check the
          quality of support for children and young people with special educational needs and
          disabilities. We want as many people as possible to be able to use it. You should be able
          to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>use it with your keyboard alone</li>
          <li>use it with a screen reader or speech recognition software</li>
          <li>change colours, contrast and fonts in your browser</li>
          <li>
            get a warning before you are signed out for not doing anything, and stay signed in
          </li>
        </ul>

        <h2 className="govuk-heading-m">How accessible sendqa is</h2>
        <p className="govuk-body">
          sendqa is built to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at
          level AA, using the components of the GOV.UK Design System. Every page is checked with
          automated accessibility tests in a real browser as it is built. sendqa is new and has not
          yet been audited by an independent accessibility specialist.
        </p>

        <h2 className="govuk-heading-m">Reporting problems and getting help</h2>
        <p className="govuk-body">
          If you find a problem with the accessibility of sendqa, or need information in another
          format, contact the SEND team of the local area you use sendqa for. They will pass it to
          the people who build sendqa and reply within 10 working days.
        </p>

        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
          Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.
          If you are not happy with how your complaint is handled, contact the Equality Advisory and
          Support Service (EASS).
        </p>
      </div>
    </div>
  );
}
