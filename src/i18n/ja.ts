/** Japanese catalogue, in three parts. Every user-facing word lives in them or in en-*.ts; components only pick keys. */
import { jaAgent } from './ja-agent.ts';
import { jaNotices } from './ja-notices.ts';
import { jaPages } from './ja-pages.ts';

export const ja = { ...jaPages, ...jaNotices, ...jaAgent };
