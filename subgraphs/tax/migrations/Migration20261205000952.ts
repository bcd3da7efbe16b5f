import { Migration } from '@mikro-orm/migrations';

export class Migration20261205000952 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dispute_document" ("id" uuid not null, "case_id" uuid not null, "title" varchar(200) not null, "kind" text check ("kind" in ('APPLICATION', 'EVIDENCE', 'FINDING_REPORT', 'MEDIATION_AGREEMENT', 'RULING', 'CORRECTION_NOTICE', 'OTHER')) not null, "issuing_agency" text check ("issuing_agency" in ('tax', 'hrss', 'medical-insurance', 'court', 'justice', 'political-legal', 'petitions', 'trade-union', 'enterprise', 'hub')) not null, "content_hash" varchar(64) not null, "added_by_name" text not null, "added_at" timestamptz not null, "idempotency_key" varchar(100) not null, constraint "dispute_document_pkey" primary key ("id"));`);
    this.addSql(`create index "dispute_document_case_id_index" on "dispute_document" ("case_id");`);
    this.addSql(`alter table "dispute_document" add constraint "dispute_document_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dispute_document" cascade;`);
  }

}
