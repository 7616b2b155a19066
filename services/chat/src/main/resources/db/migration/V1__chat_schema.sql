-- A conversation: a customer's support conversation (kind support, claimed by one agent) or a group room.
-- last_seq is the sequence of its newest message: a message takes last_seq + 1 from this row in its own transaction,
-- so the row lock serializes the senders of one conversation and the sequence has no gaps.
create table conversation (
    id uuid primary key,
    -- the listings' cursor position: monotonic, never reused
    position bigint generated always as identity unique,
    kind text not null check (kind in ('support', 'room')),
    subject text not null,
    created_by uuid not null,
    assignee_id uuid,
    last_seq bigint not null default 0,
    created_at timestamptz not null default now(),
    last_message_at timestamptz
);

-- the support queue: unassigned support conversations, oldest first
create index conversation_unassigned on conversation (position) where kind = 'support' and assignee_id is null;

-- Who belongs to a conversation, and how far each has read (monotonic).
create table member (
    conversation_id uuid not null references conversation (id),
    user_id uuid not null,
    read_seq bigint not null default 0,
    joined_at timestamptz not null default now(),
    primary key (conversation_id, user_id)
);

create index member_by_user on member (user_id, conversation_id);

-- Messages, stored verbatim. One per (conversation, sender, client message id): a retry finds the first.
create table message (
    conversation_id uuid not null references conversation (id),
    seq bigint not null,
    id uuid not null unique,
    client_message_id text not null,
    sender_id uuid not null,
    body text not null,
    sent_at timestamptz not null,
    primary key (conversation_id, seq),
    unique (conversation_id, sender_id, client_message_id)
);
