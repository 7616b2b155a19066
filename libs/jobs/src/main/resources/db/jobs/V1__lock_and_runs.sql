-- libs/jobs (docs/adr/023): the lock that lets one instance at a time run a job, and the record of its runs.
-- Migrated by the library (JobsSchema) into schema "jobs", history table jobs.flyway_jobs_history.
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
    -- a sweep's consecutive runs that found nothing due share one row: how many, from the first start to the last end
    idle       boolean     not null default false,
    runs       integer     not null default 1 check (runs >= 1),
    check ((outcome = 'RUNNING') = (ended_at is null)),
    check (not idle or outcome = 'SUCCEEDED'),
    check (ended_at is null or ended_at >= started_at)
);
create index job_run_by_job on job_run (job, started_at desc);
create index job_run_by_start on job_run (started_at);
