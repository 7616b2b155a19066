-- The language an account's mails and messages are written in: one of the languages the platform has templates for.
alter table app_user add column locale text not null default 'en' check (locale in ('en', 'it'));
