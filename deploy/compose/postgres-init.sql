-- One database per service, as ./mercato up makes them (scripts/lib/provision.sh).
CREATE DATABASE mercato_identity;
CREATE DATABASE mercato_catalog;
CREATE DATABASE mercato_psp_sim;
CREATE DATABASE mercato_payment;
CREATE DATABASE mercato_inventory;
CREATE DATABASE mercato_ordering;
CREATE DATABASE mercato_realtime;
CREATE DATABASE mercato_notifications;
CREATE DATABASE mercato_chat;
CREATE DATABASE mercato_documents;
