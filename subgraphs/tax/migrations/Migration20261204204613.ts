import { Migration } from '@mikro-orm/migrations';

export class Migration20261204204613 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "internal_note" ("id" uuid not null, "credit_code" varchar(18) not null, "agency" text check ("agency" in ('tax', 'hrss', 'medical-insurance', 'court', 'justice', 'political-legal', 'petitions', 'trade-union', 'enterprise', 'hub')) not null, "author_subject" varchar(255) not null, "author_name" text not null, "content" varchar(2000) not null, "created_at" timestamptz not null, "idempotency_key" varchar(100) not null, constraint "internal_note_pkey" primary key ("id"));`);
    this.addSql(`alter table "internal_note" add constraint "internal_note_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "internal_note_credit_code_agency_created_at_index" on "internal_note" ("credit_code", "agency", "created_at");`);

    this.addSql(`create table "liaison_assignment" ("id" uuid not null, "liaison_subject" varchar(255) not null, "credit_code" varchar(18) not null, "kind" text check ("kind" in ('CHIEF', 'GENERAL')) not null, "assigned_on" date not null, constraint "liaison_assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "liaison_assignment_credit_code_index" on "liaison_assignment" ("credit_code");`);
    this.addSql(`alter table "liaison_assignment" add constraint "liaison_assignment_liaison_subject_credit_code_unique" unique ("liaison_subject", "credit_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "internal_note" cascade;`);

    this.addSql(`drop table if exists "liaison_assignment" cascade;`);
  }

}
