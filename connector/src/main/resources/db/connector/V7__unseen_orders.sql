-- Issue 15 §5: orders Centra allocated to a managed shop's warehouse without the connector ever having an
-- offer for them (a lost check_first/create whose order was then accepted in Centra, or an allocation made
-- by hand): what the safety net could not see as an offer, for head office to look at.
create table connector_unseen_order (
    order_number bigint      not null,
    store_id     varchar(40) not null,
    found_at_ms  bigint      not null,
    detail       varchar(500) not null,
    primary key (order_number, store_id)
);

-- How far the safety net has looked through Centra's orders (one row).
create table connector_safety_net (
    id                integer primary key,
    orders_seen_to_ms bigint not null
);
