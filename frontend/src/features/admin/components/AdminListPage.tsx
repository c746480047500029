import { useLocation } from 'react-router-dom';
import { Button, NotificationBanner, Table } from '../../../components/govuk';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { paths } from '../../../lib/paths';
import { usePageTitle } from '../../../lib/title';
import { useRegions, useTenants } from '../api/admin';

function useFlash() {
  const state = useLocation().state as { flash?: string } | null;

  return state?.flash;
}

/** The local areas on the platform, for the platform administrator. */
export function TenantsPage() {
  const tenants = useTenants();
  const flash = useFlash();
  usePageTitle('Local areas');
  if (tenants.error) throw tenants.error;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <span className="govuk-caption-l">Platform administration</span>
      <h1 className="govuk-heading-l">Local areas</h1>
      <Button text="Add a local area" href={paths.newTenant} />
      {tenants.data && (
        <ScrollRegion label="Local areas">
          <Table
            caption="Local areas"
            captionClasses="govuk-visually-hidden"
            head={[{ text: 'Name' }, { text: 'Short name' }, { text: 'Region' }]}
            rows={tenants.data.items.map((tenant) => [
              { text: tenant.name },
              { text: tenant.slug },
              { text: tenant.region || 'None' },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}

/** The regions areas can belong to, for the platform administrator. */
export function RegionsPage() {
  const regions = useRegions();
  const flash = useFlash();
  usePageTitle('Regions');
  if (regions.error) throw regions.error;

  return (
    <>
      {flash && <NotificationBanner type="success" text={flash} />}
      <span className="govuk-caption-l">Platform administration</span>
      <h1 className="govuk-heading-l">Regions</h1>
      <Button text="Add a region" href={paths.newRegion} />
      {regions.data && (
        <ScrollRegion label="Regions">
          <Table
            caption="Regions"
            captionClasses="govuk-visually-hidden"
            head={[{ text: 'Name' }, { text: 'Short name' }]}
            rows={regions.data.items.map((region) => [
              { text: region.name },
              { text: region.slug },
            ])}
          />
        </ScrollRegion>
      )}
    </>
  );
}
