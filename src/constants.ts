// Every identifier the extension shares with its manifest, in one place.

export const CONFIG_SECTION = 'sinchNumbers';

export const NUMBERS_VIEW = 'sinchNumbers.numbers';

export const Commands = {
  signIn: 'sinchNumbers.signIn',
  signOut: 'sinchNumbers.signOut',
  switchAccount: 'sinchNumbers.switchAccount',
  testConnection: 'sinchNumbers.testConnection',
  showLog: 'sinchNumbers.showLog',
  refresh: 'sinchNumbers.refresh',
  filter: 'sinchNumbers.filter',
  clearFilter: 'sinchNumbers.clearFilter',
  copyNumber: 'sinchNumbers.copyNumber',
  copyApplicationKey: 'sinchNumbers.copyApplicationKey',
  labelApplication: 'sinchNumbers.labelApplication',
  addApplication: 'sinchNumbers.addApplication',
  exportNumbers: 'sinchNumbers.exportNumbers',
  showMoreNumbers: 'sinchNumbers.showMoreNumbers',
  openDashboard: 'sinchNumbers.openDashboard',
  rentNumbers: 'sinchNumbers.rentNumbers',
  checkoutCart: 'sinchNumbers.checkoutCart',
  discardReservation: 'sinchNumbers.discardReservation',
  assignNumbers: 'sinchNumbers.assignNumbers',
  moveNumbers: 'sinchNumbers.moveNumbers',
  unassignNumbers: 'sinchNumbers.unassignNumbers',
  findInWorkspace: 'sinchNumbers.findInWorkspace',
  showOverview: 'sinchNumbers.showOverview',
  scanWorkspace: 'sinchNumbers.scanWorkspace',
  showActivity: 'sinchNumbers.showActivity',
  undoLastChange: 'sinchNumbers.undoLastChange',
  /** Internal (hover links and CodeLenses): reveals `{ number }` or `{ applicationKey }` in the tree. */
  revealInView: 'sinchNumbers.codeInsights.reveal',
} as const;

/** Context keys for `when` clauses. */
export const ContextKeys = {
  signedIn: 'sinchNumbers.signedIn',
  hasNumbers: 'sinchNumbers.hasNumbers',
  filtered: 'sinchNumbers.filtered',
  hasReservations: 'sinchNumbers.hasReservations',
  /** There is a change Undo Last Change can undo. */
  canUndo: 'sinchNumbers.canUndo',
  /** The walkthrough's steps tick on outcomes: the Numbers view shown with rows, a write that landed, a checkout that rented. */
  numbersSeen: 'sinchNumbers.walkthrough.numbersSeen',
  assigned: 'sinchNumbers.walkthrough.assigned',
  rented: 'sinchNumbers.walkthrough.rented',
} as const;

/**
 * Tokens of tree items' `contextValue` (sorted, `;`-joined). No token is a substring of
 * another, so `when` clauses can match whole tokens without traps such as assigned/unassigned.
 */
export const ItemTokens = {
  application: 'application',
  unassignedGroup: 'freeGroup',
  number: 'number',
  onApplication: 'onApp',
  free: 'free',
  reservations: 'cart',
  reservation: 'reservation',
  message: 'message',
  more: 'more',
} as const;

/** SecretStorage keys. Everything secret lives under these and nowhere else. */
export const SecretKeys = {
  /** One account per slot: `sinchNumbers.accountSlot.0` … `.31` (session/accountStore.ts). */
  accountSlot: 'sinchNumbers.accountSlot.',
  activeAccount: 'sinchNumbers.activeAccount',
  /** The earlier layout, moved into the slots when found: an index of ids, one key per id. */
  accountIndex: 'sinchNumbers.accounts',
  accountPrefix: 'sinchNumbers.account.',
} as const;

/** globalState keys (nothing secret: ids and reservation summaries only). */
export const StateKeys = {
  cart: 'sinchNumbers.cart',
  /** Application keys the user added by key, per organisation id. */
  addedApplications: 'sinchNumbers.addedApplications',
} as const;

export const Settings = {
  userApi: 'endpoints.userApi',
  api: 'endpoints.api',
  portalApi: 'endpoints.portalApi',
  expiryWarningDays: 'expiryWarningDays',
  maxNumbersPerRental: 'maxNumbersPerRental',
  applicationLabels: 'applicationLabels',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  maxResponseMiB: 'maxResponseMiB',
  dashboardUrl: 'dashboardUrl',
  codeInsightsEnabled: 'codeInsights.enabled',
  codeInsightsUnrentedSeverity: 'codeInsights.unrentedSeverity',
  codeInsightsExclude: 'codeInsights.exclude',
  codeInsightsMaxFileSizeKB: 'codeInsights.maxFileSizeKB',
  monthlySpendLimit: 'monthlySpendLimit',
} as const;

export const AUTH_PROVIDER_ID = 'sinch';
export const AUTH_PROVIDER_LABEL = 'Sinch';
