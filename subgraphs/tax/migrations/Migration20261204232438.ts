import { Migration } from '@mikro-orm/migrations';

export class Migration20261204232438 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dispute_case" ("id" uuid not null, "case_number" varchar(40) not null, "subject" text check ("subject" in ('CONTRIBUTION_BASE', 'MISSING_PERIODS', 'ARREARS', 'FAILED_BATCH_DEDUCTION', 'MEDICAL_CONTRIBUTION')) not null, "stage" text check ("stage" in ('REGISTERED', 'JOINT_REVIEW', 'MEDIATION', 'AGREED', 'NOT_AGREED', 'JUDICIALLY_CONFIRMED', 'REFERRED', 'EXECUTION', 'CLOSED', 'REVISITED')) not null, "version" int not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "intake_agency" text check ("intake_agency" in ('tax', 'hrss', 'medical-insurance', 'court', 'justice', 'political-legal', 'petitions', 'trade-union', 'enterprise', 'hub')) not null, "channel" varchar(40) not null, "participants" text[] not null, "union_represents" boolean not null, "employer_credit_code" varchar(18) not null, "amount_in_dispute" numeric(14,2) null, "period_from" varchar(7) null, "period_to" varchar(7) null, "summary" text not null, "registered_at" timestamptz not null, "stage_entered_at" timestamptz not null, constraint "dispute_case_pkey" primary key ("id"));`);
    this.addSql(`alter table "dispute_case" add constraint "dispute_case_case_number_unique" unique ("case_number");`);
    this.addSql(`create index "dispute_case_stage_district_index" on "dispute_case" ("stage", "district");`);
    this.addSql(`create index "dispute_case_employer_credit_code_index" on "dispute_case" ("employer_credit_code");`);

    this.addSql(`create table "dispute_party" ("id" uuid not null, "case_id" uuid not null, "role" text check ("role" in ('EMPLOYER', 'INSURED_PERSON', 'REPRESENTATIVE')) not null, "credit_code" varchar(18) null, "person_id" varchar(40) null, "display_name" text not null, constraint "dispute_party_pkey" primary key ("id"));`);
    this.addSql(`create index "dispute_party_case_id_index" on "dispute_party" ("case_id");`);
    this.addSql(`create index "dispute_party_person_id_index" on "dispute_party" ("person_id");`);

    this.addSql(`create table "dispute_step" ("id" uuid not null, "case_id" uuid not null, "seq" int not null, "kind" text check ("kind" in ('REGISTER', 'OPEN_JOINT_REVIEW', 'FINDING', 'MEDIATION_SESSION', 'MEDIATION_OUTCOME', 'JUDICIAL_CONFIRMATION', 'REFERRAL', 'CONTRIBUTION_CORRECTION', 'MEDICAL_CORRECTION', 'ARREARS_COLLECTED', 'CLOSE', 'REVISIT')) not null, "department" text check ("department" in ('tax', 'hrss', 'medical-insurance', 'court', 'justice', 'political-legal', 'petitions', 'trade-union', 'enterprise', 'hub')) not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "content" text not null, "recorded_in" text check ("recorded_in" in ('tax', 'social-security', 'medical-insurance', 'courts', 'service-points', 'hub')) not null, "stage_after" text check ("stage_after" in ('REGISTERED', 'JOINT_REVIEW', 'MEDIATION', 'AGREED', 'NOT_AGREED', 'JUDICIALLY_CONFIRMED', 'REFERRED', 'EXECUTION', 'CLOSED', 'REVISITED')) not null, "at" timestamptz not null, "idempotency_key" varchar(100) not null, constraint "dispute_step_pkey" primary key ("id"));`);
    this.addSql(`alter table "dispute_step" add constraint "dispute_step_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`alter table "dispute_step" add constraint "dispute_step_case_id_seq_unique" unique ("case_id", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dispute_case" cascade;`);

    this.addSql(`drop table if exists "dispute_party" cascade;`);

    this.addSql(`drop table if exists "dispute_step" cascade;`);
  }

}
