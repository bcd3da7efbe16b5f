import { Migration } from '@mikro-orm/migrations';

export class Migration20261205033156 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "si_employer_batch_deduction_period_credit_code_index" on "si_employer_batch_deduction" ("period", "credit_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "si_employer_batch_deduction_period_credit_code_index";`);
  }

}
