import { Link, Navigate, useParams } from 'react-router-dom';
import { Tag } from '../../../components/govuk';
import { findMembership, useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import { roleGuides } from './roleGuide';

/** The home page of a local area: what each of the person's roles can do. */
export function HomePage() {
  const { tenant } = useParams();
  const session = useSession().data;
  const membership = findMembership(session, tenant);
  usePageTitle(membership ? `Home – ${membership.tenant_name}` : 'Home');

  // Someone outside this area learns nothing about it, as the API's 404.
  if (!session || !membership) return <Navigate to="/page-not-found" replace />;

  const firstName = session.person.name.split(' ')[0] ?? session.person.name;

  return (
    <>
      <span className="govuk-caption-l">{membership.tenant_name}</span>
      <h1 className="govuk-heading-l">Welcome, {firstName}</h1>
      <p className="govuk-body-l">
        sendqa is being built in steps. This is what you can do here, and what is coming.
      </p>
      {membership.roles.map((role) => {
        const guide = roleGuides[role];
        // What can be done now comes before what is coming.
        const panels = [
          ...guide.coming.filter((panel) => panel.href),
          ...guide.coming.filter((panel) => !panel.href),
        ];

        return (
          <section key={role} aria-labelledby={`role-${role}`}>
            <h2 className="govuk-heading-m" id={`role-${role}`}>
              As {article(guide.name)} {guide.name.toLowerCase()}
            </h2>
            <p className="govuk-body">{guide.purpose}</p>
            {/* Safari drops list semantics from lists styled without
                bullets unless the role is explicit. */}
            {/* eslint-disable-next-line jsx-a11y/no-redundant-roles */}
            <ul className="app-panel-grid govuk-list" role="list">
              {panels.map((panel) => (
                <li className="app-card" key={panel.title}>
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
                    {panel.href ? (
                      <Link className="govuk-link" to={panel.href(membership.tenant)}>
                        {panel.title}
                      </Link>
                    ) : (
                      panel.title
                    )}
                  </h3>
                  <p className="govuk-body-s">{panel.description}</p>
                  {!panel.href && <Tag text="Coming soon" classes="govuk-tag--grey" />}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function article(noun: string) {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
