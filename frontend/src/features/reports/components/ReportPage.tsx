import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  BackLink,
  Button,
  ErrorSummary,
  Link,
  NotificationBanner,
  Table,
  Textarea,
} from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useArea } from '../../../lib/area';
import { fieldId, useFormErrors } from '../../../lib/forms';
import { useMay } from '../../../lib/permissions';
import { ApiError, networkProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/title';
import {
  labelText,
  percent,
  usePublishReport,
  useReport,
  useSaveNarrative,
  type Report,
} from '../api/reports';
import { reportPaths } from '../paths';
import { BarChart } from './BarChart';
import { narrativeSections } from './tables';

type Headline = Report['headlines'][number];

export function headlineText(h: Headline, v: number | null | undefined, defined = true) {
  if (!defined || v === null || v === undefined) return 'No data';

  return h.percent ? `${Math.round(v * 100)}%` : String(Math.round(v));
}

/** A practice report: its figures and charts, narrative, downloads and publication. */
export function ReportPage() {
  const { tenant, areaName } = useArea();
  const { reportId = '' } = useParams();
  const report = useReport(tenant, reportId);
  usePageTitle(`${report.data?.title ?? 'Practice report'} – ${areaName}`);
  if (report.error) throw report.error;
  if (!report.data) {
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  }

  return <ReportView tenant={tenant} report={report.data} />;
}

function ReportView({ tenant, report }: { tenant: string; report: Report }) {
  const mayWrite = useMay(tenant, 'reports:write');
  const f = report.figures;
  const draft = report.state === 'draft';
  const narrative = (key: string) =>
    report.narrative[key] ? <p className="govuk-body">{report.narrative[key]}</p> : null;
  const t = f.timeliness;
  const shares = [
    { label: '20 weeks, with exceptions', value: t.ehcna.with_exceptions },
    { label: '20 weeks, without exceptions', value: t.ehcna.without_exceptions },
    { label: 'Health advice, 6 weeks', value: t.health_advice.share },
    { label: 'Annual review steps', value: t.annual_reviews.share },
  ];

  return (
    <>
      <BackLink href={reportPaths.reports(tenant)} text="Back to practice reports" />
      <span className="govuk-caption-l">
        {report.from} to {report.to} · {draft ? 'Draft: figures follow the data' : 'Published'}
      </span>
      <h1 className="govuk-heading-l">{report.title}</h1>
      {report.previous_title && (
        <p className="govuk-body">Compared with {report.previous_title}.</p>
      )}
      <Downloads tenant={tenant} report={report} />
      {narrative('summary')}

      <ScrollRegion label="Headline figures">
        <Table
          caption="Headline figures"
          captionClasses="govuk-table__caption--m"
          firstCellIsHeader
          head={[
            { text: 'Figure' },
            { text: 'This report', format: 'numeric' },
            { text: 'Previous report', format: 'numeric' },
          ]}
          rows={report.headlines.map((h) => [
            { text: h.label },
            { text: headlineText(h, h.value, h.defined), format: 'numeric' },
            {
              text: h.previous === null ? 'None' : headlineText(h, h.previous),
              format: 'numeric',
            },
          ])}
        />
      </ScrollRegion>

      <h2 className="govuk-heading-m">Audits</h2>
      {narrative('audits')}
      {f.activities.length === 0 && (
        <p className="govuk-body">No audit was submitted in this period.</p>
      )}
      {f.activities.map((a) => (
        <section key={a.instrument} aria-labelledby={`activity-${a.instrument}`}>
          <h3 className="govuk-heading-s" id={`activity-${a.instrument}`}>
            {a.title}
          </h3>
          <BarChart
            title={`Results of the ${a.title}`}
            max={Math.max(...a.grades.map((g) => g.count), 1)}
            bars={a.grades.map((g) => ({
              label: labelText(g.label),
              value: g.count,
              text: String(g.count),
            }))}
            alt={`Bar chart of ${a.responses} audits: ${a.grades.map((g) => `${labelText(g.label)} ${g.count}`).join(', ')}.`}
          />
          <ScrollRegion label="Figures">
            <Table
              caption={`Results of the ${a.title}`}
              captionClasses="govuk-visually-hidden"
              head={[{ text: 'Result' }, { text: 'Audits', format: 'numeric' }]}
              rows={[
                ...a.grades.map((g) => [
                  { text: labelText(g.label) },
                  { text: String(g.count), format: 'numeric' as const },
                ]),
                [
                  { text: 'All results' },
                  { text: String(a.responses), format: 'numeric' as const },
                ],
              ]}
            />
          </ScrollRegion>
        </section>
      ))}
      {f.trend.length > f.activities.length && (
        <ScrollRegion label="Figures">
          <Table
            caption="Trend against earlier reports"
            captionClasses="govuk-table__caption--s"
            head={[
              { text: 'Report' },
              { text: 'Activity' },
              { text: 'Audits', format: 'numeric' },
              { text: 'Good or better', format: 'numeric' },
            ]}
            rows={f.trend.map((p) => [
              { text: p.report },
              { text: p.title },
              { text: String(p.responses), format: 'numeric' },
              { text: String(p.good_or_better), format: 'numeric' },
            ])}
          />
        </ScrollRegion>
      )}

      <h2 className="govuk-heading-m">Moderation</h2>
      {narrative('moderation')}
      {f.agreement.length === 0 ? (
        <p className="govuk-body">No moderation was submitted in this period.</p>
      ) : (
        <ScrollRegion label="Figures">
          <Table
            caption="Moderation agreement by round"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Round' },
              { text: 'Items compared', format: 'numeric' },
              { text: 'Agreement', format: 'numeric' },
              { text: 'Weighted kappa', format: 'numeric' },
              { text: 'Strength' },
            ]}
            rows={f.agreement.map((a) => [
              { text: a.round },
              { text: String(a.pairs), format: 'numeric' },
              { text: percent(a.agreement), format: 'numeric' },
              {
                text: a.kappa === null ? 'Cannot be worked out' : a.kappa.toFixed(2),
                format: 'numeric',
              },
              { text: labelText(a.band) },
            ])}
          />
        </ScrollRegion>
      )}

      <h2 className="govuk-heading-m">Statutory timeliness</h2>
      {narrative('timeliness')}
      <BarChart
        title="Statutory timeliness"
        max={100}
        bars={shares.map((s) => ({
          label: s.label,
          value: (s.value ?? 0) * 100,
          text: percent(s.value),
        }))}
        alt={`Bar chart of the share of steps on time, EHC plans first: ${shares.map((s) => `${s.label} ${percent(s.value)}`).join(', ')}.`}
      />
      <ScrollRegion label="Figures">
        <Table
          caption="Statutory timeliness"
          captionClasses="govuk-visually-hidden"
          head={[
            { text: 'Measure' },
            { text: 'On time', format: 'numeric' },
            { text: 'Out of', format: 'numeric' },
            { text: 'Share', format: 'numeric' },
          ]}
          rows={[
            [
              'EHC plans issued within 20 weeks, including exceptions',
              t.ehcna.on_time,
              t.ehcna.issued,
              t.ehcna.with_exceptions,
            ],
            [
              'EHC plans issued within 20 weeks, excluding exceptions',
              t.ehcna.on_time,
              t.ehcna.on_time + t.ehcna.late,
              t.ehcna.without_exceptions,
            ],
            [
              'Health advice within 6 weeks',
              t.health_advice.on_time,
              t.health_advice.judged,
              t.health_advice.share,
            ],
            [
              'Annual review steps on time',
              t.annual_reviews.on_time,
              t.annual_reviews.judged,
              t.annual_reviews.share,
            ],
          ].map(([label, n, of, share]) => [
            { text: String(label) },
            { text: String(n), format: 'numeric' as const },
            { text: String(of), format: 'numeric' as const },
            { text: percent(share as number | null), format: 'numeric' as const },
          ])}
        />
      </ScrollRegion>
      <p className="govuk-body">
        {t.ehcna.overdue} EHC {t.ehcna.overdue === 1 ? 'plan is' : 'plans are'} past 20 weeks and
        not yet issued; {t.ehcna.excused} {t.ehcna.excused === 1 ? 'was' : 'were'} late with an
        exception the law allows.
      </p>

      <h2 className="govuk-heading-m">Triangulated themes</h2>
      {narrative('themes')}
      {f.themes.length === 0 ? (
        <p className="govuk-body">No finding was recorded in this period.</p>
      ) : (
        <ScrollRegion label="Figures">
          <Table
            caption="Themes by how many sources found them"
            captionClasses="govuk-visually-hidden"
            head={[
              { text: 'Theme' },
              { text: 'Sources', format: 'numeric' },
              { text: 'Strengths', format: 'numeric' },
              { text: 'Areas for development', format: 'numeric' },
              { text: 'Triangulated' },
            ]}
            rows={f.themes.map((th) => [
              { text: th.theme },
              { text: String(th.sources), format: 'numeric' },
              { text: String(th.strengths), format: 'numeric' },
              { text: String(th.developments), format: 'numeric' },
              { text: th.triangulated ? 'Yes' : 'No' },
            ])}
          />
        </ScrollRegion>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href={reportPaths.triangulation(tenant)}>
          Open the triangulation
        </Link>
      </p>

      <h2 className="govuk-heading-m">Improvement plan</h2>
      {narrative('plan')}
      <ScrollRegion label="Figures">
        <Table
          caption="Practice improvement plan actions"
          captionClasses="govuk-visually-hidden"
          head={[{ text: 'Actions' }, { text: 'Number', format: 'numeric' }]}
          rows={(
            [
              ['All actions', f.plan.total],
              ['Not started', f.plan.not_started],
              ['In progress', f.plan.in_progress],
              ['Completed', f.plan.completed],
              ['Cancelled', f.plan.cancelled],
              ['Overdue', f.plan.overdue],
              ['Rated red', f.plan.red],
              ['Rated amber', f.plan.amber],
              ['Rated green', f.plan.green],
            ] as const
          ).map(([label, n]) => [{ text: label }, { text: String(n), format: 'numeric' as const }])}
        />
      </ScrollRegion>

      <h2 className="govuk-heading-m">Voice of young people and families</h2>
      {narrative('voice')}
      {f.voice.length === 0 ? (
        <p className="govuk-body">Nothing was recorded from young people or families.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {f.voice.map((v, i) => (
            <li key={i}>
              {v.body}{' '}
              <span className="govuk-hint govuk-!-display-inline">
                ({v.source}, {v.found_on},{' '}
                {v.polarity === 'strength' ? 'strength' : 'area for development'})
              </span>
            </li>
          ))}
        </ul>
      )}
      {narrative('next_steps') && (
        <>
          <h2 className="govuk-heading-m">Next steps</h2>
          {narrative('next_steps')}
        </>
      )}
      {draft && mayWrite && <NarrativeForm tenant={tenant} report={report} />}
    </>
  );
}

function Downloads({ tenant, report }: { tenant: string; report: Report }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function word() {
    setBusy(true);
    setFailed(false);
    try {
      const { reportDocument } = await import('./word');
      const blob = await reportDocument(report);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${report.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.docx`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="govuk-button-group">
      <Link className="govuk-link" href={reportPaths.download(tenant, report.id, 'pdf')} download>
        Download as PDF
      </Link>
      <Link className="govuk-link" href={reportPaths.download(tenant, report.id, 'xlsx')} download>
        Download the figures (XLSX)
      </Link>
      <Button
        type="button"
        classes="govuk-button--secondary"
        text="Download as Word"
        disabled={busy}
        onClick={() => void word()}
      />
      {failed && (
        <p className="govuk-error-message" role="alert">
          The Word document could not be made. Try again.
        </p>
      )}
    </div>
  );
}

function NarrativeForm({ tenant, report }: { tenant: string; report: Report }) {
  const save = useSaveNarrative(tenant, report.id);
  const publish = usePublishReport(tenant, report.id);
  const errors = useFormErrors();
  const [text, setText] = useState<Record<string, string>>(() => ({ ...report.narrative }));
  const [saved, setSaved] = useState(false);

  async function submit(action: 'save' | 'publish') {
    setSaved(false);
    try {
      const current = await save.mutateAsync({ narrative: text, version: report.version });
      if (action === 'publish') await publish.mutateAsync(current.version);
      else setSaved(true);
      errors.clear();
    } catch (error) {
      errors.showProblem(
        error instanceof ApiError ? error.problem : networkProblem,
        'narrative.summary',
      );
    }
  }

  return (
    <section aria-labelledby="narrative-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="narrative-heading">
        Write the narrative
      </h2>
      {errors.hasErrors && <ErrorSummary errorList={errors.summary} />}
      {saved && <NotificationBanner type="success" text="The narrative has been saved." />}
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        {narrativeSections.map((s) => (
          <Textarea
            key={s.key}
            id={fieldId(`narrative.${s.key}`)}
            name={`narrative.${s.key}`}
            label={{ text: s.title, classes: 'govuk-label--s' }}
            rows={3}
            value={text[s.key] ?? ''}
            errorMessage={errors.messageFor(`narrative.${s.key}`)}
            onChange={(e) => setText({ ...text, [s.key]: e.target.value })}
          />
        ))}
        <div className="govuk-button-group">
          <Button
            type="button"
            text="Save narrative"
            disabled={save.isPending}
            onClick={() => void submit('save')}
          />
          <Button
            type="button"
            classes="govuk-button--warning"
            text="Publish and freeze the report"
            disabled={save.isPending || publish.isPending}
            onClick={() => void submit('publish')}
          />
        </div>
      </form>
    </section>
  );
}
