import { Migration } from '@mikro-orm/migrations';

export class Migration20261204233828 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dispute_case" add column "waiting_for" text[] not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dispute_case" drop column "waiting_for";`);
  }

}
