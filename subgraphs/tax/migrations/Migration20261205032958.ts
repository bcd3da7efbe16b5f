import { Migration } from '@mikro-orm/migrations';

export class Migration20261205032958 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "appeal_analysis_report" ("id" uuid not null, "kind" text check ("kind" in ('WEEKLY', 'QUARTERLY')) not null, "period_start" varchar(10) not null, "period_end" varchar(10) not null, "revision" int not null, "trigger" text check ("trigger" in ('SCHEDULE', 'ON_DEMAND')) not null, "generated_at" timestamptz not null, "generated_by_subject" varchar(255) not null, "generated_by_name" text not null, "content" jsonb not null, "content_hash" varchar(64) not null, constraint "appeal_analysis_report_pkey" primary key ("id"));`);
    this.addSql(`alter table "appeal_analysis_report" add constraint "appeal_analysis_report_kind_period_start_revision_unique" unique ("kind", "period_start", "revision");`);

    this.addSql(`create table "governance_guide" ("id" uuid not null, "number" varchar(40) not null, "topic" varchar(40) not null, "title" varchar(200) not null, "key_areas" text[] not null, "policies" jsonb not null, "plan" text[] not null, "evidence" text not null, "source_report_id" uuid null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')) not null, "version" int not null, "drafted_at" timestamptz not null, "drafted_by_subject" varchar(255) not null, "drafted_by_name" text not null, "published_at" timestamptz null, "published_by_name" text null, "published_to" text[] not null, "withdrawn_at" timestamptz null, "idempotency_key" varchar(100) not null, constraint "governance_guide_pkey" primary key ("id"));`);
    this.addSql(`alter table "governance_guide" add constraint "governance_guide_number_unique" unique ("number");`);
    this.addSql(`alter table "governance_guide" add constraint "governance_guide_idempotency_key_unique" unique ("idempotency_key");`);

    // Guide numbers come from a sequence: drafting never waits on a counter row.
    this.addSql(`create sequence "governance_guide_number_seq";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "appeal_analysis_report" cascade;`);

    this.addSql(`drop table if exists "governance_guide" cascade;`);

    this.addSql(`drop sequence if exists "governance_guide_number_seq";`);
  }

}
