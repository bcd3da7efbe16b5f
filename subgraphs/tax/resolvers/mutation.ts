import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError, notFound } from '../../../core/errors.js';
import { assertCanWriteInternalNote } from '../../shared/row-level.js';
import { assertCreditCode, assertIdempotencyKey, assertText } from '../../shared/validation.js';
import {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  InternalNoteSchema,
  NOTE_MAX_LENGTH,
  type InternalNote,
} from '../entities/index.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { appealMutations } from './appeal.js';
import { proactiveMutations } from './proactive.js';
import { liveQaMutations } from './live-qa.js';
import { qualityMutations } from './quality.js';
import { appealAnalysisMutations } from './appeal-analysis.js';
import { disputeMutations } from './dispute-mutations.js';
import { healthCheckMutations } from './health-check.js';
import { noteView } from './internal-note.js';
import { agreementMutations } from './service-account-agreements.js';
import { caseMutations } from './service-account-cases.js';
import { formMutations } from './service-account-forms.js';
import { handbookMutations } from './service-account-handbook.js';
import { rulingMutations } from './service-account-rulings.js';
import { visitMutations } from './service-account-visits.js';

/** The note already written under this key, if it is this very request again; else the key is taken. */
function sameRequest(existing: InternalNote, wanted: InternalNote): InternalNote {
  if (
    existing.authorSubject === wanted.authorSubject &&
    existing.creditCode === wanted.creditCode &&
    existing.content === wanted.content
  ) {
    return existing;
  }
  throw hubError(
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键已用于另一条不同的备注，请为新备注生成新的幂等键 (the idempotency key was already used for a different note: use a new key)',
    { argument: 'input.idempotencyKey' },
  );
}

const byKey = (em: EntityManager, idempotencyKey: string) =>
  em.findOne(InternalNoteSchema, { idempotencyKey });

export const Mutation: MutationResolvers = {
  ...disputeMutations,
  ...appealMutations,
  ...proactiveMutations,
  ...qualityMutations,
  ...liveQaMutations,
  ...appealAnalysisMutations,
  ...healthCheckMutations,
  ...formMutations,
  ...visitMutations,
  ...rulingMutations,
  ...agreementMutations,
  ...caseMutations,
  ...handbookMutations,
  addInternalNote: async (_parent, { input }, { em, loaders, viewer }) => {
    const { creditCode } = input;
    assertCreditCode(creditCode);
    const author = await assertCanWriteInternalNote(viewer, creditCode, loaders.assignedEnterprises);
    const content = assertText(input.content, {
      argument: 'input.content',
      label: { zh: '备注内容', en: 'content' },
      max: NOTE_MAX_LENGTH,
    });
    const idempotencyKey = assertIdempotencyKey(
      input.idempotencyKey,
      'input.idempotencyKey',
      IDEMPOTENCY_KEY_MAX_LENGTH,
    );
    if (!(await loaders.enterprise.load(creditCode))) {
      throw notFound(`未找到统一社会信用代码为 ${creditCode} 的纳税人 (no such enterprise)`);
    }
    const note: InternalNote = {
      id: randomUUID(),
      creditCode,
      agency: author.agency,
      authorSubject: author.subject,
      authorName: author.name,
      content,
      createdAt: new Date(),
      idempotencyKey,
    };
    // A repeat reads and writes nothing.
    const earlier = await byKey(em, idempotencyKey);
    if (earlier) return noteView(sameRequest(earlier, note));
    // Two identical requests at once: the unique key lets one insert; the other finds the winner's note.
    const written = await em
      .createQueryBuilder(InternalNoteSchema)
      .insert(note)
      .onConflict('idempotencyKey')
      .ignore()
      .execute('run');
    if (written.affectedRows === 1) return noteView(note);
    const winner = await byKey(em, idempotencyKey);
    if (!winner) throw new Error(`internal note with idempotency key ${idempotencyKey} vanished`);
    return noteView(sameRequest(winner, note));
  },
};
