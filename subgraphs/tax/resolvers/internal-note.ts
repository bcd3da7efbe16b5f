import type { InternalNote as InternalNoteEntity } from '../entities/index.js';
import type { InternalNote as InternalNoteType } from '../generated/resolvers-types.js';
import { agencyEnum } from './agency.js';

/** The GraphQL shape of a stored note: the agency as its SDL enum value (`medical-insurance` → `MEDICAL_INSURANCE`). */
export function noteView(note: InternalNoteEntity): InternalNoteType {
  return {
    id: note.id,
    creditCode: note.creditCode,
    agency: agencyEnum(note.agency),
    authorName: note.authorName,
    content: note.content,
    createdAt: note.createdAt,
  };
}
