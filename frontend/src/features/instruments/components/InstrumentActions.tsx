import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ErrorSummary, Link, NotificationBanner, Radios } from '../../../components/govuk';
import { useFormErrors } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { findMembership, useSession } from '../../../lib/session';
import type { Instrument } from '../api/instrument';
import {
  useInstrumentUses,
  useNewVersion,
  useRetire,
  useShare,
  useShares,
  useWithdrawShare,
  type Share,
} from '../api/writing';
import { adoptPath, comparePath, editPath, localLayerPath } from './paths';

/** Whether the signed-in person may write the area's instruments. */
export function useCanWrite(tenant: string) {
  const membership = findMembership(useSession().data, tenant);

  return Boolean(membership?.roles.some((role) => role === 'qa_lead' || role === 'tenant_admin'));
}

function formatDay(iso: string) {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

interface ActionsProps {
  tenant: string;
  /** The key or id the page was opened with, for the API's paths. */
  instrumentRef: string;
  instrument: Instrument;
}

/** Where an adopted copy came from, as its definition remembers it. */
export function Origin({ instrument }: { instrument: Instrument }) {
  const origin = instrument.definition.derived_from;
  if (!origin) return null;

  return (
    <div className="govuk-inset-text" data-testid="origin">
      Copied from version {origin.version} of <strong>{origin.key}</strong>,{' '}
      {origin.tenant ? `shared by ${origin.tenant}` : 'in the built-in library'}. The copy is your
      area’s own: changes to the original do not reach it.
    </div>
  );
}

/**
 * Writing the area's own instrument: edit its draft, or start a new
 * version from the published one, compare versions, and retire it.
 */
export function OwnActions({ tenant, instrumentRef, instrument }: ActionsProps) {
  const navigate = useNavigate();
  const newVersion = useNewVersion(tenant, instrumentRef);
  const retire = useRetire(tenant, instrumentRef);
  const errors = useFormErrors();
  const draft = instrument.versions.find((version) => version.state === 'draft');
  const published = instrument.versions.find((version) => version.state === 'published');
  const [older] = instrument.versions.filter((version) => version !== instrument.versions[0]);
  const newest = instrument.versions[0];
  const fail = (error: Error) =>
    error instanceof ApiError
      ? errors.showProblem(error.problem, 'instrument-actions')
      : errors.show([{ field: 'instrument-actions', message: error.message }]);

  return (
    <section aria-labelledby="instrument-actions" className="govuk-!-margin-bottom-6">
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      <h2 className="govuk-heading-m" id="instrument-actions">
        Change it
      </h2>
      <div className="govuk-button-group">
        {draft ? (
          <Button
            href={editPath(tenant, instrumentRef, draft.number)}
            text={`Edit the draft of version ${draft.number}`}
          />
        ) : (
          <Button
            type="button"
            text="Start a new version"
            disabled={newVersion.isPending}
            onClick={() =>
              newVersion.mutate(undefined, {
                onSuccess: (version) =>
                  navigate(editPath(tenant, instrumentRef, version.number), {
                    state: { created: true },
                  }),
                onError: fail,
              })
            }
          />
        )}
        {published && (
          <Button
            type="button"
            classes="govuk-button--warning"
            text={`Retire version ${published.number}`}
            disabled={retire.isPending}
            onClick={() => retire.mutate(instrument.version, { onError: fail })}
          />
        )}
        {older && newest && (
          <Link
            className="govuk-link"
            href={comparePath(tenant, instrumentRef, older.number, newest.number)}
          >
            Compare version {older.number} with version {newest.number}
          </Link>
        )}
      </div>
    </section>
  );
}

const scopeNames: Record<string, string> = {
  region: 'every area in your region',
  all: 'every area',
};

/**
 * Sharing: private until shared with the region or everyone; a share can
 * be withdrawn, which stops new use and leaves results already collected.
 */
export function Sharing({ tenant, instrumentRef, instrument }: ActionsProps) {
  const shares = useShares(tenant, instrumentRef, true);
  const share = useShare(tenant, instrumentRef);
  const withdraw = useWithdrawShare(tenant, instrumentRef);
  const errors = useFormErrors();
  const [scope, setScope] = useState('region');
  const [notice, setNotice] = useState('');
  const active = (shares.data?.items ?? []).filter((item) => !item.withdrawn_at);
  const withdrawn = (shares.data?.items ?? []).filter((item) => item.withdrawn_at);
  const canShare = instrument.versions.some((version) => version.state === 'published');
  const fail = (error: Error) =>
    error instanceof ApiError
      ? errors.showProblem(error.problem, 'scope')
      : errors.show([{ field: 'scope', message: error.message }]);

  const onShare = (event: FormEvent) => {
    event.preventDefault();
    share.mutate(scope as 'region' | 'all', {
      onSuccess: () => {
        errors.clear();
        setNotice(`Shared with ${scopeNames[scope]}.`);
      },
      onError: fail,
    });
  };
  const onWithdraw = (item: Share) =>
    withdraw.mutate(item, {
      onSuccess: () => {
        errors.clear();
        setNotice(
          'The share is withdrawn. No area can start using it now; results already collected stay.',
        );
      },
      onError: fail,
    });

  return (
    <section aria-labelledby="sharing" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="sharing">
        Sharing
      </h2>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {notice && <NotificationBanner type="success" titleText="Success" text={notice} />}
      <p className="govuk-body" data-testid="sharing-state">
        {active.length === 0
          ? 'Private: only your area can see it.'
          : `Shared with ${active.map((item) => scopeNames[item.scope] ?? item.scope).join(' and ')}.`}
      </p>
      {active.length > 0 && (
        // eslint-disable-next-line jsx-a11y/no-redundant-roles
        <ul className="govuk-list" role="list">
          {active.map((item) => {
            const whom = scopeNames[item.scope] ?? item.scope;

            return (
              <li key={item.id}>
                <p className="govuk-body govuk-!-margin-bottom-2">
                  With {whom} since {formatDay(item.created_at)}:{' '}
                  {item.instrument_version
                    ? `version ${item.instrument_version}`
                    : 'every published version'}
                  .
                </p>
                <Button
                  type="button"
                  classes="govuk-button--warning"
                  disabled={withdraw.isPending}
                  html={
                    <>
                      Withdraw<span className="govuk-visually-hidden"> the share with {whom}</span>
                    </>
                  }
                  onClick={() => onWithdraw(item)}
                />
              </li>
            );
          })}
        </ul>
      )}
      {withdrawn.length > 0 && (
        <p className="govuk-body-s">
          Withdrawn:{' '}
          {withdrawn
            .map(
              (item) =>
                `with ${scopeNames[item.scope] ?? item.scope} on ${formatDay(item.withdrawn_at ?? '')}`,
            )
            .join('; ')}
          .
        </p>
      )}
      {canShare ? (
        <form onSubmit={onShare} noValidate>
          <Radios
            name="scope"
            idPrefix="scope"
            fieldset={{ legend: { text: 'Share it with', classes: 'govuk-fieldset__legend--s' } }}
            hint={{
              text: 'Other areas can use it as it is, with their own questions added, or adopt a copy. They cannot change yours.',
            }}
            errorMessage={errors.messageFor('scope')}
            value={scope}
            items={[
              { value: 'region', text: 'Every area in your region' },
              { value: 'all', text: 'Every area' },
            ]}
            onChange={(event) => setScope(event.target.value)}
          />
          <Button type="submit" text="Share" disabled={share.isPending} />
        </form>
      ) : (
        <p className="govuk-body">Publish a version before you share it.</p>
      )}
    </section>
  );
}

/**
 * Another area's instrument, shared with this one: who owns it, how this
 * area uses it, and whether the owner has published a newer version.
 */
export function SharedUse({ tenant, instrumentRef, instrument }: ActionsProps) {
  const canWrite = useCanWrite(tenant);
  const uses = useInstrumentUses(tenant, true);
  const ours = (uses.data ?? []).filter((use) => use.source_instrument_id === instrument.id);
  const usedVersion = Math.max(0, ...ours.map((use) => use.instrument_version));

  return (
    <section aria-labelledby="shared-use" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="shared-use">
        Shared by {instrument.owner?.tenant_name ?? 'another area'}
      </h2>
      {usedVersion > 0 && usedVersion < instrument.current_version && (
        <NotificationBanner
          titleText="A new version is available"
          html={
            <p className="govuk-notification-banner__heading">
              {instrument.owner?.tenant_name ?? 'The owner'} has published version{' '}
              {instrument.current_version}; your area uses version {usedVersion}. Rounds already
              running keep the version they started with: move when you choose.{' '}
              <Link
                className="govuk-notification-banner__link"
                href={comparePath(tenant, instrumentRef, usedVersion, instrument.current_version)}
              >
                See what changed
              </Link>
            </p>
          }
        />
      )}
      <p className="govuk-body">
        Its questions and scoring stay as {instrument.owner?.tenant_name ?? 'the owner'} wrote them.
        Your area can use it as it is, with questions of its own in a local section, or adopt a copy
        to change as its own.
      </p>
      {ours.length > 0 && (
        <ul className="govuk-list govuk-list--bullet" data-testid="uses">
          {ours.map((use) => (
            <li key={use.id}>
              {use.kind === 'layer'
                ? `Your area uses version ${use.instrument_version} with ${
                    use.definition?.sections.at(-1)?.items.length ?? 0
                  } local questions.`
                : `Your area adopted a copy of version ${use.instrument_version}.`}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <div className="govuk-button-group">
          <Button href={localLayerPath(tenant, instrumentRef)} text="Use it with local questions" />
          <Button
            href={adoptPath(tenant, instrumentRef)}
            classes="govuk-button--secondary"
            text="Adopt a copy"
          />
        </div>
      )}
    </section>
  );
}
