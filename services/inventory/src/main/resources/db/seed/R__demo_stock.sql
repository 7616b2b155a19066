-- Demo stock for the catalog's seeded products MC-000001 .. MC-005000: 100 units each, none for every 11th product
-- (the ones the catalog seeds as out of stock). Rows that exist are left alone, so admin changes survive a re-run;
-- the seeded quantities are ADJUST movements, so the ledger balances. Not loaded in the prod profile.
with seeded as (
    insert into stock (sku, on_hand)
    select 'MC-' || lpad(n::text, 6, '0'), case when n % 11 = 0 then 0 else 100 end
    from generate_series(1, 5000) as n
    on conflict (sku) do nothing
    returning sku, on_hand
)
insert into stock_movement (sku, kind, on_hand_delta, reserved_delta, actor)
select sku, 'ADJUST', on_hand, 0, 'seed'
from seeded
where on_hand > 0
order by sku;
