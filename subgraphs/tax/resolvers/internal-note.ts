import type { InternalNote as InternalNoteEntity } from '../entities/index.js';
import type { Agency, InternalNote as InternalNoteType } from '../generated/resolvers-types.js';

/** The GraphQL shape of a stored note: the agency as its SDL enum value (`medical-insurance` → `MEDICAL_INSURANCE`). */
export function noteView(note: InternalNoteEntity): InternalNoteType {
  return {
    id: note.id,
    creditCode: note.creditCode,
    agency: note.agency.toUpperCase().replaceAll('-', '_') as Agency,
    authorName: note.authorName,
    content: note.content,
    createdAt: note.createdAt,
  };
}
