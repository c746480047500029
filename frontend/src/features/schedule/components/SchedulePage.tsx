import { useState } from 'react';
import { Button, ErrorSummary, NotificationBanner, Table, Tag } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { useMay } from '../../../lib/permissions';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  frequencies,
  useFeed,
  useMarkDone,
  useNewFeed,
  useRevokeFeed,
  useSchedule,
  useStartFromFramework,
  type Activity,
} from '../api/schedule';

const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function when(a: Activity) {
  if (a.frequency === 'monthly') return `Monthly, on the ${a.due_day}th`;
  const months = a.months.map((m) => monthNames[m - 1]).join(', ');

  return `${frequencies[a.frequency]}: ${months}`;
}

function StatusTag({ activity }: { activity: Activity }) {
  if (activity.overdue.length > 0) return <Tag text="Overdue" classes="govuk-tag--red" />;
  if (activity.next?.state === 'due_soon')
    return <Tag text="Due soon" classes="govuk-tag--yellow" />;

  return <Tag text="On track" classes="govuk-tag--green" />;
}

/** The QA schedule: what is due, what is overdue, and a calendar feed of it. */
export function SchedulePage() {
  const { tenant, areaName } = useArea();
  const schedule = useSchedule(tenant);
  const mayWrite = useMay(tenant, 'schedule:write');
  const start = useStartFromFramework(tenant);
  const markDone = useMarkDone(tenant);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState('');
  usePageTitle(`QA schedule – ${areaName}`, { error: failure !== '' });
  if (schedule.error) throw schedule.error;

  const items = schedule.data?.items ?? [];
  const overdue = items.flatMap((a) => a.overdue.map((o) => ({ activity: a, dueOn: o.due_on })));

  async function done(activity: Activity, dueOn: string) {
    setMessage('');
    setFailure('');
    try {
      await markDone.mutateAsync({ id: activity.id, dueOn });
      setMessage(`${activity.what}, due ${longDate(dueOn)}, is marked done.`);
    } catch (error) {
      setFailure((error instanceof ApiError ? error.problem : networkProblem).detail ?? '');
    }
  }

  return (
    <>
      {message && <NotificationBanner type="success" text={message} />}
      {failure && <ErrorSummary errorList={[{ text: failure, href: '#overdue' }]} />}
      <h1 className="govuk-heading-l">QA schedule</h1>
      <p className="govuk-body">
        The quality assurance activities of {areaName}, how often each happens and what it leads to.
        {schedule.data && ` Today is ${longDate(schedule.data.today)}.`}
      </p>
      {schedule.isPending && <p className="govuk-body">Loading the schedule…</p>}
      {schedule.isSuccess && items.length === 0 && (
        <div className="govuk-inset-text">The schedule has no activities yet.</div>
      )}
      {mayWrite && schedule.isSuccess && items.length < 9 && (
        <Button
          text="Add the framework’s activities"
          classes="govuk-button--secondary"
          disabled={start.isPending}
          onClick={() =>
            void start
              .mutateAsync()
              .then(() => setMessage('The framework’s activities are on the schedule.'))
          }
        />
      )}

      <h2 className="govuk-heading-m" id="overdue">
        Overdue
      </h2>
      {schedule.isSuccess && overdue.length === 0 && (
        <p className="govuk-body">Nothing is overdue.</p>
      )}
      {overdue.length > 0 && (
        <ScrollRegion label="Overdue activities">
          <Table
            caption="Overdue activities"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Activity' },
              { text: 'Was due' },
              { text: 'Reminds' },
              ...(mayWrite
                ? [{ html: <span className="govuk-visually-hidden">Action</span> }]
                : []),
            ]}
            rows={overdue.map(({ activity, dueOn }) => [
              { text: activity.what },
              { text: longDate(dueOn) },
              { text: activity.owner_name || 'Nobody' },
              ...(mayWrite
                ? [
                    {
                      html: (
                        <Button
                          text="Mark done"
                          classes="govuk-button--secondary govuk-!-margin-bottom-0"
                          attributes={{
                            'aria-label': `Mark done: ${activity.what}, due ${longDate(dueOn)}`,
                          }}
                          disabled={markDone.isPending}
                          onClick={() => void done(activity, dueOn)}
                        />
                      ),
                    },
                  ]
                : []),
            ])}
          />
        </ScrollRegion>
      )}

      <h2 className="govuk-heading-m">Every activity</h2>
      {items.length > 0 && (
        <ScrollRegion label="Every activity">
          <Table
            caption="Every activity"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'What' },
              { text: 'Who' },
              { text: 'When' },
              { text: 'Next due' },
              { text: 'Status' },
            ]}
            rows={items.map((a) => [
              {
                html: (
                  <>
                    <span className="govuk-!-font-weight-bold">{a.what}</span>
                    {a.outcome && <span className="govuk-body-s app-block">{a.outcome}</span>}
                  </>
                ),
              },
              { text: a.who },
              { text: when(a) },
              { text: a.next ? longDate(a.next.due_on) : 'Nothing planned' },
              { html: <StatusTag activity={a} /> },
            ])}
          />
        </ScrollRegion>
      )}
      <CalendarFeed tenant={tenant} />
    </>
  );
}

/** The person's calendar feed: its address is shown once, when it is made. */
function CalendarFeed({ tenant }: { tenant: string }) {
  const feed = useFeed(tenant);
  const make = useNewFeed(tenant);
  const revoke = useRevokeFeed(tenant);
  const [address, setAddress] = useState('');

  async function newFeed() {
    const made = await make.mutateAsync();
    setAddress(`${window.location.origin}${made.url ?? ''}`);
  }

  return (
    <>
      <h2 className="govuk-heading-m">Add the schedule to your calendar</h2>
      <p className="govuk-body">
        Subscribe to the schedule from Outlook, Google Calendar or any calendar that reads iCalendar
        feeds. The address is private to you: anyone who has it can read the schedule, so do not
        share it. Making a new address stops the old one.
      </p>
      {address && (
        <div className="govuk-inset-text">
          <p className="govuk-body">Your calendar address, shown only now:</p>
          <p className="govuk-body app-break-anywhere">
            <code id="feed-address">{address}</code>
          </p>
        </div>
      )}
      {feed.data?.active && !address && (
        <p className="govuk-body">
          You have a calendar address. Make a new one if you have lost it.
        </p>
      )}
      <div className="govuk-button-group">
        <Button
          text={feed.data?.active ? 'Make a new calendar address' : 'Make a calendar address'}
          disabled={make.isPending}
          onClick={() => void newFeed()}
        />
        {feed.data?.active && (
          <Button
            text="Stop my calendar address"
            classes="govuk-button--warning"
            disabled={revoke.isPending}
            onClick={() => void revoke.mutateAsync().then(() => setAddress(''))}
          />
        )}
      </div>
    </>
  );
}
