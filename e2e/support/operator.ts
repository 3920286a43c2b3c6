/**
 * The operator credential of the test servers (playwright.config.ts starts them with it): the
 * development SMS outbox and the operator endpoints answer only with it.
 */
export const OPERATOR_TOKEN = 'e2e-operator-credential';

/** Headers for a call to the operator endpoints or the outbox. */
export const operatorHeaders = { authorization: `Bearer ${OPERATOR_TOKEN}` };
