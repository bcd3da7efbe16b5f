import { Migration } from '@mikro-orm/migrations';

export class Migration20261205013215 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "health_check_batch" ("id" uuid not null, "period" varchar(7) not null, "credit_codes" text[] not null, "issuer_subject" varchar(255) not null, "issued_at" timestamptz not null, "report_count" int not null, "idempotency_key" varchar(100) not null, constraint "health_check_batch_pkey" primary key ("id"));`);
    this.addSql(`alter table "health_check_batch" add constraint "health_check_batch_idempotency_key_unique" unique ("idempotency_key");`);

    this.addSql(`create table "health_check_counter" ("period" varchar(7) not null, "last" int not null, constraint "health_check_counter_pkey" primary key ("period"));`);

    this.addSql(`create table "health_check_report" ("id" uuid not null, "report_number" varchar(40) not null, "credit_code" varchar(18) not null, "period" varchar(7) not null, "revision" int not null, "grade" text check ("grade" in ('A', 'B', 'C', 'D')) not null, "summary" text not null, "snapshot" jsonb not null, "content_hash" varchar(64) not null, "issued_at" timestamptz not null, "issuer_subject" varchar(255) not null, "issuer_name" text not null, "batch_id" uuid null, constraint "health_check_report_pkey" primary key ("id"));`);
    this.addSql(`alter table "health_check_report" add constraint "health_check_report_report_number_unique" unique ("report_number");`);
    this.addSql(`create index "health_check_report_batch_id_index" on "health_check_report" ("batch_id");`);
    this.addSql(`create index "health_check_report_credit_code_issued_at_index" on "health_check_report" ("credit_code", "issued_at");`);
    this.addSql(`alter table "health_check_report" add constraint "health_check_report_credit_code_period_revision_unique" unique ("credit_code", "period", "revision");`);

    this.addSql(`create table "invoice_anomaly" ("id" uuid not null, "credit_code" varchar(18) not null, "kind" text check ("kind" in ('ABNORMAL_VOUCHER', 'OUT_OF_CONTROL_INVOICE', 'CEILING_ISSUING', 'REFUSAL_TO_ISSUE', 'MISMATCHED_GOODS')) not null, "detected_on" date not null, "amount" numeric(14,2) not null, "resolved_on" date null, constraint "invoice_anomaly_pkey" primary key ("id"));`);
    this.addSql(`create index "invoice_anomaly_credit_code_index" on "invoice_anomaly" ("credit_code");`);

    this.addSql(`create table "tax_risk_flag" ("id" uuid not null, "credit_code" varchar(18) not null, "description" text not null, "level" text check ("level" in ('LOW', 'MEDIUM', 'HIGH')) not null, "raised_on" date not null, "closed_on" date null, constraint "tax_risk_flag_pkey" primary key ("id"));`);
    this.addSql(`create index "tax_risk_flag_credit_code_index" on "tax_risk_flag" ("credit_code");`);

    this.addSql(`create table "tax_arrears" ("id" uuid not null, "credit_code" varchar(18) not null, "tax_kind" text check ("tax_kind" in ('VAT', 'CORPORATE_INCOME_TAX', 'INDIVIDUAL_INCOME_TAX_WITHHOLDING', 'STAMP_DUTY', 'PROPERTY_TAX')) not null, "amount" numeric(14,2) not null, "assessed_on" date not null, "paid_on" date null, constraint "tax_arrears_pkey" primary key ("id"));`);
    this.addSql(`create index "tax_arrears_credit_code_index" on "tax_arrears" ("credit_code");`);

    this.addSql(`create table "tax_filing" ("id" uuid not null, "credit_code" varchar(18) not null, "tax_kind" text check ("tax_kind" in ('VAT', 'CORPORATE_INCOME_TAX', 'INDIVIDUAL_INCOME_TAX_WITHHOLDING', 'STAMP_DUTY', 'PROPERTY_TAX')) not null, "period" varchar(7) not null, "due_on" date not null, "filed_on" date null, "tax_payable" numeric(14,2) not null, constraint "tax_filing_pkey" primary key ("id"));`);
    this.addSql(`create index "tax_filing_credit_code_due_on_index" on "tax_filing" ("credit_code", "due_on");`);

    // An issued report never changes: updates are refused in the database itself, whatever the code does.
    this.addSql(`create or replace function health_check_report_immutable() returns trigger language plpgsql as $$
      begin raise exception 'health_check_report rows are immutable once issued'; end $$;`);
    this.addSql(`create trigger health_check_report_no_update before update on "health_check_report"
      for each row execute function health_check_report_immutable();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists health_check_report_no_update on "health_check_report";`);
    this.addSql(`drop function if exists health_check_report_immutable();`);
    this.addSql(`drop table if exists "health_check_batch" cascade;`);

    this.addSql(`drop table if exists "health_check_counter" cascade;`);

    this.addSql(`drop table if exists "health_check_report" cascade;`);

    this.addSql(`drop table if exists "invoice_anomaly" cascade;`);

    this.addSql(`drop table if exists "tax_risk_flag" cascade;`);

    this.addSql(`drop table if exists "tax_arrears" cascade;`);

    this.addSql(`drop table if exists "tax_filing" cascade;`);
  }

}
