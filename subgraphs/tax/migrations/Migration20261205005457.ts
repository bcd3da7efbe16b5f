import { Migration } from '@mikro-orm/migrations';

export class Migration20261205005457 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dispute_case" alter column "employer_credit_code" type varchar(18) using ("employer_credit_code"::varchar(18));`);
    this.addSql(`alter table "dispute_case" alter column "employer_credit_code" drop not null;`);

    this.addSql(`alter table "dispute_step" add column "satisfaction" text check ("satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dispute_case" alter column "employer_credit_code" type varchar(18) using ("employer_credit_code"::varchar(18));`);
    this.addSql(`alter table "dispute_case" alter column "employer_credit_code" set not null;`);

    this.addSql(`alter table "dispute_step" drop column "satisfaction";`);
  }

}
