/**
 * Pure Block Kit views for the bot: every function takes data (and times) and returns a message
 * (`{ text, blocks }`) or a view (`{ type: 'modal' | 'home', … }`) within Slack's limits, with every
 * untrusted string escaped or in plain text. Listeners render with these and post.
 * @module
 */
export type { MessageView } from './blocks.js';
export { jobReportMessage, consoleUrl, inferPreflightFlags, type JobReportOptions, type PreflightFlags, type RecheckInfo } from './job-report-message.js';
export { loadingModal, remediationErrorModal, remediationModal, remediationThreadMessages } from './remediation-modal.js';
export { fleetProgressMessage, type FleetProgressInput } from './fleet-progress-message.js';
export { expiredRunMessage, fleetReportMessage, FLEET_REPORT_PAGE_SIZE, type FleetJobRef, type FleetReportView } from './fleet-report-message.js';
export { CSV_COLUMNS, CSV_EOL, CSV_HEADER, csvCell, csvRow } from './fleet-csv.js';
export { digestMessage, DIGEST_RECHECK_BUTTONS, type DigestView, type JobLine } from './digest-message.js';
export { scheduleAddedMessage, scheduleListMessage, type ScheduleSummary } from './schedule-messages.js';
export { checkingMessage, helpMessage, refusalMessage, usageMessage, REFUSAL_TEXT } from './short-messages.js';
export { errorMessage, type ErrorDetails, type ErrorKind } from './error-message.js';
export { homeView, type HomeInput } from './home-view.js';
export { registryLookup, type RuleInfo, type RuleLookup } from './rule-info.js';
