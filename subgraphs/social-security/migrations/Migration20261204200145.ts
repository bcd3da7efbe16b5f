import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200145 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "si_batch_deduction" ("id" uuid not null, "person_id" varchar(20) not null, "period" varchar(7) not null, "scheme" text check ("scheme" in ('EMPLOYEE_PENSION', 'FLEXIBLE_PENSION', 'RESIDENT_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY')) not null, "amount" numeric(12,2) not null, "bank" varchar(50) not null, "result" text check ("result" in ('SUCCEEDED', 'FAILED')) not null, "failure_reason" text check ("failure_reason" in ('INSUFFICIENT_BALANCE', 'ACCOUNT_FROZEN', 'NO_AGREEMENT', 'ACCOUNT_CLOSED')) null, "attempted_at" timestamptz not null, constraint "si_batch_deduction_pkey" primary key ("id"));`);
    this.addSql(`create index "si_batch_deduction_person_id_attempted_at_index" on "si_batch_deduction" ("person_id", "attempted_at");`);

    this.addSql(`create table "si_contribution" ("id" uuid not null, "person_id" varchar(20) not null, "period" varchar(7) not null, "scheme" text check ("scheme" in ('EMPLOYEE_PENSION', 'FLEXIBLE_PENSION', 'RESIDENT_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY')) not null, "employer_credit_code" varchar(18) null, "base" numeric(12,2) not null, "amount" numeric(12,2) not null, "status" text check ("status" in ('PAID', 'PARTIAL', 'UNPAID')) not null, "paid_on" date null, constraint "si_contribution_pkey" primary key ("id"));`);
    this.addSql(`create index "si_contribution_person_id_period_index" on "si_contribution" ("person_id", "period");`);

    this.addSql(`create table "si_enrolment" ("id" uuid not null, "person_id" varchar(20) not null, "scheme" text check ("scheme" in ('EMPLOYEE_PENSION', 'FLEXIBLE_PENSION', 'RESIDENT_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY')) not null, "employer_credit_code" varchar(18) null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'TERMINATED')) not null, "started_on" date not null, "ended_on" date null, constraint "si_enrolment_pkey" primary key ("id"));`);
    this.addSql(`create index "si_enrolment_person_id_index" on "si_enrolment" ("person_id");`);
    this.addSql(`create index "si_enrolment_employer_credit_code_index" on "si_enrolment" ("employer_credit_code");`);

    this.addSql(`create table "person" ("person_id" varchar(20) not null, "name" varchar(50) not null, "id_number" varchar(18) not null, "gender" text check ("gender" in ('MALE', 'FEMALE')) not null, "birth_date" date not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "phone" varchar(11) null, constraint "person_pkey" primary key ("person_id"));`);
    this.addSql(`alter table "person" add constraint "person_id_number_unique" unique ("id_number");`);

    this.addSql(`create table "si_arrears" ("id" uuid not null, "debtor_kind" text check ("debtor_kind" in ('EMPLOYER', 'PERSON')) not null, "credit_code" varchar(18) null, "person_id" varchar(20) null, "scheme" text check ("scheme" in ('EMPLOYEE_PENSION', 'FLEXIBLE_PENSION', 'RESIDENT_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY')) not null, "period_from" varchar(7) not null, "period_to" varchar(7) not null, "amount" numeric(14,2) not null, "status" text check ("status" in ('OUTSTANDING', 'IN_DISPUTE', 'COLLECTED')) not null, "assessed_on" date not null, constraint "si_arrears_pkey" primary key ("id"));`);
    this.addSql(`create index "si_arrears_credit_code_index" on "si_arrears" ("credit_code");`);
    this.addSql(`create index "si_arrears_person_id_index" on "si_arrears" ("person_id");`);

    this.addSql(`create table "si_employer_account" ("credit_code" varchar(18) not null, "account_number" varchar(20) not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'CLOSED')) not null, "opened_on" date not null, "insured_count" int not null, constraint "si_employer_account_pkey" primary key ("credit_code"));`);
    this.addSql(`alter table "si_employer_account" add constraint "si_employer_account_account_number_unique" unique ("account_number");`);
    this.addSql(`create index "si_employer_account_district_credit_code_index" on "si_employer_account" ("district", "credit_code");`);
  }

}
