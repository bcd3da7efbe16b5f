import type { InternalNote as InternalNoteEntity } from '../entities/index.js';
import type { InternalNote as InternalNoteType } from '../generated/resolvers-types.js';

/** The GraphQL shape of a stored note. */
export function noteView(note: InternalNoteEntity): InternalNoteType {
  return {
    id: note.id,
    creditCode: note.creditCode,
    agency: note.agency,
    authorName: note.authorName,
    content: note.content,
    createdAt: note.createdAt,
  };
}
