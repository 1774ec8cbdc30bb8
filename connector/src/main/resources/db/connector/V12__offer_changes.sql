-- How many times each store's offers have changed (created, moved, a new till status). Every node's store
-- console reads it every second while a page is open, so a page on one node hears of a change another node
-- made (decision 0021).
create table connector_offer_change (
    store_id varchar(40) primary key,
    changes bigint default 0 not null
);
