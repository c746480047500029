import { useState } from 'react';
import { FileUpload, Link } from '../../../components/govuk';
import { fieldId } from '../../../lib/forms';
import { uploadEvidence, type Evidence } from '../api/audits';
import { auditPaths } from '../paths';

function size(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;

  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The files attached, each downloadable once scanned clean. */
export function EvidenceList({ tenant, files }: { tenant: string; files: Evidence[] }) {
  if (files.length === 0) return null;

  return (
    <ul className="govuk-list govuk-list--bullet" aria-label="Files attached">
      {files.map((file) => (
        <li key={file.id}>
          {file.scan_state === 'clean' ? (
            <Link className="govuk-link" href={auditPaths.evidence(tenant, file.id)} download>
              {file.file_name}
            </Link>
          ) : (
            file.file_name
          )}{' '}
          <span className="govuk-body-s">({size(file.size)})</span>
          {file.scan_state === 'pending' && (
            <strong className="govuk-body-s govuk-!-display-block">
              Waiting for the virus scan: it can be downloaded once the scan finds it clean.
            </strong>
          )}
          {file.scan_state === 'infected' && (
            <strong className="govuk-body-s govuk-!-display-block">
              Removed: the virus scan found a problem with this file.
            </strong>
          )}
        </li>
      ))}
    </ul>
  );
}

export interface EvidenceUploadProps {
  tenant: string;
  responseId: string;
  /** The question the file is evidence for; none for the whole audit. */
  itemId?: string;
  id: string;
  label: string;
  hint?: string;
  errorMessage?: { text: string };
  onUploaded: (file: Evidence) => void;
}

/** Uploads a file the moment it is chosen, and says how it went. */
export function EvidenceUpload(props: EvidenceUploadProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();

  const upload = async (file: File) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      const evidence = await uploadEvidence(props.tenant, props.responseId, file, props.itemId);
      props.onUploaded(evidence);
      setDone(`${file.name} is attached.`);
    } catch (error) {
      setProblem(
        navigator.onLine
          ? `${file.name} could not be attached: ${(error as Error).message}`
          : `${file.name} could not be attached while you are offline. Choose it again when the connection returns.`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <FileUpload
        id={props.id}
        name={props.id}
        label={{ text: props.label, classes: 'govuk-label--s' }}
        hint={{
          text:
            props.hint ??
            'A PDF, picture (PNG or JPEG), text or CSV file. It is attached as soon as you choose it.',
        }}
        errorMessage={problem ? { text: problem } : props.errorMessage}
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
          event.target.value = '';
        }}
      />
      <p className="govuk-body-s" aria-live="polite" id={`${fieldId(props.id)}-status`}>
        {busy ? 'Attaching the file…' : done}
      </p>
    </>
  );
}
