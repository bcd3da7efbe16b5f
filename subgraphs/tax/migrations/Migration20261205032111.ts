import { Migration } from '@mikro-orm/migrations';

export class Migration20261205032111 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appeal" ("id" uuid not null, "number" varchar(40) not null, "channel" text check ("channel" in ('HOTLINE_12366', 'WEB_12366', 'HOTLINE_12345', 'INTERACTION_PLATFORM', 'ETAX_BUREAU', 'ITS_MESSAGE', 'CONSULTATION_PHONE', 'GOOD_BAD_REVIEW', 'SERVICE_HALL', 'SATISFACTION_SURVEY', 'NEEDS_SURVEY', 'SERVICE_EXPERIENCER', 'INTERNET_SUPERVISION_SERVICE', 'LEADER_MAILBOX', 'INTERNET_SUPERVISION_PUBLICITY', 'OFFICIAL_WECHAT', 'NEW_MEDIA_OPINION', 'PEOPLES_DAILY_BOARD', 'GOV_CN_MESSAGE', 'ITS_OBJECTION', 'DISCIPLINE_INSPECTION', 'INTERNAL_AUDIT', 'TAX_INSPECTION')) not null, "channel_reference" varchar(100) not null, "kind" text check ("kind" in ('CONSULTATION', 'HELP_REQUEST', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'OPINION')) not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "credit_code" varchar(18) null, "person_id" varchar(40) null, "appellant_name" varchar(100) null, "appellant_phone" varchar(20) null, "content" text not null, "topic" varchar(40) not null, "topic_rule" text check ("topic_rule" in ('KEY_PHRASES', 'NO_MATCH', 'STAFF')) not null, "classified_topic" varchar(40) not null, "matched_phrases" text[] not null, "classifier_score" int not null, "runner_up_topic" varchar(40) null, "classification_close" boolean not null, "duplicate_of" uuid null, "stage" text check ("stage" in ('RECEIVED', 'ACCEPTED', 'INVESTIGATING', 'HANDLED', 'FEEDBACK_GIVEN', 'CLOSED', 'REJECTED')) not null, "version" int not null, "handling_unit" varchar(40) null, "supervising_unit" varchar(40) not null, "escalated" boolean not null, "received_at" timestamptz not null, "stage_entered_at" timestamptz not null, "stage_due_at" timestamptz null, "responded_at" timestamptz null, "handled_at" timestamptz null, "closed_at" timestamptz null, "satisfaction" text check ("satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')) null, "reopen_count" int not null, "ever_late" boolean not null, constraint "appeal_pkey" primary key ("id"));`);
    this.addSql(`alter table "appeal" add constraint "appeal_number_unique" unique ("number");`);
    this.addSql(`create index "appeal_credit_code_index" on "appeal" ("credit_code");`);
    this.addSql(`create index "appeal_person_id_index" on "appeal" ("person_id");`);
    this.addSql(`create index "appeal_appellant_phone_index" on "appeal" ("appellant_phone");`);
    this.addSql(`create index "appeal_duplicate_of_index" on "appeal" ("duplicate_of");`);
    this.addSql(`create index "appeal_received_at_index" on "appeal" ("received_at");`);
    this.addSql(`create index "appeal_stage_stage_due_at_index" on "appeal" ("stage", "stage_due_at");`);
    this.addSql(`create index "appeal_topic_received_at_index" on "appeal" ("topic", "received_at");`);
    this.addSql(`alter table "appeal" add constraint "appeal_channel_channel_reference_unique" unique ("channel", "channel_reference");`);

    this.addSql(`create table "appeal_step" ("id" uuid not null, "appeal_id" uuid not null, "seq" int not null, "kind" text check ("kind" in ('RECEIVE', 'ACCEPT', 'REJECT', 'START_INVESTIGATION', 'HANDLE', 'FEEDBACK', 'REVISIT', 'ESCALATE', 'RECLASSIFY')) not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "content" text not null, "stage_before" text check ("stage_before" in ('RECEIVED', 'ACCEPTED', 'INVESTIGATING', 'HANDLED', 'FEEDBACK_GIVEN', 'CLOSED', 'REJECTED')) not null, "stage_after" text check ("stage_after" in ('RECEIVED', 'ACCEPTED', 'INVESTIGATING', 'HANDLED', 'FEEDBACK_GIVEN', 'CLOSED', 'REJECTED')) not null, "handling_unit" varchar(40) null, "satisfaction" text check ("satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')) null, "topic_before" varchar(40) null, "topic_after" varchar(40) null, "at" timestamptz not null, "late" boolean not null, "idempotency_key" varchar(100) not null, constraint "appeal_step_pkey" primary key ("id"));`);
    this.addSql(`alter table "appeal_step" add constraint "appeal_step_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`alter table "appeal_step" add constraint "appeal_step_appeal_id_seq_unique" unique ("appeal_id", "seq");`);

    // Work-order numbers come from a sequence, so intake from many channels at once never queues on a counter row.
    this.addSql(`create sequence "appeal_number_seq";`);

    this.addSql(`create table "appeal_yearly_figure" ("year" int not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "valid_reports" int not null, "source" text not null, constraint "appeal_yearly_figure_pkey" primary key ("year", "district"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "appeal" cascade;`);

    this.addSql(`drop table if exists "appeal_step" cascade;`);

    this.addSql(`drop table if exists "appeal_yearly_figure" cascade;`);

    this.addSql(`drop sequence if exists "appeal_number_seq";`);
  }

}
