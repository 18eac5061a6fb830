import { enAgent } from './en-agent.ts';
import { enNotices } from './en-notices.ts';
import { enPages } from './en-pages.ts';
import type { Messages } from './messages.ts';

/** English catalogue; its shape is checked against the Japanese one, part by part. */
export const en: Messages = { ...enPages, ...enNotices, ...enAgent };
