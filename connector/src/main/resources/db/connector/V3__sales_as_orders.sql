-- Sales recorded as Centra orders (stores with sales-as: orders; docs/stock-sync.md, "Sales as orders").
-- A sale line of such a store is 'ordering' from the moment its order is about to be created until the
-- order's shipment is completed ('applied'). via = 'stock': the sale goes through POST stock after all,
-- because Centra had no free stock to allocate to the order.
alter table connector_pos_line drop constraint connector_pos_line_state;
alter table connector_pos_line add constraint connector_pos_line_state
    check (state in ('pending', 'writing', 'ordering', 'applied', 'superseded', 'dead'));
alter table connector_pos_line add column via varchar(8);
alter table connector_pos_line add column order_marker varchar(140);

-- One Centra order per POS sale transaction of such a store (a second one only for lines replayed after
-- the first was refused; order_marker links a line to its order). It is recorded (state 'creating', with the
-- marker the order carries in its internal comment) before POST order is sent; an order whose answer was
-- lost is found again by that marker, so a sale never becomes two orders.
--   creating  POST order sent or about to be; outcome not known yet
--   created   the order exists (order_numbers); its shipment may not be completed yet
--   done      shipped and completed: the sale's lines are applied
--   refused   Centra refused the order (detail); the lines went on as dead letters or through POST stock
create table connector_sale_order (
    marker varchar(140) primary key,
    transaction_id varchar(60) not null,
    store_id varchar(40) not null,
    state varchar(12) not null,
    sent_at_ms bigint not null,
    order_numbers varchar(400),
    detail varchar(1000),
    settled_at_ms bigint,
    constraint connector_sale_order_state check (state in ('creating', 'created', 'done', 'refused'))
);
create index connector_sale_order_open on connector_sale_order (store_id, state);
create index connector_sale_order_transaction on connector_sale_order (transaction_id);
