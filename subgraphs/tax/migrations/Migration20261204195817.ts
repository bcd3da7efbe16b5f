import { Migration } from '@mikro-orm/migrations';

export class Migration20261204195817 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enterprise" ("credit_code" varchar(18) not null, "name" varchar(200) not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "industry" text check ("industry" in ('AGRICULTURE', 'MINING', 'MANUFACTURING', 'UTILITIES', 'CONSTRUCTION', 'WHOLESALE_RETAIL', 'TRANSPORT', 'ACCOMMODATION_CATERING', 'INFORMATION_TECHNOLOGY', 'FINANCE', 'REAL_ESTATE', 'BUSINESS_SERVICES', 'PUBLIC_FACILITIES', 'RESIDENT_SERVICES', 'EDUCATION', 'HEALTH', 'CULTURE')) not null, "registration_type" text check ("registration_type" in ('STATE_OWNED', 'COLLECTIVE', 'LIMITED_LIABILITY', 'JOINT_STOCK', 'PRIVATE', 'PARTNERSHIP', 'INDIVIDUAL_BUSINESS', 'FOREIGN_INVESTED')) not null, "credit_rating" text check ("credit_rating" in ('A', 'B', 'M', 'C', 'D')) not null, "is_large_enterprise" boolean not null, "tax_office" varchar(100) not null, "tax_status" text check ("tax_status" in ('NORMAL', 'ABNORMAL', 'DEREGISTERED')) not null, "registered_on" date not null, constraint "enterprise_pkey" primary key ("credit_code"));`);
    this.addSql(`create index "enterprise_district_credit_code_index" on "enterprise" ("district", "credit_code");`);
    this.addSql(`create index "enterprise_industry_credit_code_index" on "enterprise" ("industry", "credit_code");`);
    this.addSql(`create index "enterprise_is_large_enterprise_credit_code_index" on "enterprise" ("is_large_enterprise", "credit_code");`);
  }

}
