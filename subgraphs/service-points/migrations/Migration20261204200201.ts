import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service_point" ("id" varchar(24) not null, "name" varchar(100) not null, "kind" text check ("kind" in ('PARTNER_ONE_STOP', 'SOCIAL_INSURANCE_PAYMENT', 'TAX_POST', 'TAX_BANK', 'COMMUNITY', 'FENGQIAO_BRANCH')) not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "address" varchar(200) not null, "latitude" double precision not null, "longitude" double precision not null, "services" text[] not null, "opening_hours" varchar(100) not null, "host_organisation" varchar(100) not null, "phone" varchar(20) null, constraint "service_point_pkey" primary key ("id"));`);
    this.addSql(`create index "service_point_district_id_index" on "service_point" ("district", "id");`);
    this.addSql(`create index "service_point_kind_id_index" on "service_point" ("kind", "id");`);

    this.addSql(`create table "service_record" ("id" uuid not null, "service_point_id" varchar(24) not null, "credit_code" varchar(18) null, "person_id" varchar(20) null, "service" text check ("service" in ('SOCIAL_INSURANCE_PAYMENT', 'MEDICAL_INSURANCE_PAYMENT', 'TAX_REGISTRATION', 'INVOICE', 'TAX_FILING', 'INDIVIDUAL_INCOME_TAX', 'CHILDCARE_DEDUCTION', 'VETERANS_TAX_POLICY', 'TAX_CONSULTATION', 'DISPUTE_MEDIATION', 'LEGAL_SERVICE', 'ASSISTED_HANDLING')) not null, "mode" text check ("mode" in ('ROUTINE', 'ASSISTED', 'BEYOND_EXPECTATION')) not null, "summary" varchar(300) not null, "served_at" timestamptz not null, constraint "service_record_pkey" primary key ("id"));`);
    this.addSql(`create index "service_record_credit_code_served_at_index" on "service_record" ("credit_code", "served_at");`);
    this.addSql(`create index "service_record_person_id_served_at_index" on "service_record" ("person_id", "served_at");`);
  }

}
