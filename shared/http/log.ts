/** The structured logger (shared/log): JSON lines, Powertools Logger in Lambda. Never pass tokens, secrets or passwords. */
export { log } from '../log/index.js';
