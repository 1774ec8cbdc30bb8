-- Issue 19, decision 0021: Centra's write budget is counted here, so that several connector nodes on one
-- database together never exceed it. One row per write: open (done_at_ms null) until its answer came.
-- An open row counts as "now" until lease_until_ms (a node that died with a write open holds its place no
-- longer than that), then at lease_until_ms. Rows older than the budget's longest window are deleted.
create table connector_write_slot (
    id              varchar(36)   primary key,
    node            varchar(200)  not null,
    taken_at_ms     bigint        not null,
    lease_until_ms  bigint        not null,
    done_at_ms      bigint
);
create index connector_write_slot_counted on connector_write_slot (done_at_ms, lease_until_ms);

-- The row every taker locks while it decides (connector_lock holds the named locks).
insert into connector_lock (name) values ('write-budget');
