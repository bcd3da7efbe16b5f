import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235310 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "judicial_confirmation" ("id" uuid not null, "case_number" varchar(40) not null, "case_id" uuid null, "ruling_number" varchar(60) not null, "content" text not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "status" text check ("status" in ('PENDING', 'CONFIRMED')) not null, "ledger_seq" int null, "idempotency_key" varchar(80) not null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, constraint "judicial_confirmation_pkey" primary key ("id"));`);
    this.addSql(`create index "judicial_confirmation_case_number_index" on "judicial_confirmation" ("case_number");`);
    this.addSql(`create index "judicial_confirmation_case_id_index" on "judicial_confirmation" ("case_id");`);
    this.addSql(`alter table "judicial_confirmation" add constraint "judicial_confirmation_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "judicial_confirmation" cascade;`);
  }

}
