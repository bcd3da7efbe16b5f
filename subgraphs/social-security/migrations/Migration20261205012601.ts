import { Migration } from '@mikro-orm/migrations';

export class Migration20261205012601 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "si_employer_batch_deduction" ("id" uuid not null, "credit_code" varchar(18) not null, "period" varchar(7) not null, "amount" numeric(14,2) not null, "bank" varchar(50) not null, "result" text check ("result" in ('SUCCEEDED', 'FAILED')) not null, "failure_reason" text check ("failure_reason" in ('INSUFFICIENT_BALANCE', 'ACCOUNT_FROZEN', 'NO_AGREEMENT', 'ACCOUNT_CLOSED')) null, "attempted_at" timestamptz not null, constraint "si_employer_batch_deduction_pkey" primary key ("id"));`);
    this.addSql(`create index "si_employer_batch_deduction_credit_code_attempted_at_index" on "si_employer_batch_deduction" ("credit_code", "attempted_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "si_employer_batch_deduction" cascade;`);
  }

}
