import { useEffect, useRef } from 'react';
import { Link as RouterLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import {
  Footer,
  Header,
  LinkProvider,
  PhaseBanner,
  ServiceNavigation,
  SkipLink,
  type LinkProps,
} from '../components/govuk';
import { onSessionEvent } from '../lib/api';
import { findMembership, useKnownSession } from '../lib/session';
import { paths, signInPath } from '../lib/paths';
import { navigationFor } from './navigation';
import { SessionTimeout } from './SessionTimeout';

function RouterAnchor({ href, ...rest }: LinkProps) {
  return <RouterLink to={href} {...rest} />;
}

/**
 * The frame of every page: skip link, header with the local area, the
 * phase banner, the main landmark and the footer. Its main element stays
 * mounted across routes so that focus can be reset to it after each
 * navigation.
 */
export function Layout() {
  const session = useKnownSession();
  const tenantMatch = useMatch('/t/:tenant/*');
  const tenant = tenantMatch?.params.tenant;
  const membership = findMembership(session, tenant);
  useSignInOnUnauthenticated();
  const mainRef = useFocusMainOnNavigation();

  const navigation = navigationFor(session, membership, useLocation().pathname);

  return (
    <LinkProvider value={RouterAnchor}>
      <SkipLink />
      <header className="govuk-template__header">
        <Header logoText="sendqa" url={membership ? paths.area(membership.tenant) : paths.home} />
        <ServiceNavigation
          serviceName={membership?.tenant_name}
          serviceUrl={membership ? paths.area(membership.tenant) : undefined}
          ariaLabel="Local area"
          navigation={navigation}
        />
      </header>
      <div className="govuk-width-container">
        <PhaseBanner
          tag={{ text: 'Alpha' }}
          text="This is a new service: it is being built and will change."
        />
        <main className="govuk-main-wrapper" id="main-content" ref={mainRef} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <footer className="govuk-template__footer">
        <Footer
          meta={{
            items: [
              { text: 'Accessibility statement', href: paths.accessibility },
              { text: 'Privacy notice', href: paths.privacy },
              { text: 'Cookies', href: paths.cookies },
            ],
          }}
        />
      </footer>
      {session && <SessionTimeout />}
    </LinkProvider>
  );
}

/** After any 401 that a refresh could not fix, go to sign in and back. */
function useSignInOnUnauthenticated() {
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef('');
  here.current = location.pathname + location.search;

  useEffect(
    () =>
      onSessionEvent((event) => {
        if (event.type !== 'unauthenticated') return;
        if (here.current.startsWith(paths.signIn)) return;

        navigate(signInPath(here.current), { replace: true });
      }),
    [navigate],
  );
}

/**
 * Moves focus to the main content after a navigation inside the app, as
 * a full page load would put it at the top, so that keyboard and screen
 * reader users start on the new page rather than on the link they used.
 */
function useFocusMainOnNavigation() {
  const ref = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;

      return;
    }
    ref.current?.focus({ preventScroll: true });
    window.scrollTo?.(0, 0);
  }, [pathname]);

  return ref;
}
