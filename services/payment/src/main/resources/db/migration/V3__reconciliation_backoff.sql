-- Matching checks since the payment last changed: each one doubles the wait before the next. A payment unchanged for
-- payment.reconciliation.settle-after is settled (next_reconcile_at 'infinity') until it changes again.
alter table payment add column reconcile_checks int not null default 0;
