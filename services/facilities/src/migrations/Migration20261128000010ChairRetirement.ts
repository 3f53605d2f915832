import { Migration } from '@mikro-orm/migrations';

/**
 * A chair can be retired for good: when and why. A retired chair is never active again, and a
 * retirement always carries its reason.
 */
export class Migration20261128000010ChairRetirement extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table facilities.chair
        add column retired_at timestamptz,
        add column retirement_reason text,
        add constraint chair_retirement_check check ((retired_at is null) = (retirement_reason is null)),
        add constraint chair_retired_inactive_check check (retired_at is null or not active)`);
  }
}
