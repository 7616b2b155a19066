-- Users and their credentials. Emails are stored normalized (trimmed, lower-case), so the unique index is the rule.
create table app_user (
    id            uuid primary key,
    email         text not null unique,
    name          text not null,
    password_hash text not null,
    roles         text[] not null default array['customer'],
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

-- Refresh tokens are stored only as SHA-256 hashes. Every token belongs to a family: the chain of tokens issued by
-- rotating one login's token. A used token presented again means the chain was copied, so the whole family is revoked.
create table refresh_token (
    id             uuid primary key,
    family_id      uuid not null,
    user_id        uuid not null references app_user (id) on delete cascade,
    token_hash     bytea not null unique,
    issued_at      timestamptz not null,
    expires_at     timestamptz not null,
    used_at        timestamptz,
    revoked_at     timestamptz,
    revoked_reason text
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_active_user_idx on refresh_token (user_id) where revoked_at is null;

-- An audit trail of what security reviews ask about: token reuse, revocations, password changes.
create table security_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    user_id     uuid,
    kind        text not null,
    detail      jsonb not null default '{}'::jsonb
);
create index security_event_user_idx on security_event (user_id, occurred_at);
