/**
 * The playground: a Slack-like page over the sandbox (`npm run demo`) where a person types
 * `/sagemaker-vpc …`, sees the bot's Block Kit rendered, clicks buttons, opens modals and changes
 * the sandbox AWS account to watch a verdict flip.
 * @module
 */
export { startPlayground, PortInUseError, type Playground, type PlaygroundOptions } from './server.js';
export { buildBrowserScript, buildRendererScript, linkModules, transpileRenderer, GLUE_FILES, type BrowserModule } from './bundle.js';
export { buildPage, type PlaygroundPage } from './page.js';
export { createPlaygroundApi, resolveElement, type ApiAnswer, type ApiHooks, type PlaygroundApi, type PlaygroundDemo } from './playground-api.js';
export { interpretLine, BOT_NAME, SLASH_COMMAND, type ComposerIntent } from './composer-intent.js';
export { WORLD_TOGGLES, setToggle, toggleStates, type ToggleId, type ToggleState, type WorldToggle } from './world-toggles.js';
export type { ChannelDto, FileDto, JobDto, MessageDto, PageEvent, Snapshot, ViewDto } from './page-events.js';
