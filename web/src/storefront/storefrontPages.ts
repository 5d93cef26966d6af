// The storefront's pages, one chunk of the build: an applicant downloads these and none of the back office.
export { ApprovalsPage } from './ApprovalsPage.tsx';
export { CartPage } from './CartPage.tsx';
export { CataloguePage } from './CataloguePage.tsx';
export { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
export { HomePage } from './HomePage.tsx';
export { MyAccountPage } from './MyAccountPage.tsx';
export { MyInvoicesPage } from './InvoicesPage.tsx';
export { OrderDetailPage } from './OrderDetailPage.tsx';
export { OrdersPage } from './OrdersPage.tsx';
export { OrganizationUsersPage } from './OrganizationUsersPage.tsx';
export { PartnerArea } from './PartnerArea.tsx';
export { PartnerSignInPage } from './PartnerSignInPage.tsx';
export { PasswordLinkPage } from './PasswordLinkPage.tsx';
export { RequestStatusPage } from './RequestStatusPage.tsx';
export { SignUpConfirmationPage } from './SignUpConfirmationPage.tsx';
export { SignUpPage } from './SignUpPage.tsx';
export { StorefrontLayout } from './StorefrontLayout.tsx';
