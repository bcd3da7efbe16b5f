import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235929 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dispute_case_counter" ("year" serial primary key, "last" int not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dispute_case_counter" cascade;`);
  }

}
