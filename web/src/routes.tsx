// Every page of the app and its address. The storefront, the HQ back office and the sales CRM are separate chunks
// of the build, each downloaded when one of its addresses is first opened (React Router's lazy routes).
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { loadArea } from './i18n/i18n.ts';
import type { Namespace } from './i18n/i18n.ts';
import { NavigationProgress, PageLoading } from './ui/Loading.tsx';
import { BackOfficeNotFound, NotFound } from './ui/NotFound.tsx';
import { hideMessagesOfEarlierPages } from './ui/notify.ts';
import { RouteError } from './ui/RouteError.tsx';

const storefront = () => import('./storefront/storefrontPages.ts');
// The signed-in partner's pages (My account, products, cart, orders): not needed to sign up, so not in its download.
const partner = () => import('./storefront/partnerPages.ts');
const hq = () => import('./hq/hqPages.ts');
const crm = () => import('./sales/crmPages.ts');
// The back office's shell, shared by HQ and the CRM, so that one does not download the other's pages.
const backOffice = () => import('./hq/HqLayout.tsx');
const hqSignIn = () => import('./hq/SignInPage.tsx');

/** Which texts each chunk's pages use, loaded with the chunk in the current language only. */
const areas = new Map<() => Promise<unknown>, Namespace>([
  [storefront, 'storefront'],
  [partner, 'storefront'],
  [hq, 'hq'],
  [crm, 'sales'],
  [backOffice, 'hq'],
  [hqSignIn, 'hq'],
]);

/** A route whose element comes from a chunk loaded on first visit, with its texts; a failed download lands in RouteError. */
function from<M>(chunk: () => Promise<M>, render: (m: M) => ReactNode) {
  const area = areas.get(chunk);
  return { lazy: async () => ({ element: render((await Promise.all([chunk(), area && loadArea(area)]))[0]) }) };
}

function Root() {
  // Messages belong to the page they were shown on; leaving it takes them along.
  const { pathname } = useLocation();
  useEffect(() => hideMessagesOfEarlierPages(), [pathname]);
  return (
    <>
      {/* Bottom right: over nothing the header holds (Sign out, the language, the user). */}
      <Notifications position="bottom-right" />
      <ScrollRestoration />
      <NavigationProgress />
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        ...from(storefront, (m) => <m.StorefrontLayout />),
        children: [
          { path: '/', ...from(storefront, (m) => <m.HomePage />) },
          { path: '/partner/sign-up', ...from(storefront, (m) => <m.SignUpPage />) },
          { path: '/partner/sign-up/confirmation', ...from(storefront, (m) => <m.SignUpConfirmationPage />) },
          { path: '/partner/request-status/:token', ...from(storefront, (m) => <m.RequestStatusPage />) },
          { path: '/sign-in', ...from(storefront, (m) => <m.PartnerSignInPage />) },
          { path: '/invitation', ...from(storefront, (m) => <m.PasswordLinkPage key="invitation" kind="invitation" />) },
          { path: '/reset-password', ...from(storefront, (m) => <m.PasswordLinkPage key="reset" kind="reset" />) },
          { path: '/forgot-password', ...from(storefront, (m) => <m.ForgotPasswordPage />) },
          {
            path: '/my-account',
            ...from(partner, (m) => <m.PartnerArea />),
            children: [
              { index: true, ...from(partner, (m) => <m.MyAccountPage />) },
              { path: 'organization-users', ...from(partner, (m) => <m.OrganizationUsersPage />) },
              { path: 'orders', ...from(partner, (m) => <m.OrdersPage />) },
              { path: 'orders/:id', ...from(partner, (m) => <m.OrderDetailPage />) },
              { path: 'invoices', ...from(partner, (m) => <m.MyInvoicesPage />) },
              { path: 'approvals', ...from(partner, (m) => <m.ApprovalsPage />) },
            ],
          },
          {
            path: '/products',
            ...from(partner, (m) => <m.PartnerArea />),
            children: [{ index: true, ...from(partner, (m) => <m.CataloguePage />) }],
          },
          {
            path: '/cart',
            ...from(partner, (m) => <m.PartnerArea />),
            children: [{ index: true, ...from(partner, (m) => <m.CartPage />) }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: '/hq/sign-in', ...from(hqSignIn, (m) => <m.SignInPage />) },
      {
        path: '/hq',
        ...from(backOffice, (m) => <m.HqLayout />),
        children: [
          { index: true, ...from(backOffice, (m) => <m.HomeRedirect />) },
          { path: 'prospects', ...from(hq, (m) => <m.ProspectsPage />) },
          { path: 'prospects/:id', ...from(hq, (m) => <m.ProspectDetailPage />) },
          { path: 'onboarding-cases', ...from(hq, (m) => <m.CasesPage />) },
          { path: 'onboarding-cases/:id', ...from(hq, (m) => <m.CasePage />) },
          { path: 'customers', ...from(hq, (m) => <m.CustomersPage />) },
          { path: 'customers/:account', ...from(hq, (m) => <m.CustomerDetailPage />) },
          { path: 'products', ...from(hq, (m) => <m.ProductsPage />) },
          { path: 'sales-orders', ...from(hq, (m) => <m.SalesOrdersPage />) },
          { path: 'sales-orders/:id', ...from(hq, (m) => <m.SalesOrderDetailPage />) },
          { path: 'invoices', ...from(hq, (m) => <m.InvoicesPage />) },
          { path: 'customer-hierarchies', ...from(hq, (m) => <m.HierarchiesPage />) },
          { path: 'customer-hierarchies/:id', ...from(hq, (m) => <m.HierarchyDetailPage />) },
          { path: 'distribution', ...from(hq, (m) => <m.DistributionJobsPage />) },
          { path: 'distribution/history', ...from(hq, (m) => <m.JobHistoryPage />) },
          { path: 'channel-requests', ...from(hq, (m) => <m.ChannelRequestsPage />) },
          { path: 'online-store', ...from(hq, (m) => <m.OnlineStorePage />) },
          { path: 'number-sequences', ...from(hq, (m) => <m.NumberSequencesPage />) },
          { path: 'staff-users', ...from(hq, (m) => <m.StaffUsersPage />) },
          { path: 'mail', ...from(hq, (m) => <m.DeliveryLogPage />) },
          { path: 'mail/messages/:id', ...from(hq, (m) => <m.MessagePage />) },
          { path: 'mail/templates', ...from(hq, (m) => <m.TemplatesPage />) },
          { path: 'mail/templates/:id', ...from(hq, (m) => <m.TemplateEditorPage />) },
          { path: 'mail/profiles', ...from(hq, (m) => <m.ProfilesPage />) },
          { path: 'dual-write', ...from(hq, (m) => <m.DualWriteMapsPage />) },
          { path: 'dual-write/:id', ...from(hq, (m) => <m.TableMapPage />) },
          { path: '*', element: <BackOfficeNotFound area="hq" /> },
        ],
      },
      {
        path: '/sales',
        ...from(backOffice, (m) => <m.HqLayout />),
        children: [
          { index: true, element: <Navigate to="/sales/leads" replace /> },
          { path: 'leads', ...from(crm, (m) => <m.LeadsPage />) },
          { path: 'leads/:id', ...from(crm, (m) => <m.LeadDetailPage />) },
          { path: 'opportunities', ...from(crm, (m) => <m.OpportunitiesPage />) },
          { path: 'opportunities/:id', ...from(crm, (m) => <m.OpportunityDetailPage />) },
          { path: 'accounts', ...from(crm, (m) => <m.PartiesPage key="accounts" type="accounts" />) },
          { path: 'accounts/:id', ...from(crm, (m) => <m.PartyDetailPage key="accounts" type="accounts" />) },
          { path: 'contacts', ...from(crm, (m) => <m.PartiesPage key="contacts" type="contacts" />) },
          { path: 'contacts/:id', ...from(crm, (m) => <m.PartyDetailPage key="contacts" type="contacts" />) },
          { path: '*', element: <BackOfficeNotFound area="sales" /> },
        ],
      },
    ],
  },
]);
