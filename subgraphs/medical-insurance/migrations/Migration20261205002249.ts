import { Migration } from '@mikro-orm/migrations';

export class Migration20261205002249 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "mi_correction" ("id" uuid not null, "case_number" varchar(40) not null, "case_id" uuid null, "actor_subject" varchar(255) not null, "actor_name" text not null, "status" text check ("status" in ('PENDING', 'CONFIRMED')) not null, "ledger_seq" int null, "idempotency_key" varchar(80) not null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, "person_id" varchar(20) not null, "year" int not null, "scheme" text check ("scheme" in ('EMPLOYEE', 'FLEXIBLE', 'RESIDENT')) not null, "amount_paid" numeric(12,2) not null, "content" text not null, "before" jsonb null, constraint "mi_correction_pkey" primary key ("id"));`);
    this.addSql(`create index "mi_correction_case_number_index" on "mi_correction" ("case_number");`);
    this.addSql(`create index "mi_correction_case_id_index" on "mi_correction" ("case_id");`);
    this.addSql(`alter table "mi_correction" add constraint "mi_correction_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "mi_correction_person_id_index" on "mi_correction" ("person_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mi_correction" cascade;`);
  }

}
