/** The city service that sees every invoice and payment, whichever service issued them. */
export const FINANCE_SERVICE = 'finances'
