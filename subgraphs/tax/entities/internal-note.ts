import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { agencies } from '../../../core/identity.js';

/** Longest note content, in characters (code points), after trimming. */
export const NOTE_MAX_LENGTH = 2000;
/** Longest client idempotency key. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;

/**
 * 内部备注 (an internal note on an enterprise): written by a member of staff of any government agency
 * through the tax subgraph, read back only by the author's own agency (and auditors).
 */
export const InternalNoteSchema = defineEntity({
  name: 'InternalNote',
  tableName: 'internal_note',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18),
    /** The author's agency: the notes of one agency are invisible to the others. */
    agency: p.enum([...agencies]),
    authorSubject: p.string().length(255),
    authorName: p.text(),
    content: p.string().length(NOTE_MAX_LENGTH),
    createdAt: p.datetime(),
    /** The client's key: a retried request with the same key writes nothing and gets the same note. */
    idempotencyKey: p.string().length(IDEMPOTENCY_KEY_MAX_LENGTH).unique(),
  },
  // An enterprise's notes of one agency, newest first.
  indexes: [{ properties: ['creditCode', 'agency', 'createdAt'] }],
});
export type InternalNote = InferEntity<typeof InternalNoteSchema>;
