import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200057 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "case_party" ("id" uuid not null, "case_id" uuid not null, "role" text check ("role" in ('PLAINTIFF', 'DEFENDANT', 'APPLICANT', 'RESPONDENT', 'THIRD_PARTY')) not null, "kind" text check ("kind" in ('ENTERPRISE', 'PERSON', 'AUTHORITY')) not null, "display_name" varchar(200) not null, "credit_code" varchar(18) null, "person_id" varchar(20) null, constraint "case_party_pkey" primary key ("id"));`);
    this.addSql(`create index "case_party_case_id_index" on "case_party" ("case_id");`);
    this.addSql(`create index "case_party_credit_code_index" on "case_party" ("credit_code");`);
    this.addSql(`create index "case_party_person_id_index" on "case_party" ("person_id");`);

    this.addSql(`create table "court_case" ("id" uuid not null, "case_number" varchar(40) not null, "type" text check ("type" in ('LABOUR_DISPUTE', 'ADMINISTRATIVE', 'CIVIL', 'ENFORCEMENT')) not null, "cause" varchar(50) not null, "court" varchar(50) not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "status" text check ("status" in ('FILED', 'IN_MEDIATION', 'IN_TRIAL', 'ENFORCING', 'CLOSED', 'WITHDRAWN')) not null, "filed_on" date not null, "closed_on" date null, "amount_in_dispute" numeric(14,2) null, constraint "court_case_pkey" primary key ("id"));`);
    this.addSql(`alter table "court_case" add constraint "court_case_case_number_unique" unique ("case_number");`);
    this.addSql(`create index "court_case_filed_on_id_index" on "court_case" ("filed_on", "id");`);
  }

}
