import { paths } from '../../../lib/paths';
import type { Role } from '../../../lib/session';

export interface ComingPanel {
  title: string;
  description: string;
  /** The page, once it exists, for the area with this slug. */
  href?: (tenant: string) => string;
}

export interface RoleGuide {
  /** What the role is called on screen. */
  name: string;
  /** One line on what people in this role come to sendqa to do. */
  purpose: string;
  coming: ComingPanel[];
}

const auditTrail: ComingPanel = {
  title: 'Audit trail',
  description: 'See who changed what and when, and who saw a child’s details.',
  href: paths.auditLog,
};

/** The library, for roles that read instruments but do not write them. */
const instrumentLibrary: ComingPanel = {
  title: 'Instrument library',
  description: 'Read the audit instruments your area uses and preview how they score.',
  href: paths.instruments,
};

/** The organisations, for roles that read them but do not change them. */
const servicesAndSettings: ComingPanel = {
  title: 'Services and settings',
  description: 'See the services, settings and providers of your area.',
  href: paths.organisations,
};

/**
 * What each role will find in sendqa, shown on the home page. A panel
 * links only once its page exists (`href`); until then it describes, as a
 * link to a page that is not there yet would be a dead end.
 */
export const roleGuides: Record<Role, RoleGuide> = {
  qa_lead: {
    name: 'Quality assurance lead',
    purpose: 'Run the audit programme and report on the quality of practice.',
    coming: [
      {
        title: 'Subjects',
        description:
          'Import the council’s case list and find the plans, cases and advice your area audits.',
        href: paths.subjects,
      },
      {
        title: 'Audit rounds',
        description:
          'Plan rounds on the termly calendar, sample plans and cases, and allocate them to auditors without conflicts of interest.',
        href: paths.rounds,
      },
      {
        title: 'Alternative provision providers',
        description:
          'Invite providers, audit them against the quality standards, and share results with your region.',
        href: paths.providers,
      },
      {
        title: 'Instrument library',
        description:
          'Adopt audit instruments from the built-in library or your region, and write your own.',
        href: paths.instruments,
      },
      {
        title: 'Services and settings',
        description: 'Keep the list of services, settings and providers up to date.',
        href: paths.organisations,
      },
      auditTrail,
      {
        title: 'Moderation',
        description:
          'Compare blind second audits side by side, agree a result and see agreement improve over time.',
        href: paths.moderation,
      },
      {
        title: 'SEN information reports',
        description:
          'Import the register of settings, check a random sample of reports each year and send each setting its letter.',
        href: paths.sir,
      },
      {
        title: 'Triangulation',
        description:
          'See each theme across audits, moderation, complaints and feedback, and turn a theme into an action.',
        href: paths.triangulation,
      },
      {
        title: 'Practice report',
        description:
          'Assemble the termly practice report from audits, complaints and feedback, as a page, a PDF and a Word document.',
        href: paths.reports,
      },
      {
        title: 'Improvement plan',
        description:
          'Track actions against findings, with owners, dates, RAG status and evidence of impact.',
        href: paths.actions,
      },
      {
        title: 'QA schedule',
        description:
          'See due and overdue quality assurance activities in a calendar you can subscribe to.',
        href: paths.schedule,
      },
      {
        title: 'Programme at a glance',
        description:
          'Audits by progress and result, moderation agreement and actions, with small numbers withheld.',
        href: paths.programmeDashboard,
      },
      {
        title: 'Regional benchmarks',
        description:
          'Your results beside the other Black Country areas that agree to share, and your consent.',
        href: paths.benchmarks,
      },
    ],
  },
  auditor: {
    name: 'Auditor',
    purpose: 'Complete the audits allocated to you and join moderation.',
    coming: [
      {
        title: 'Your audits',
        description: 'An inbox of the audits allocated to you, with due dates and reminders.',
        href: paths.assignments,
      },
      {
        title: 'Audit forms',
        description:
          'Forms that save as you go, take evidence and show the computed result when you submit.',
      },
      {
        title: 'Moderation',
        description:
          'Audit a sample a second time without seeing the first result, then agree one.',
        href: paths.moderation,
      },
      instrumentLibrary,
      servicesAndSettings,
    ],
  },
  service_manager: {
    name: 'Service manager',
    purpose: 'See results about your service, answer feedback and own actions.',
    coming: [
      {
        title: 'Results for your service',
        description: 'Audit results for the plans and advice your service contributed to.',
        href: paths.serviceDashboard,
      },
      {
        title: 'Feedback to answer',
        description:
          'Plans rated requires improvement or inadequate, with space for your response and remedial actions.',
        href: paths.feedback,
      },
      {
        title: 'Young people’s visits',
        description: 'Read what HY5! young people said about your service and answer them.',
        href: paths.visits,
      },
      {
        title: 'Your actions',
        description: 'Improvement plan actions you own, with their dates and status.',
        href: paths.actions,
      },
      instrumentLibrary,
      servicesAndSettings,
    ],
  },
  tenant_admin: {
    name: 'Administrator',
    purpose: "Manage your local area's people, services, settings and instruments.",
    coming: [
      {
        title: 'People and roles',
        description: 'Invite people, give them roles and remove access when they leave.',
        href: paths.members,
      },
      {
        title: 'Services and settings',
        description: 'Keep the list of services, settings and providers up to date.',
        href: paths.organisations,
      },
      auditTrail,
      {
        title: 'Instrument library',
        description:
          'Adopt audit instruments from the built-in library or your region, and create your own.',
        href: paths.instruments,
      },
      {
        title: 'Children’s personal data',
        description:
          'Set how long names, dates of birth and NHS numbers are kept, and remove them once that time has passed.',
        href: paths.personalData,
      },
      {
        title: 'Subject access requests',
        description: 'Find a child’s record and download everything sendqa holds about them.',
        href: paths.accessRequest,
      },
    ],
  },
  provider: {
    name: 'Alternative provision provider',
    purpose: 'Show evidence against the quality standards and read your feedback.',
    coming: [
      {
        title: 'Your audits',
        description:
          'Upload evidence against each quality standard for every council that audits you, read the red, amber or green rating and feedback, and challenge a rating.',
        href: paths.providerInbox,
      },
    ],
  },
  young_person: {
    name: 'Young person',
    purpose: 'Tell us what you found on your visits, and see what changed.',
    coming: [
      {
        title: 'Your visits',
        description: 'Send in what you found when you visited a service, from your phone.',
        href: paths.myVisits,
      },
      {
        title: 'What changed',
        description: 'See what services did because of what you told them.',
        href: paths.myVisits,
      },
    ],
  },
  participation_officer: {
    name: 'Participation officer',
    purpose: "Support young people's visits and check them before services see them.",
    coming: [
      {
        title: 'Visits to review',
        description: 'Check site visits before they go to the services visited.',
        href: paths.visits,
      },
      {
        title: 'Sign-in codes',
        description: 'Give young people without email a code to sign in with.',
        href: paths.youngPeople,
      },
      instrumentLibrary,
      servicesAndSettings,
    ],
  },
  viewer: {
    name: 'Partnership board member',
    purpose: 'Read dashboards and reports on the quality of SEND support.',
    coming: [
      {
        title: 'Dashboards',
        description:
          'Timeliness of plans and advice, grade distributions and trends, with no child-level data.',
        href: paths.boardDashboard,
      },
      {
        title: 'Regional benchmarks',
        description: 'Results of the Black Country areas that agree to share, side by side.',
        href: paths.benchmarks,
      },
      {
        title: 'Practice reports',
        description:
          'Practice reports with their figures and charts, as a page, a PDF and a Word document.',
        href: paths.reports,
      },
      {
        title: 'Agreement between auditors',
        description:
          'How far a second, blind audit agrees with the first, by question, section and round.',
        href: paths.agreement,
      },
      instrumentLibrary,
      servicesAndSettings,
    ],
  },
};
