-- Issue 15 §0: transactions of one till in one second are ordered by their receipt (ZNumber, ReceiptNumber),
-- so a sale rung up right after a stock count in the same second is not taken as included in the count.
-- receipt_seq = ZNumber * 10,000,000 + ReceiptNumber; null for lines that came without them.
alter table connector_pos_line add column till integer;
alter table connector_pos_line add column receipt_seq bigint;
alter table connector_stock_item add column last_count_till integer;
alter table connector_stock_item add column last_count_receipt bigint;
alter table connector_stock_write_item add column count_till integer;
alter table connector_stock_write_item add column count_receipt bigint;

-- Head office can discard a dead letter (it will never be applied; kept, with who and when, for the record).
alter table connector_pos_line drop constraint connector_pos_line_state;
alter table connector_pos_line add constraint connector_pos_line_state
    check (state in ('pending', 'writing', 'ordering', 'applied', 'superseded', 'dead', 'discarded'));
