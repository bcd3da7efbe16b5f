import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235418 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dispute_finding" ("id" uuid not null, "case_number" varchar(40) not null, "case_id" uuid null, "actor_subject" varchar(255) not null, "actor_name" text not null, "content" text not null, "status" text check ("status" in ('PENDING', 'CONFIRMED')) not null, "ledger_seq" int null, "idempotency_key" varchar(80) not null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, constraint "dispute_finding_pkey" primary key ("id"));`);
    this.addSql(`create index "dispute_finding_case_number_index" on "dispute_finding" ("case_number");`);
    this.addSql(`create index "dispute_finding_case_id_index" on "dispute_finding" ("case_id");`);
    this.addSql(`alter table "dispute_finding" add constraint "dispute_finding_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dispute_finding" cascade;`);
  }

}
