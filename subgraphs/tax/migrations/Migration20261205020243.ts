import { Migration } from '@mikro-orm/migrations';

export class Migration20261205020243 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "advance_ruling" ("id" uuid not null, "number" varchar(40) not null, "credit_code" varchar(18) not null, "topic" varchar(200) not null, "category" text check ("category" in ('RESTRUCTURING', 'RELATED_PARTY', 'REVENUE_RECOGNITION', 'PREFERENTIAL_POLICY', 'CROSS_REGION', 'OTHER')) not null, "question" text not null, "status" text check ("status" in ('REQUESTED', 'UNDER_REVIEW', 'ISSUED', 'DECLINED')) not null, "requested_at" timestamptz not null, "requester_subject" varchar(255) not null, "requester_name" text not null, "review_started_at" timestamptz null, "reviewer_subject" varchar(255) null, "reviewer_name" text null, "ruling_text" text null, "valid_from" date null, "valid_until" date null, "issued_at" timestamptz null, "decline_reason" text null, "declined_at" timestamptz null, constraint "advance_ruling_pkey" primary key ("id"));`);
    this.addSql(`alter table "advance_ruling" add constraint "advance_ruling_number_unique" unique ("number");`);
    this.addSql(`create index "advance_ruling_credit_code_index" on "advance_ruling" ("credit_code");`);

    this.addSql(`create table "basic_info_form" ("id" uuid not null, "credit_code" varchar(18) not null, "version" int not null, "status" text check ("status" in ('SUBMITTED', 'APPROVED', 'RETURNED')) not null, "content" jsonb not null, "submitted_at" timestamptz not null, "submitter_subject" varchar(255) not null, "submitter_name" text not null, "reviewed_at" timestamptz null, "reviewer_subject" varchar(255) null, "reviewer_name" text null, "review_comment" text null, constraint "basic_info_form_pkey" primary key ("id"));`);
    this.addSql(`alter table "basic_info_form" add constraint "basic_info_form_credit_code_version_unique" unique ("credit_code", "version");`);

    this.addSql(`create table "compliance_agreement" ("id" uuid not null, "number" varchar(40) not null, "credit_code" varchar(18) not null, "title" varchar(200) not null, "commitments" text not null, "starts_on" date not null, "ends_on" date not null, "status" text check ("status" in ('DRAFT', 'SIGNED', 'ACTIVE', 'EXPIRED')) not null, "drafted_at" timestamptz not null, "drafter_name" text not null, "signed_on" date null, "activated_on" date null, "expired_on" date null, constraint "compliance_agreement_pkey" primary key ("id"));`);
    this.addSql(`alter table "compliance_agreement" add constraint "compliance_agreement_number_unique" unique ("number");`);
    this.addSql(`create index "compliance_agreement_credit_code_index" on "compliance_agreement" ("credit_code");`);

    this.addSql(`create table "service_follow_up" ("id" uuid not null, "visit_id" uuid not null, "credit_code" varchar(18) not null, "seq" int not null, "description" text not null, "owner" varchar(100) not null, "owner_side" text check ("owner_side" in ('TAX', 'ENTERPRISE', 'OTHER_AGENCY')) not null, "due_on" date not null, "status" text check ("status" in ('OPEN', 'DONE')) not null, "completed_on" date null, "completed_by_name" text null, "completion_note" text null, constraint "service_follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "service_follow_up_visit_id_index" on "service_follow_up" ("visit_id");`);
    this.addSql(`create index "service_follow_up_credit_code_index" on "service_follow_up" ("credit_code");`);

    this.addSql(`create table "handbook_section" ("id" uuid not null, "section_id" uuid not null, "credit_code" varchar(18) not null, "version" int not null, "title" varchar(100) not null, "body" text not null, "author_subject" varchar(255) not null, "author_name" text not null, "written_at" timestamptz not null, constraint "handbook_section_pkey" primary key ("id"));`);
    this.addSql(`create index "handbook_section_credit_code_index" on "handbook_section" ("credit_code");`);
    this.addSql(`alter table "handbook_section" add constraint "handbook_section_section_id_version_unique" unique ("section_id", "version");`);

    this.addSql(`create table "service_account" ("credit_code" varchar(18) not null, "account_number" varchar(40) not null, "opened_on" date not null, "contact_name" varchar(50) not null, "contact_position" varchar(50) not null, "contact_phone" varchar(20) not null, "group_name" varchar(200) null, "group_role" text check ("group_role" in ('INDEPENDENT', 'HEADQUARTERS', 'MEMBER')) not null, "group_headquarters" varchar(100) null, "outside_bazhong" jsonb not null, "facts_from_version" int null, constraint "service_account_pkey" primary key ("credit_code"));`);
    this.addSql(`alter table "service_account" add constraint "service_account_account_number_unique" unique ("account_number");`);

    this.addSql(`create table "service_case" ("id" uuid not null, "number" varchar(40) not null, "credit_code" varchar(18) not null, "kind" text check ("kind" in ('MAJOR_APPEAL', 'GROUP_WIDE', 'CROSS_REGION')) not null, "title" varchar(200) not null, "description" text not null, "regions" jsonb not null, "member_enterprises" jsonb not null, "status" text check ("status" in ('ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')) not null, "version" int not null, "handler_name" text not null, "opened_at" timestamptz not null, "resolved_at" timestamptz null, "closed_at" timestamptz null, constraint "service_case_pkey" primary key ("id"));`);
    this.addSql(`alter table "service_case" add constraint "service_case_number_unique" unique ("number");`);
    this.addSql(`create index "service_case_credit_code_index" on "service_case" ("credit_code");`);

    this.addSql(`create table "service_case_step" ("id" uuid not null, "case_id" uuid not null, "seq" int not null, "kind" text check ("kind" in ('ACCEPT', 'PROGRESS', 'COORDINATE', 'RESPOND', 'RESOLVE', 'REVISIT')) not null, "content" text not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "at" timestamptz not null, "status_after" text check ("status_after" in ('ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')) not null, constraint "service_case_step_pkey" primary key ("id"));`);
    this.addSql(`alter table "service_case_step" add constraint "service_case_step_case_id_seq_unique" unique ("case_id", "seq");`);

    this.addSql(`create table "service_number_counter" ("series" varchar(40) not null, "last" int not null, constraint "service_number_counter_pkey" primary key ("series"));`);

    this.addSql(`create table "service_request" ("idempotency_key" varchar(100) not null, "operation" varchar(40) not null, "actor_subject" varchar(255) not null, "request_hash" varchar(64) not null, "result_id" uuid not null, "at" timestamptz not null, constraint "service_request_pkey" primary key ("idempotency_key"));`);

    this.addSql(`create table "service_team_member" ("subject" varchar(255) not null, "name" varchar(50) not null, "role" text check ("role" in ('TEAM_LEAD', 'GENERAL_LIAISON', 'CHIEF_LIAISON')) not null, "in_core_team" boolean not null, "office" varchar(100) not null, "service_phone" varchar(20) not null, "industries" text[] not null, constraint "service_team_member_pkey" primary key ("subject"));`);

    this.addSql(`create table "service_visit" ("id" uuid not null, "credit_code" varchar(18) not null, "kind" text check ("kind" in ('VISIT', 'HIGH_LEVEL_DIALOGUE', 'ONLINE_CONSULTATION')) not null, "held_on" date not null, "location" varchar(200) not null, "participants" jsonb not null, "topics" jsonb not null, "summary" text not null, "recorder_subject" varchar(255) not null, "recorder_name" text not null, "recorded_at" timestamptz not null, constraint "service_visit_pkey" primary key ("id"));`);
    this.addSql(`create index "service_visit_credit_code_held_on_index" on "service_visit" ("credit_code", "held_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "advance_ruling" cascade;`);

    this.addSql(`drop table if exists "basic_info_form" cascade;`);

    this.addSql(`drop table if exists "compliance_agreement" cascade;`);

    this.addSql(`drop table if exists "service_follow_up" cascade;`);

    this.addSql(`drop table if exists "handbook_section" cascade;`);

    this.addSql(`drop table if exists "service_account" cascade;`);

    this.addSql(`drop table if exists "service_case" cascade;`);

    this.addSql(`drop table if exists "service_case_step" cascade;`);

    this.addSql(`drop table if exists "service_number_counter" cascade;`);

    this.addSql(`drop table if exists "service_request" cascade;`);

    this.addSql(`drop table if exists "service_team_member" cascade;`);

    this.addSql(`drop table if exists "service_visit" cascade;`);
  }

}
