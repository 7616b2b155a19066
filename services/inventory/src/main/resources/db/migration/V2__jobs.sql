-- libs/jobs (docs/adr/023): the lock that lets one instance at a time run a job, and every run's record.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

create table job_run (
    id         bigint generated always as identity primary key,
    job        text        not null,
    instance   text        not null,
    started_at timestamptz not null,
    ended_at   timestamptz,
    outcome    text        not null check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    summary    text,
    check ((outcome = 'RUNNING') = (ended_at is null))
);
create index job_run_by_job on job_run (job, started_at desc);
create index job_run_by_start on job_run (started_at);
