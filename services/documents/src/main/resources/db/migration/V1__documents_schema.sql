-- What an invoice needs of an order, copied from ordering's order.created and order.confirmed (event-carried state:
-- rendering never calls ordering). confirmed_at is set by order.confirmed; only confirmed orders get invoices.
create table order_copy (
    order_id     uuid primary key,
    user_id      uuid           not null,
    lines        jsonb          not null,
    total_amount numeric(19, 2) not null,
    currency     text           not null,
    created_at   timestamptz    not null,
    confirmed_at timestamptz
);

create index order_copy_confirmed on order_copy (confirmed_at) where confirmed_at is not null;

create sequence invoice_number;

-- One invoice per order; its PDF is the file <DOCUMENTS_DIR>/invoices/<invoice_id>.pdf, so a re-render overwrites it.
-- render_count grows in the transaction that commits a render: a render whose transaction is lost is redone but not
-- counted twice.
create table invoice (
    invoice_id   uuid primary key,
    order_id     uuid        not null unique references order_copy (order_id),
    user_id      uuid        not null,
    number       text        not null unique,
    rendered_at  timestamptz,
    render_count int         not null default 0
);

-- A bulk rendering job over the orders confirmed in [range_from, range_to); done and failed grow with its items.
create table document_job (
    job_id      uuid primary key,
    kind        text        not null check (kind in ('invoices')),
    range_from  timestamptz not null,
    range_to    timestamptz not null,
    total       int         not null,
    chunks      int         not null,
    done        int         not null default 0,
    failed      int         not null default 0,
    started_at  timestamptz not null default now(),
    finished_at timestamptz
);

-- The job's orders, split into chunks: a chunk message names (job, chunk); a worker renders the chunk's PENDING items
-- and marks them DONE in the transaction that counts the render, so a redelivered chunk skips what was finished.
create table job_item (
    job_id   uuid not null references document_job (job_id) on delete cascade,
    chunk    int  not null,
    order_id uuid not null,
    state    text not null default 'PENDING' check (state in ('PENDING', 'DONE', 'FAILED')),
    error    text,
    primary key (job_id, chunk, order_id)
);

-- Sales reports (CSV), the second document type on the headers exchange.
create table sales_report (
    report_id   uuid primary key,
    range_from  timestamptz not null,
    range_to    timestamptz not null,
    requested_at timestamptz not null default now(),
    rendered_at timestamptz
);
