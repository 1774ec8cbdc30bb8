-- Centra sandbox: catalogue, stock and Order API plugin instances (spec/centra-order-api.md §2-5, §13).
-- Plain SQL that runs unchanged on H2 and PostgreSQL. Dates are local date-times in the instance's
-- time zone, because that is how Centra's Order API reads and writes them (§1.4).

create table centra_setting (
    name          varchar(64)   primary key,
    setting_value varchar(4000) not null
);

create table centra_country (
    code        varchar(2)    primary key,
    name        varchar(200)  not null,
    tax_percent numeric(7, 3) not null
);

create table centra_market (
    id   bigint       primary key,
    name varchar(200) not null
);

create table centra_market_country (
    market_id bigint     not null references centra_market (id),
    country   varchar(2) not null,
    primary key (market_id, country)
);

create table centra_pricelist (
    id       bigint       primary key,
    name     varchar(200) not null,
    currency varchar(3)   not null
);

create table centra_pricelist_country (
    pricelist_id bigint     not null references centra_pricelist (id),
    country      varchar(2) not null,
    primary key (pricelist_id, country)
);

create table centra_campaign (
    id        bigint       primary key,
    name      varchar(200) not null,
    starts_at timestamp,
    ends_at   timestamp
);

create table centra_warehouse (
    id               bigint       primary key,
    name             varchar(200) not null,
    policy           varchar(32)  not null,
    brick_and_mortar varchar(200),
    stock_master     varchar(16)  not null
);

create table centra_allocation_rule (
    market_id    bigint  not null references centra_market (id),
    warehouse_id bigint  not null references centra_warehouse (id),
    position     integer not null,
    primary key (market_id, warehouse_id)
);

create table centra_product (
    product_id        bigint        primary key,
    sku               varchar(200)  not null,
    name              varchar(500)  not null,
    internal_name     varchar(500)  not null,
    brand             varchar(200),
    collection        varchar(200),
    folder            varchar(500)  not null,
    active            boolean       not null,
    created_at        timestamp     not null,
    modified_at       timestamp     not null,
    description       varchar(20000) not null,
    short_description varchar(4000) not null,
    comment           varchar(4000) not null,
    meta_title        varchar(500)  not null,
    meta_description  varchar(4000) not null,
    meta_keywords     varchar(1000) not null,
    weight            numeric(12, 3) not null,
    weight_unit       varchar(2)    not null,
    country_of_origin varchar(2)    not null,
    harm_code         varchar(50)   not null,
    harm_description  varchar(500)  not null
);
create index centra_product_sku on centra_product (sku);
create index centra_product_modified on centra_product (modified_at);
create index centra_product_created on centra_product (created_at);

create table centra_product_category (
    product_id bigint       not null references centra_product (product_id),
    position   integer      not null,
    category   varchar(500) not null,
    primary key (product_id, position)
);

create table centra_product_attribute (
    product_id bigint        not null references centra_product (product_id),
    name       varchar(200)  not null,
    attribute_value varchar(4000) not null,
    primary key (product_id, name)
);

create table centra_variant (
    variant_id bigint       primary key,
    product_id bigint       not null references centra_product (product_id),
    sku        varchar(200) not null,
    name       varchar(500) not null,
    position   integer      not null
);
create index centra_variant_product on centra_variant (product_id);

create table centra_variant_image (
    variant_id bigint        not null references centra_variant (variant_id),
    position   integer       not null,
    url        varchar(2000) not null,
    primary key (variant_id, position)
);

create table centra_variant_price (
    variant_id   bigint         not null references centra_variant (variant_id),
    pricelist_id bigint         not null references centra_pricelist (id),
    price        numeric(14, 2) not null,
    primary key (variant_id, pricelist_id)
);

create table centra_variant_campaign_price (
    variant_id   bigint         not null references centra_variant (variant_id),
    pricelist_id bigint         not null references centra_pricelist (id),
    campaign_id  bigint         not null references centra_campaign (id),
    price        numeric(14, 2) not null,
    primary key (variant_id, pricelist_id, campaign_id)
);

-- One row per size: Centra's "stock item". full_sku is product sku + variant sku + size sku, the third
-- identifier POST stock accepts (§5.2); it is derived once when the catalogue is loaded.
create table centra_stock_item (
    stock_item_id       bigint         primary key,
    variant_id          bigint         not null references centra_variant (variant_id),
    position            integer        not null,
    size_sku            varchar(200)   not null,
    size_name           varchar(200)   not null,
    size_comment        varchar(500)   not null,
    ean                 varchar(50),
    upc                 varchar(50),
    full_sku            varchar(600),
    cost_price          numeric(14, 2),
    cost_price_currency varchar(3),
    constraint centra_stock_item_ean unique (ean),
    constraint centra_stock_item_upc unique (upc),
    constraint centra_stock_item_full_sku unique (full_sku)
);
create index centra_stock_item_variant on centra_stock_item (variant_id);

-- Stock per (stock item, warehouse). The checks are the invariants of §3: allocated is never negative
-- and physical never drops below allocated (a write below it is raised to it, never refused).
create table centra_stock (
    stock_item_id bigint    not null references centra_stock_item (stock_item_id),
    warehouse_id  bigint    not null references centra_warehouse (id),
    physical      integer   not null,
    allocated     integer   not null,
    modified_at   timestamp not null,
    primary key (stock_item_id, warehouse_id),
    constraint centra_stock_allocated_not_negative check (allocated >= 0),
    constraint centra_stock_physical_covers_allocated check (physical >= allocated)
);
create index centra_stock_modified on centra_stock (modified_at);

-- Order API plugin instances, served at /api/{uri} (§13.1), with every setting of §2.
create table centra_order_api (
    uri                          varchar(100)  primary key,
    secret                       varchar(500)  not null,
    primary_warehouse_id         bigint        not null references centra_warehouse (id),
    all_endpoints                boolean       not null,
    allow_order_create           boolean       not null,
    tax_country                  varchar(2),
    return_cost_price            boolean       not null,
    return_waiting_for_payment   boolean       not null,
    return_on_hold               boolean       not null,
    bundles_in_orders            varchar(40)   not null,
    bundles_in_shipments         varchar(40)   not null,
    stock_update_mode            varchar(16)   not null,
    debug_logging                boolean       not null,
    clamp_notification_email     varchar(500),
    position                     integer       not null
);

create table centra_order_api_market (
    uri       varchar(100) not null references centra_order_api (uri),
    market_id bigint       not null references centra_market (id),
    primary key (uri, market_id)
);

create table centra_order_api_virtual_warehouse (
    uri          varchar(100) not null references centra_order_api (uri),
    warehouse_id bigint       not null references centra_warehouse (id),
    position     integer      not null,
    primary key (uri, warehouse_id)
);

create table centra_order_api_endpoint (
    uri      varchar(100) not null references centra_order_api (uri),
    endpoint varchar(60)  not null,
    primary key (uri, endpoint)
);

create table centra_order_api_order_status (
    uri    varchar(100) not null references centra_order_api (uri),
    status varchar(4)   not null,
    primary key (uri, status)
);

-- Webhook plugin instances (§10). Delivery comes with the orders half of the sandbox; the settings are
-- part of the dataset now so that a state document round-trips.
create table centra_webhook (
    position        integer       primary key,
    url             varchar(2000) not null,
    secret          varchar(500),
    version         varchar(20)   not null,
    triggers        varchar(1000) not null,
    retries         integer       not null,
    timeout_seconds integer       not null,
    max_events      integer       not null
);

-- Admin notifications Centra would e-mail (the clamp notice of §2), readable at GET /sandbox/notifications.
create table centra_notification (
    id            bigint        generated by default as identity primary key,
    created_at    timestamp     not null,
    email         varchar(500)  not null,
    subject       varchar(500)  not null,
    body          varchar(4000) not null
);
