-- The connector's intake of POS transactions (docs/pos-transactions.md): stored before the answer, once
-- per TransactionId, with their lines, for the stock writer to apply to Centra.

create table connector_pos_transaction (
    transaction_id varchar(60)     primary key,
    store_id       varchar(40)     not null,
    kind           varchar(8)      not null,
    document       varchar(1048576) not null,
    occurred_at_ms bigint          not null,
    received_at_ms bigint          not null,
    constraint connector_pos_transaction_kind check (kind in ('Sale', 'Count'))
);
create index connector_pos_transaction_store on connector_pos_transaction (store_id, received_at_ms);

create table connector_pos_line (
    transaction_id varchar(60)    not null references connector_pos_transaction (transaction_id),
    line_number    integer        not null,
    item_id        varchar(24)    not null,
    barcode        varchar(64),
    quantity       numeric(18, 4) not null,
    primary key (transaction_id, line_number)
);

-- Intake of one TransactionId takes the lock row of its hash slot first, so concurrent deliveries of the
-- same transaction run one after the other on every database: one stores it, the others see it stored.
create table connector_intake_lock (
    slot integer primary key
);
insert into connector_intake_lock (slot) values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31), (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47), (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63);
