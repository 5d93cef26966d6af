// The storefront's public pages, one chunk of the build: an applicant downloads these and none of the back office
// (the signed-in partner's pages are partnerPages.ts).
export { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
export { HomePage } from './HomePage.tsx';
export { PartnerSignInPage } from './PartnerSignInPage.tsx';
export { PasswordLinkPage } from './PasswordLinkPage.tsx';
export { RequestStatusPage } from './RequestStatusPage.tsx';
export { SignUpConfirmationPage } from './SignUpConfirmationPage.tsx';
export { SignUpPage } from './SignUpPage.tsx';
export { StorefrontLayout } from './StorefrontLayout.tsx';
