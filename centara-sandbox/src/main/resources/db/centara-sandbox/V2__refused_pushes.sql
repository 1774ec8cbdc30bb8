-- A push the receiver refused for good (400, 409, 413, 422: the document itself is wrong) is 'refused': it
-- is kept with the answer and no longer holds back the store's later transactions (docs/pos-transactions.md).
alter table centara_pos_transaction drop constraint centara_pos_transaction_push;
alter table centara_pos_transaction add constraint centara_pos_transaction_push
    check (push_state in ('pending', 'delivered', 'refused'));
