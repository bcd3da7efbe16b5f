import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235509 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "si_contribution_correction" ("id" uuid not null, "case_number" varchar(40) not null, "case_id" uuid null, "person_id" varchar(20) not null, "scheme" text check ("scheme" in ('EMPLOYEE_PENSION', 'FLEXIBLE_PENSION', 'RESIDENT_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY')) not null, "employer_credit_code" varchar(18) null, "periods" text[] not null, "base" numeric(12,2) not null, "amount" numeric(12,2) not null, "content" text not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "status" text check ("status" in ('PENDING', 'CONFIRMED', 'REVERTED')) not null, "ledger_seq" int null, "idempotency_key" varchar(80) not null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, "before" jsonb null, "reverted_at" timestamptz null, "reverted_by_name" text null, "revert_reason" text null, constraint "si_contribution_correction_pkey" primary key ("id"));`);
    this.addSql(`create index "si_contribution_correction_case_number_index" on "si_contribution_correction" ("case_number");`);
    this.addSql(`create index "si_contribution_correction_person_id_index" on "si_contribution_correction" ("person_id");`);
    this.addSql(`alter table "si_contribution_correction" add constraint "si_contribution_correction_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "si_contribution_correction" cascade;`);
  }

}
