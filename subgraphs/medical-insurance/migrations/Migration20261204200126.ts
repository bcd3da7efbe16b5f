import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200126 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mi_arrears" ("id" uuid not null, "debtor_kind" text check ("debtor_kind" in ('EMPLOYER', 'PERSON')) not null, "credit_code" varchar(18) null, "person_id" varchar(20) null, "scheme" text check ("scheme" in ('EMPLOYEE', 'FLEXIBLE', 'RESIDENT')) not null, "period_from" varchar(7) not null, "period_to" varchar(7) not null, "amount" numeric(14,2) not null, "status" text check ("status" in ('OUTSTANDING', 'IN_DISPUTE', 'COLLECTED')) not null, "assessed_on" date not null, constraint "mi_arrears_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mi_arrears_credit_code_index" on "mi_arrears" ("credit_code");`);
    this.addSql(`create index "mi_arrears_person_id_index" on "mi_arrears" ("person_id");`);

    this.addSql(
      `create table "mi_employer_account" ("credit_code" varchar(18) not null, "account_number" varchar(20) not null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'CLOSED')) not null, "opened_on" date not null, "insured_count" int not null, constraint "mi_employer_account_pkey" primary key ("credit_code"));`,
    );
    this.addSql(
      `alter table "mi_employer_account" add constraint "mi_employer_account_account_number_unique" unique ("account_number");`,
    );

    this.addSql(
      `create table "mi_enrolment" ("id" uuid not null, "person_id" varchar(20) not null, "scheme" text check ("scheme" in ('EMPLOYEE', 'FLEXIBLE', 'RESIDENT')) not null, "employer_credit_code" varchar(18) null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'TERMINATED')) not null, "started_on" date not null, "ended_on" date null, constraint "mi_enrolment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mi_enrolment_person_id_index" on "mi_enrolment" ("person_id");`);
    this.addSql(
      `create index "mi_enrolment_employer_credit_code_index" on "mi_enrolment" ("employer_credit_code");`,
    );

    this.addSql(
      `create table "mi_yearly_payment" ("id" uuid not null, "person_id" varchar(20) not null, "year" int not null, "scheme" text check ("scheme" in ('EMPLOYEE', 'FLEXIBLE', 'RESIDENT')) not null, "amount_due" numeric(12,2) not null, "amount_paid" numeric(12,2) not null, "status" text check ("status" in ('PAID', 'PARTIAL', 'UNPAID', 'EXEMPT')) not null, "paid_on" date null, constraint "mi_yearly_payment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "mi_yearly_payment_person_id_year_index" on "mi_yearly_payment" ("person_id", "year");`,
    );
  }
}
