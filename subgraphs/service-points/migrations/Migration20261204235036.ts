import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235036 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "mediation_record" ("id" uuid not null, "case_number" varchar(40) not null, "case_id" uuid null, "kind" text check ("kind" in ('SESSION', 'OUTCOME')) not null, "service_point_id" varchar(24) null, "agreed" boolean null, "content" text not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "status" text check ("status" in ('PENDING', 'CONFIRMED')) not null, "ledger_seq" int null, "idempotency_key" varchar(80) not null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, constraint "mediation_record_pkey" primary key ("id"));`);
    this.addSql(`create index "mediation_record_case_number_index" on "mediation_record" ("case_number");`);
    this.addSql(`create index "mediation_record_case_id_index" on "mediation_record" ("case_id");`);
    this.addSql(`alter table "mediation_record" add constraint "mediation_record_idempotency_key_unique" unique ("idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mediation_record" cascade;`);
  }

}
