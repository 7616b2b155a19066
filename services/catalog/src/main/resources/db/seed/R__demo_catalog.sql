-- Deterministic demo catalog for local runs and tests: 24 categories and 5,000 products with English and Italian
-- names. Ids derive from the row number, so every run produces byte-identical data. Not loaded in the prod profile.

create temporary table category_seed on commit drop as
select * from (values
    (1, 'headphones', 'Headphones', 'Cuffie', 'Headphones', 'Cuffie'),
    (2, 'speakers', 'Speakers', 'Altoparlanti', 'Speaker', 'Altoparlante'),
    (3, 'laptops', 'Laptops', 'Portatili', 'Laptop', 'Portatile'),
    (4, 'phones', 'Phones', 'Telefoni', 'Phone', 'Telefono'),
    (5, 'cameras', 'Cameras', 'Fotocamere', 'Camera', 'Fotocamera'),
    (6, 'watches', 'Watches', 'Orologi', 'Watch', 'Orologio'),
    (7, 'backpacks', 'Backpacks', 'Zaini', 'Backpack', 'Zaino'),
    (8, 'sneakers', 'Sneakers', 'Scarpe da ginnastica', 'Sneakers', 'Scarpe da ginnastica'),
    (9, 'jackets', 'Jackets', 'Giacche', 'Jacket', 'Giacca'),
    (10, 'lamps', 'Lamps', 'Lampade', 'Lamp', 'Lampada'),
    (11, 'chairs', 'Chairs', 'Sedie', 'Chair', 'Sedia'),
    (12, 'desks', 'Desks', 'Scrivanie', 'Desk', 'Scrivania'),
    (13, 'coffee', 'Coffee', 'Caffè', 'Coffee', 'Caffè'),
    (14, 'tea', 'Tea', 'Tè', 'Tea', 'Tè'),
    (15, 'cookware', 'Cookware', 'Pentole', 'Pan', 'Padella'),
    (16, 'knives', 'Knives', 'Coltelli', 'Knife', 'Coltello'),
    (17, 'books', 'Books', 'Libri', 'Book', 'Libro'),
    (18, 'board-games', 'Board games', 'Giochi da tavolo', 'Board game', 'Gioco da tavolo'),
    (19, 'bicycles', 'Bicycles', 'Biciclette', 'Bicycle', 'Bicicletta'),
    (20, 'tents', 'Tents', 'Tende', 'Tent', 'Tenda'),
    (21, 'perfume', 'Perfume', 'Profumi', 'Perfume', 'Profumo'),
    (22, 'skincare', 'Skincare', 'Cura della pelle', 'Face cream', 'Crema viso'),
    (23, 'toys', 'Toys', 'Giocattoli', 'Toy', 'Giocattolo'),
    (24, 'plants', 'Plants', 'Piante', 'Plant', 'Pianta')
) as c (n, slug, en, it, one_en, one_it);

insert into category (id, slug, names, position)
select md5('mercato-category-' || c.n)::uuid, c.slug, jsonb_build_object('en', c.en, 'it', c.it), c.n
from category_seed c
on conflict (id) do nothing;

with styles (i, style) as (
    select ordinality - 1, style
    from unnest(array['Aurora', 'Nordic', 'Urban', 'Classic', 'Studio', 'Travel', 'Eco', 'Pro', 'Lite', 'Max',
                      'Retro', 'Zen', 'Sport', 'Deluxe', 'Mini', 'Terra', 'Luna', 'Vento', 'Onda', 'Vetta'])
         with ordinality as s (style)
),
numbered as (
    select n, 1 + (n - 1) % 24 as category_n, (n * 7) % 20 as style_i, lpad(n::text, 4, '0') as model
    from generate_series(1, 5000) as n
)
insert into product (id, sku, category_id, names, descriptions, price_amount, currency, image_url, in_stock,
                     published_at, published, created_at, updated_at)
select md5('mercato-product-' || p.n)::uuid,
       'MC-' || lpad(p.n::text, 6, '0'),
       md5('mercato-category-' || p.category_n)::uuid,
       jsonb_build_object('en', s.style || ' ' || c.one_en || ' ' || p.model,
                          'it', c.one_it || ' ' || s.style || ' ' || p.model),
       jsonb_build_object('en', 'From the ' || s.style || ' line of ' || lower(c.en) || ', model ' || p.model || '.',
                          'it', 'Dalla linea ' || s.style || ' di ' || lower(c.it) || ', modello ' || p.model || '.'),
       round(((p.n * 7919) % 49800 + 199) / 100.0, 2),
       'EUR',
       'https://img.mercato.dev/products/MC-' || lpad(p.n::text, 6, '0') || '.jpg',
       p.n % 11 <> 0,
       timestamptz '2026-01-01 00:00:00+00',
       true,
       timestamptz '2026-01-01 00:00:00+00',
       timestamptz '2026-01-01 00:00:00+00'
from numbered p
join category_seed c on c.n = p.category_n
join styles s on s.i = p.style_i
order by p.n
on conflict (id) do nothing;

-- Home page: city-less defaults, plus banners and featured products of their own for milano and roma.
insert into banner (id, city, title, image_url, link, position)
select md5('mercato-banner-' || b.n)::uuid, b.city, jsonb_build_object('en', b.en, 'it', b.it),
       'https://img.mercato.dev/banners/' || b.n || '.jpg', b.link, b.n
from (values
    (1, null, 'Spring sale', 'Saldi di primavera', '/v1/products?category=jackets'),
    (2, null, 'New laptops', 'Nuovi portatili', '/v1/products?category=laptops'),
    (3, 'milano', 'Design week in Milano', 'Settimana del design a Milano', '/v1/products?category=lamps'),
    (4, 'roma', 'Coffee from Roma', 'Caffè da Roma', '/v1/products?category=coffee')
) as b (n, city, en, it, link)
on conflict (id) do nothing;

insert into featured_product (city, product_id, position)
select f.city, md5('mercato-product-' || f.n)::uuid, f.position
from (values (null, 1, 1), (null, 2, 2), (null, 3, 3), ('milano', 10, 1), ('milano', 34, 2), ('roma', 13, 1))
    as f (city, n, position)
on conflict do nothing;
