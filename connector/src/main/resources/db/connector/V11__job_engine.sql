-- Issue 19, decision 0022: the connector's background jobs run on db-scheduler, whose executions live
-- here (its documented columns; varchar keys so that H2 can index them, as PostgreSQL can text).
create table connector_scheduled_tasks (
    task_name            varchar(100)             not null,
    task_instance        varchar(200)             not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            varchar(200),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index connector_scheduled_tasks_due on connector_scheduled_tasks (execution_time);
create index connector_scheduled_tasks_heartbeat on connector_scheduled_tasks (last_heartbeat);
