-- Issue 15 §4: the items the connector itself shipped from a store's warehouse (ship from store), so that a
-- stock count rung up before a shipment does not put the shipped items back when the writer applies it.
create table connector_store_shipment (
    store_id      varchar(40)  not null,
    order_number  bigint       not null,
    product       varchar(64)  not null,
    quantity      integer      not null,
    shipped_at_ms bigint       not null,
    primary key (store_id, order_number, product)
);
create index connector_store_shipment_item on connector_store_shipment (store_id, product, shipped_at_ms);
