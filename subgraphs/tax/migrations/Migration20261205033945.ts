import { Migration } from '@mikro-orm/migrations';

export class Migration20261205033945 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "proactive_action" ("id" uuid not null, "number" varchar(40) not null, "kind" text check ("kind" in ('RISK_REMINDER', 'POLICY_PUSH', 'POLICY_PACKAGE')) not null, "topic" varchar(40) not null, "rule" text check ("rule" in ('FAILED_BATCH_DEDUCTIONS', 'OPEN_INVOICE_ANOMALIES', 'LATE_FILINGS', 'HOT_TOPIC_PEERS', 'TAXPAYER_PROFILE')) not null, "rule_parameters" jsonb not null, "package_code" varchar(40) null, "title" varchar(100) not null, "body" text not null, "policy_documents" text[] not null, "holdout_permille" int not null, "status" text check ("status" in ('PLANNED', 'SENT', 'CANCELLED')) not null, "candidate_count" int not null, "target_count" int not null, "reached_count" int not null, "comparison_count" int not null, "planned_by_subject" varchar(255) not null, "planned_by_name" text not null, "planned_at" timestamptz not null, "sent_by_subject" varchar(255) null, "sent_by_name" text null, "sent_at" timestamptz null, "send_key" varchar(100) null, "cancelled_at" timestamptz null, "cancelled_by_name" text null, "cancel_reason" text null, "idempotency_key" varchar(100) not null, "request_hash" varchar(64) not null, constraint "proactive_action_pkey" primary key ("id"));`);
    this.addSql(`alter table "proactive_action" add constraint "proactive_action_number_unique" unique ("number");`);
    this.addSql(`alter table "proactive_action" add constraint "proactive_action_send_key_unique" unique ("send_key");`);
    this.addSql(`alter table "proactive_action" add constraint "proactive_action_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "proactive_action_planned_at_number_index" on "proactive_action" ("planned_at", "number");`);

    this.addSql(`create table "proactive_delivery" ("id" uuid not null, "action_id" uuid not null, "target_id" uuid not null, "outcome" text check ("outcome" in ('DELIVERED', 'FAILED')) not null, "channel" text check ("channel" in ('ETAX_MESSAGE', 'SMS', 'INTERACTION_PLATFORM', 'PHONE')) not null, "at" timestamptz not null, "failure_reason" text null, "recorded_by_subject" varchar(255) not null, "recorded_at" timestamptz not null, constraint "proactive_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "proactive_delivery_action_id_index" on "proactive_delivery" ("action_id");`);
    this.addSql(`alter table "proactive_delivery" add constraint "proactive_delivery_target_id_unique" unique ("target_id");`);

    this.addSql(`create table "proactive_target" ("id" uuid not null, "action_id" uuid not null, "seq" int not null, "credit_code" varchar(18) null, "person_id" varchar(40) null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) null, "assigned_group" text check ("assigned_group" in ('REACHED', 'COMPARISON')) not null, "assignment_bucket" int not null, "reason" text not null, "sent_at" timestamptz null, constraint "proactive_target_pkey" primary key ("id"));`);
    this.addSql(`create index "proactive_target_credit_code_index" on "proactive_target" ("credit_code");`);
    this.addSql(`alter table "proactive_target" add constraint "proactive_target_action_id_seq_unique" unique ("action_id", "seq");`);
    this.addSql(`alter table "proactive_target" add constraint "proactive_target_action_id_credit_code_unique" unique ("action_id", "credit_code");`);
    this.addSql(`alter table "proactive_target" add constraint "proactive_target_action_id_person_id_unique" unique ("action_id", "person_id");`);
    // A target is a taxpayer (credit code) or a natural person, never both nor neither.
    this.addSql(`alter table "proactive_target" add constraint "proactive_target_one_key_check" check ((credit_code is null) <> (person_id is null));`);

    // Action numbers come from a sequence, so concurrent plans never queue on a counter row.
    this.addSql(`create sequence "proactive_action_number_seq";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "proactive_action" cascade;`);

    this.addSql(`drop table if exists "proactive_delivery" cascade;`);

    this.addSql(`drop table if exists "proactive_target" cascade;`);

    this.addSql(`drop sequence if exists "proactive_action_number_seq";`);
  }

}
