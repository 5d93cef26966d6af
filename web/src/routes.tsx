// Every page of the app and its address.
import { Notifications } from '@mantine/notifications';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration } from 'react-router';
import { ChannelRequestsPage } from './hq/ChannelRequestsPage.tsx';
import { CustomerDetailPage } from './hq/CustomerDetailPage.tsx';
import { CustomersPage } from './hq/CustomersPage.tsx';
import { DistributionJobsPage } from './hq/DistributionJobsPage.tsx';
import { HierarchiesPage } from './hq/HierarchiesPage.tsx';
import { HierarchyDetailPage } from './hq/HierarchyDetailPage.tsx';
import { DualWriteMapsPage } from './hq/dualwrite/DualWriteMapsPage.tsx';
import { TableMapPage } from './hq/dualwrite/TableMapPage.tsx';
import { HomeRedirect, HqLayout } from './hq/HqLayout.tsx';
import { DeliveryLogPage } from './hq/mail/DeliveryLogPage.tsx';
import { MessagePage } from './hq/mail/MessagePage.tsx';
import { ProfilesPage } from './hq/mail/ProfilesPage.tsx';
import { TemplateEditorPage } from './hq/mail/TemplateEditorPage.tsx';
import { TemplatesPage } from './hq/mail/TemplatesPage.tsx';
import { JobHistoryPage } from './hq/JobHistoryPage.tsx';
import { NumberSequencesPage } from './hq/NumberSequencesPage.tsx';
import { OnlineStorePage } from './hq/OnlineStorePage.tsx';
import { ProductsPage } from './hq/ProductsPage.tsx';
import { InvoicesPage } from './hq/InvoicesPage.tsx';
import { SalesOrderDetailPage } from './hq/SalesOrderDetailPage.tsx';
import { SalesOrdersPage } from './hq/SalesOrdersPage.tsx';
import { ProspectDetailPage } from './hq/ProspectDetailPage.tsx';
import { ProspectsPage } from './hq/ProspectsPage.tsx';
import { SignInPage } from './hq/SignInPage.tsx';
import { StaffUsersPage } from './hq/StaffUsersPage.tsx';
import { ForgotPasswordPage } from './storefront/ForgotPasswordPage.tsx';
import { HomePage } from './storefront/HomePage.tsx';
import { MyAccountPage } from './storefront/MyAccountPage.tsx';
import { OrganizationUsersPage } from './storefront/OrganizationUsersPage.tsx';
import { PartnerArea } from './storefront/PartnerArea.tsx';
import { ApprovalsPage } from './storefront/ApprovalsPage.tsx';
import { CartPage } from './storefront/CartPage.tsx';
import { CataloguePage } from './storefront/CataloguePage.tsx';
import { MyInvoicesPage } from './storefront/InvoicesPage.tsx';
import { OrderDetailPage } from './storefront/OrderDetailPage.tsx';
import { OrdersPage } from './storefront/OrdersPage.tsx';
import { PartnerSignInPage } from './storefront/PartnerSignInPage.tsx';
import { PasswordLinkPage } from './storefront/PasswordLinkPage.tsx';
import { RequestStatusPage } from './storefront/RequestStatusPage.tsx';
import { SignUpConfirmationPage } from './storefront/SignUpConfirmationPage.tsx';
import { SignUpPage } from './storefront/SignUpPage.tsx';
import { StorefrontLayout } from './storefront/StorefrontLayout.tsx';
import { LeadDetailPage } from './sales/LeadDetailPage.tsx';
import { LeadsPage } from './sales/LeadsPage.tsx';
import { OpportunitiesPage } from './sales/OpportunitiesPage.tsx';
import { OpportunityDetailPage } from './sales/OpportunityDetailPage.tsx';
import { PartiesPage } from './sales/PartiesPage.tsx';
import { PartyDetailPage } from './sales/PartyDetailPage.tsx';
import { NotFound } from './ui/NotFound.tsx';
import { RouteError } from './ui/RouteError.tsx';

function Root() {
  return (
    <>
      <Notifications position="top-right" />
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        element: <StorefrontLayout />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/partner/sign-up', element: <SignUpPage /> },
          { path: '/partner/sign-up/confirmation', element: <SignUpConfirmationPage /> },
          { path: '/partner/request-status/:token', element: <RequestStatusPage /> },
          { path: '/sign-in', element: <PartnerSignInPage /> },
          { path: '/invitation', element: <PasswordLinkPage key="invitation" kind="invitation" /> },
          { path: '/reset-password', element: <PasswordLinkPage key="reset" kind="reset" /> },
          { path: '/forgot-password', element: <ForgotPasswordPage /> },
          {
            path: '/my-account',
            element: <PartnerArea />,
            children: [
              { index: true, element: <MyAccountPage /> },
              { path: 'organization-users', element: <OrganizationUsersPage /> },
              { path: 'orders', element: <OrdersPage /> },
              { path: 'orders/:id', element: <OrderDetailPage /> },
              { path: 'invoices', element: <MyInvoicesPage /> },
              { path: 'approvals', element: <ApprovalsPage /> },
            ],
          },
          {
            path: '/products',
            element: <PartnerArea />,
            children: [{ index: true, element: <CataloguePage /> }],
          },
          {
            path: '/cart',
            element: <PartnerArea />,
            children: [{ index: true, element: <CartPage /> }],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: '/hq/sign-in', element: <SignInPage /> },
      {
        path: '/hq',
        element: <HqLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'prospects', element: <ProspectsPage /> },
          { path: 'prospects/:id', element: <ProspectDetailPage /> },
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/:account', element: <CustomerDetailPage /> },
          { path: 'products', element: <ProductsPage /> },
          { path: 'sales-orders', element: <SalesOrdersPage /> },
          { path: 'sales-orders/:id', element: <SalesOrderDetailPage /> },
          { path: 'invoices', element: <InvoicesPage /> },
          { path: 'customer-hierarchies', element: <HierarchiesPage /> },
          { path: 'customer-hierarchies/:id', element: <HierarchyDetailPage /> },
          { path: 'distribution', element: <DistributionJobsPage /> },
          { path: 'distribution/history', element: <JobHistoryPage /> },
          { path: 'channel-requests', element: <ChannelRequestsPage /> },
          { path: 'online-store', element: <OnlineStorePage /> },
          { path: 'number-sequences', element: <NumberSequencesPage /> },
          { path: 'staff-users', element: <StaffUsersPage /> },
          { path: 'mail', element: <DeliveryLogPage /> },
          { path: 'mail/messages/:id', element: <MessagePage /> },
          { path: 'mail/templates', element: <TemplatesPage /> },
          { path: 'mail/templates/:id', element: <TemplateEditorPage /> },
          { path: 'mail/profiles', element: <ProfilesPage /> },
          { path: 'dual-write', element: <DualWriteMapsPage /> },
          { path: 'dual-write/:id', element: <TableMapPage /> },
          { path: '*', element: <NotFound home="/hq/prospects" homeLabel="Go to All prospects" /> },
        ],
      },
      {
        path: '/sales',
        element: <HqLayout />,
        children: [
          { index: true, element: <Navigate to="/sales/leads" replace /> },
          { path: 'leads', element: <LeadsPage /> },
          { path: 'leads/:id', element: <LeadDetailPage /> },
          { path: 'opportunities', element: <OpportunitiesPage /> },
          { path: 'opportunities/:id', element: <OpportunityDetailPage /> },
          { path: 'accounts', element: <PartiesPage key="accounts" type="accounts" /> },
          { path: 'accounts/:id', element: <PartyDetailPage key="accounts" type="accounts" /> },
          { path: 'contacts', element: <PartiesPage key="contacts" type="contacts" /> },
          { path: 'contacts/:id', element: <PartyDetailPage key="contacts" type="contacts" /> },
          { path: '*', element: <NotFound home="/sales/leads" homeLabel="Go to Leads" /> },
        ],
      },
    ],
  },
]);
