-- Tables of libs/messaging, in their own schema with their own Flyway history (flyway_messaging_history).

create table outbox_message (
    seq             bigserial primary key,
    message_id      uuid        not null unique,
    exchange        text        not null,
    routing_key     text        not null,
    type            text        not null,
    version         int         not null,
    aggregate_type  text        not null,
    aggregate_id    text        not null,
    partition       smallint    not null,
    payload         jsonb       not null,
    -- correlation and causation ids, traceparent, extra AMQP headers
    headers         jsonb       not null default '{}',
    occurred_at     timestamptz not null,
    created_at      timestamptz not null default now(),
    published_at    timestamptz,
    attempts        int         not null default 0,
    last_error      text,
    -- when the relay may try again after the broker did not take the message
    next_attempt_at timestamptz not null default now()
);

-- What the relay reads: the unpublished rows of a partition in order, and the aggregates waiting for a retry.
create index outbox_message_unpublished on outbox_message (partition, seq) where published_at is null;
create index outbox_message_unpublished_aggregate on outbox_message (aggregate_type, aggregate_id)
    where published_at is null;
-- What the cleanup deletes.
create index outbox_message_published_at on outbox_message (published_at) where published_at is not null;

create table inbox_message (
    consumer     text        not null,
    message_id   uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, message_id)
);

create index inbox_message_processed_at on inbox_message (processed_at);
