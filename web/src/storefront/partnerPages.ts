// The signed-in partner's pages, one chunk of the build: an applicant signing up downloads none of them.
export { ApprovalsPage } from './ApprovalsPage.tsx';
export { CartPage } from './CartPage.tsx';
export { CataloguePage } from './CataloguePage.tsx';
export { MyAccountPage } from './MyAccountPage.tsx';
export { MyInvoicesPage } from './InvoicesPage.tsx';
export { OrderDetailPage } from './OrderDetailPage.tsx';
export { OrdersPage } from './OrdersPage.tsx';
export { OrganizationUsersPage } from './OrganizationUsersPage.tsx';
export { PartnerArea } from './PartnerArea.tsx';
