-- Who mails go to, copied from identity's user.registered (event-carried state: no call to identity per mail).
create table recipient (
    user_id    uuid primary key,
    email      text not null,
    name       text not null,
    locale     text not null check (locale in ('en', 'it')),
    updated_at timestamptz not null default now()
);

-- Whose order it is, learned from order.confirmed/cancelled: payment.refunded names only the order.
create table order_owner (
    order_id uuid primary key,
    user_id  uuid not null
);

-- One row per (event, channel): the claim taken before a mail is handed to SMTP. A redelivered event finds its row
-- and sends nothing more. SENDING rows are the crash window between handing the mail over and recording it (never
-- sent again automatically; docs/adr/020-notifications-mail-at-most-once.md).
create table notification (
    seq         bigint generated always as identity unique,
    event_id    uuid        not null,
    channel     text        not null,
    event_type  text        not null,
    recipient   text        not null,
    user_id     uuid        not null,
    template    text        not null,
    locale      text        not null,
    subject     text        not null,
    state       text        not null check (state in ('SENDING', 'SENT', 'RETRYING', 'FAILED')),
    attempts    int         not null default 1,
    last_error  text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    sent_at     timestamptz,
    primary key (event_id, channel)
);
create index notification_recipient_idx on notification (recipient, seq);
