import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import {
  Button,
  ErrorSummary,
  NotificationBanner,
  SummaryList,
  Table,
  Tag,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useFormErrors } from '../../../lib/forms';
import { paths } from '../../../lib/paths';
import { ApiError, networkProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/title';
import { useRevokeToken, useTokens, type AccessToken } from '../api/account';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** Who is signed in, their password and their personal access tokens. */
export function AccountPage() {
  const session = useSession().data;
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const errors = useFormErrors();
  const state = useLocation().state as { flash?: string } | null;
  const [flash, setFlash] = useState(state?.flash);
  usePageTitle('Your account', { error: errors.hasErrors });

  if (tokens.error) throw tokens.error;

  async function revokeToken(token: AccessToken) {
    try {
      await revoke.mutateAsync(token.id);
      errors.clear();
      setFlash(
        `The token “${token.name}” has been revoked. Programs using it can no longer sign in.`,
      );
    } catch (error) {
      errors.showProblem(error instanceof ApiError ? error.problem : networkProblem);
    }
  }

  const active = tokens.data?.items.filter((token) => !token.revoked) ?? [];

  return (
    <>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {flash && !errors.hasErrors && <NotificationBanner type="success" text={flash} />}
      <h1 className="govuk-heading-l">Your account</h1>
      {session && (
        <SummaryList
          rows={[
            { key: { text: 'Name' }, value: { text: session.person.name } },
            { key: { text: 'Email' }, value: { text: session.person.email } },
            {
              key: { text: 'Password' },
              value: { text: 'Hidden' },
              actions: {
                items: [
                  {
                    href: paths.changePassword,
                    text: 'Change',
                    visuallyHiddenText: 'password',
                  },
                ],
              },
            },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Personal access tokens</h2>
      <p className="govuk-body">
        A token lets a program or script use the sendqa API as you, with your roles. Keep it secret
        and revoke it when it is no longer needed.
      </p>
      <Button text="Create a token" href={paths.newToken} classes="govuk-button--secondary" />
      {tokens.data && active.length === 0 && (
        <p className="govuk-body">You have no active tokens.</p>
      )}
      {active.length > 0 && (
        <ScrollRegion label="Your tokens">
          <Table
            caption="Your tokens"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Name' },
              { text: 'Expires' },
              { text: 'Last used' },
              { text: 'Action' },
            ]}
            rows={active.map((token) => [
              { text: token.name },
              { text: dateFormat.format(new Date(token.expires_on)) },
              {
                html: token.last_used_at ? (
                  dateFormat.format(new Date(token.last_used_at))
                ) : (
                  <Tag text="Never" classes="govuk-tag--grey" />
                ),
              },
              {
                html: (
                  <Button
                    type="button"
                    text={`Revoke ${token.name}`}
                    classes="govuk-button--warning govuk-!-margin-bottom-0"
                    disabled={revoke.isPending}
                    onClick={() => void revokeToken(token)}
                  />
                ),
              },
            ])}
          />
        </ScrollRegion>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={paths.signOut}>
          Sign out
        </Link>
      </p>
    </>
  );
}
