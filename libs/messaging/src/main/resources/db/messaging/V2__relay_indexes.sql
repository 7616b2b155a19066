-- A backlog of many messages per aggregate (after a broker outage) made the relay's "is an earlier message of this
-- aggregate waiting for a retry?" check visit every unpublished row of the aggregate. With next_attempt_at in the
-- index the check is one index probe.
drop index messaging.outbox_message_unpublished_aggregate;
create index outbox_message_unpublished_aggregate on messaging.outbox_message (aggregate_type, aggregate_id, next_attempt_at)
    where published_at is null;
-- When the next retry is due, without reading the backlog.
create index outbox_message_unpublished_next_attempt on messaging.outbox_message (next_attempt_at)
    where published_at is null;
