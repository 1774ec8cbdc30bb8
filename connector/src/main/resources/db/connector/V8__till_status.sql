-- Issue 16 §8: the till order's status as the connector last saw it (Centara's OrderStatus: 3 paid, 6–8 ready
-- for pickup, 4 closed ...), so the console shows "ready for pickup" as soon as the till says so.
alter table connector_offer add column till_status integer;
