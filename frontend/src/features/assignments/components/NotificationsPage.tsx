import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import {
  Button,
  ErrorSummary,
  Link,
  NotificationBanner,
  Radios,
  Tag,
} from '../../../components/govuk';
import { usePageTitle } from '../../../lib/title';
import { useMarkRead, useNotices, usePreference, useSetPreference } from '../api/audits';
import { formatTime } from './labels';

/** A person's notices in this area, and whether they also come by e-mail. */
export function NotificationsPage() {
  const tenant = useParams().tenant ?? '';
  const notices = useNotices(tenant);
  const markRead = useMarkRead(tenant);
  usePageTitle('Notifications');
  const items = notices.data?.items ?? [];

  return (
    <>
      <h1 className="govuk-heading-l">Notifications</h1>
      {notices.isError && (
        <ErrorSummary
          errorList={[{ text: notices.error.message }]}
          descriptionText="Your notifications could not be loaded. Try again in a moment."
        />
      )}
      {notices.isPending && <p className="govuk-body">Loading notifications</p>}
      {notices.isSuccess && items.length === 0 && (
        <p className="govuk-body">You have no notifications.</p>
      )}
      {items.length > 0 && (
        <ul className="govuk-list" aria-label="Notifications">
          {items.map((notice) => (
            <li key={notice.id} className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                {notice.link ? (
                  <Link className="govuk-link" href={notice.link}>
                    {notice.title}
                  </Link>
                ) : (
                  notice.title
                )}{' '}
                {!notice.read_at && <Tag text="New" classes="govuk-tag--blue" />}
              </h2>
              <p className="govuk-body govuk-!-margin-bottom-1">{notice.body}</p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {formatTime(notice.created_at)}
              </p>
              {!notice.read_at && (
                <Button
                  text="Mark as read"
                  classes="govuk-button--secondary govuk-!-margin-bottom-0"
                  attributes={{ 'aria-label': `Mark as read: ${notice.title}` }}
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate(notice.id)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <EmailPreference tenant={tenant} />
    </>
  );
}

function EmailPreference({ tenant }: { tenant: string }) {
  const preference = usePreference(tenant);
  const save = useSetPreference(tenant);
  const [choice, setChoice] = useState<string>();
  const [saved, setSaved] = useState(false);
  const current = choice ?? (preference.data ? String(preference.data.email) : '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!preference.data || current === '') return;
    setSaved(false);
    save.mutate(
      { email: current === 'true', version: preference.data.version },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      {saved && (
        <NotificationBanner
          type="success"
          titleText="Success"
          text="Your e-mail choice is saved."
          disableAutoFocus
        />
      )}
      {save.isError && <ErrorSummary errorList={[{ text: save.error.message, href: '#email' }]} />}
      <Radios
        name="email"
        idPrefix="email"
        fieldset={{
          legend: { text: 'E-mail notifications', classes: 'govuk-fieldset__legend--m' },
        }}
        hint={{
          text: 'Notifications always show here. You can also have them sent to your e-mail address.',
        }}
        value={current}
        onChange={(event) => {
          setChoice(event.target.value);
          setSaved(false);
        }}
        items={[
          { value: 'true', text: 'Yes, e-mail me as well' },
          { value: 'false', text: 'No, only show them here' },
        ]}
      />
      <Button
        type="submit"
        text="Save e-mail choice"
        disabled={save.isPending || !preference.data}
      />
    </form>
  );
}
