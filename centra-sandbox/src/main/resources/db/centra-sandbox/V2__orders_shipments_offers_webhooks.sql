-- Centra sandbox, second half: orders, shipments, check-first offers, allocation requests and the
-- webhook outbox (spec/centra-order-api.md §6-10, §13.6-13.10). Order dates are local date-times in the
-- instance's time zone like everything Centra prints (§1.4); deadlines and delivery times are instants,
-- kept as epoch milliseconds so that no time zone can shift a deadline.

-- Numbers handed out by the sandbox (order numbers, line ids, allocation request ids). Taking the next
-- value updates the row, so concurrent takers are serialised by its row lock.
create table centra_counter (
    name       varchar(40) primary key,
    next_value bigint      not null
);
insert into centra_counter (name, next_value) values ('order', 1001), ('line', 1), ('allocation_request', 1), ('customer', 1);

-- Customers Centra creates for orders (§6.1: customerRegister attaches by e-mail, otherwise a new one).
create table centra_customer (
    customer_id bigint       primary key,
    email       varchar(500) not null,
    registered  boolean      not null
);
create index centra_customer_email on centra_customer (email);

create table centra_order (
    order_number      bigint         primary key,
    selection_id      varchar(32)    not null,
    origin            varchar(16)    not null,
    order_api_uri     varchar(100),
    flow              varchar(24)    not null,
    order_status      varchar(2)     not null,
    prepared          boolean        not null,
    market_id         bigint         not null,
    pricelist_id      bigint         not null,
    currency          varchar(3)     not null,
    country           varchar(2)     not null,
    customer_id       bigint         not null,
    billing_address   varchar(4000)  not null,
    delivery_address  varchar(4000)  not null,
    shipping_list     varchar(200)   not null,
    shipping_value    numeric(14, 2) not null,
    voucher_value     numeric(14, 2) not null,
    voucher_codes     varchar(2000)  not null,
    other_comment     varchar(20000) not null,
    internal_comment  varchar(20000) not null,
    po_number         varchar(200)   not null,
    buyer_name        varchar(200)   not null,
    internal_order    boolean        not null,
    adjust_stock      boolean        not null,
    payment           varchar(8000),
    extra_attributes  varchar(8000)  not null,
    order_date        timestamp      not null,
    delivery_date     timestamp,
    cancel_date       timestamp,
    created_at        timestamp      not null,
    modified_at       timestamp      not null,
    constraint centra_order_status check (order_status in ('1', '2', '3', '4', '5', '6'))
);
create index centra_order_created on centra_order (created_at);
create index centra_order_customer on centra_order (customer_id);

create table centra_order_line (
    line_id        bigint         primary key,
    order_number   bigint         not null references centra_order (order_number),
    position       integer        not null,
    stock_item_id  bigint         not null references centra_stock_item (stock_item_id),
    qty            integer        not null,
    unit_price     numeric(14, 2) not null,
    original_price numeric(14, 2) not null,
    tax_percent    numeric(7, 3)  not null,
    line_comment   varchar(4000)  not null,
    item_text      varchar(4000),
    constraint centra_order_line_qty check (qty > 0)
);
create index centra_order_line_order on centra_order_line (order_number);

-- Where each line's items are allocated (reserved in centra_stock.allocated). What a line has beyond the
-- sum of its rows is back-ordered.
create table centra_line_allocation (
    line_id      bigint  not null references centra_order_line (line_id),
    warehouse_id bigint  not null references centra_warehouse (id),
    qty          integer not null,
    primary key (line_id, warehouse_id),
    constraint centra_line_allocation_qty check (qty > 0)
);

create table centra_shipment (
    shipment_id          varchar(40)    primary key,
    order_number         bigint         not null references centra_order (order_number),
    shipment_seq         integer        not null,
    gtg                  boolean        not null,
    paid                 boolean        not null,
    shipped              boolean        not null,
    completed            boolean        not null,
    carrier              varchar(200)   not null,
    service              varchar(200)   not null,
    tracking             varchar(200)   not null,
    return_slip_tracking varchar(200)   not null,
    packages             integer        not null,
    internal_comment     varchar(20000) not null,
    shipped_at           timestamp,
    created_at           timestamp      not null,
    modified_at          timestamp      not null,
    constraint centra_shipment_number unique (order_number, shipment_seq)
);
create index centra_shipment_created on centra_shipment (created_at);

-- A shipment's items per line and per warehouse they are shipped from (warehouse null: the order did not
-- adjust stock, so the items were never allocated and shipping them changes no stock).
create table centra_shipment_line (
    shipment_id   varchar(40)  not null references centra_shipment (shipment_id),
    line_id       bigint       not null references centra_order_line (line_id),
    warehouse_id  bigint       references centra_warehouse (id),
    qty           integer      not null,
    serial_number varchar(200),
    constraint centra_shipment_line_qty check (qty > 0)
);
create index centra_shipment_line_shipment on centra_shipment_line (shipment_id);
create index centra_shipment_line_line on centra_shipment_line (line_id);

-- One check-first offer per (order, warehouse) (§8, §13.7-8). Answers are irreversible: a row leaves
-- 'offered' once and never comes back.
create table centra_check_first_offer (
    order_number  bigint      not null references centra_order (order_number),
    warehouse_id  bigint      not null references centra_warehouse (id),
    expires_at_ms bigint      not null,
    offer_state   varchar(16) not null,
    reason        varchar(40),
    answered_at   timestamp,
    primary key (order_number, warehouse_id),
    constraint centra_offer_state check (offer_state in ('offered', 'accepted', 'rejected', 'timeout'))
);
create index centra_offer_due on centra_check_first_offer (offer_state, expires_at_ms);

-- Allocation requests of "direct, then confirm" warehouses (§9, §13.10).
create table centra_allocation_request (
    id             bigint      primary key,
    order_number   bigint      not null references centra_order (order_number),
    warehouse_id   bigint      not null references centra_warehouse (id),
    request_status varchar(16) not null,
    expires_at_ms  bigint      not null,
    timed_out      boolean     not null,
    created_at_ms  bigint      not null,
    modified_at_ms bigint      not null,
    constraint centra_allocation_request_status check (request_status in
        ('allocated', 'sent', 'failed', 'confirmed', 'rejected', 'timed-out', 'outdated'))
);
create index centra_allocation_request_order on centra_allocation_request (order_number);
create index centra_allocation_request_due on centra_allocation_request (request_status, expires_at_ms);

create table centra_allocation_request_line (
    request_id    bigint  not null references centra_allocation_request (id),
    line_id       bigint  not null references centra_order_line (line_id),
    stock_item_id bigint  not null,
    qty           integer not null,
    primary key (request_id, line_id)
);

-- The webhook outbox: an event is written in the transaction of the change that causes it, one row per
-- webhook instance that subscribes to its type; the sender delivers pending rows in id order.
create table centra_webhook_event (
    id               bigint        generated by default as identity primary key,
    webhook_position integer       not null,
    event_type       varchar(40)   not null,
    event_json       varchar(20000) not null,
    created_at_ms    bigint        not null,
    due_at_ms        bigint        not null,
    delivery_state   varchar(16)   not null,
    attempts         integer       not null,
    constraint centra_webhook_event_state check (delivery_state in ('pending', 'delivered', 'failed', 'dropped'))
);
create index centra_webhook_event_due on centra_webhook_event (delivery_state, due_at_ms);

-- Every attempt to deliver a call, for GET /sandbox/webhook-deliveries.
create table centra_webhook_delivery (
    id               bigint         generated by default as identity primary key,
    webhook_position integer        not null,
    url              varchar(2000)  not null,
    event_ids        varchar(4000)  not null,
    attempt          integer        not null,
    started_at_ms    bigint         not null,
    duration_ms      bigint         not null,
    http_status      integer,
    outcome          varchar(16)    not null,
    error            varchar(2000),
    signature        varchar(200),
    body             varchar(100000) not null
);
