-- One query per line, run on PostgreSQL 15 (ordinary tables) and on wirewrap (foreign tables over the same rows).
-- A line "-- skip: <reason>" before a query excludes it; every such reason is listed in docs/compatibility.md.
select count(*) from stripe.customers
select count(*) from stripe.charges
select id, email, name, balance, created from stripe.customers where id = 'cus_5'
select id, email from stripe.customers where id in ('cus_1', 'cus_2', 'cus_30') order by id
select id from stripe.customers where email is null order by id
select id from stripe.customers where email is not null order by id limit 5
select id from stripe.customers where email like 'user1%' order by id
select id from stripe.customers where email ilike 'USER2%' order by id
select id from stripe.customers where name not like '%1%' order by id limit 10
select id, balance from stripe.customers where balance > 500 order by balance desc, id
select id, balance from stripe.customers where balance between -100 and 100 order by id
select id from stripe.customers where balance < 0 and email is not null order by id
select id from stripe.customers where balance = 0 or balance = 1 order by id
select * from stripe.customers where id = 'cus_7'
select c.* from stripe.customers c where c.id = 'cus_8'
select id, created from stripe.customers order by created desc limit 3
select id from stripe.customers order by id limit 5 offset 10
select id from stripe.customers where created >= '2024-01-10' and created < '2024-01-11' order by id
select id from stripe.customers where created > timestamp '2024-02-01 00:00:00' order by created limit 4
select count(*) from stripe.customers where created::date = date '2024-01-05'
select min(created), max(created) from stripe.customers
select date_trunc('day', created) d, count(*) from stripe.customers group by 1 order by 1 limit 5
select date_trunc('month', created) m, count(*) from stripe.charges group by 1 order by 1
select extract(year from created) y, count(*) from stripe.charges group by 1 order by 1
select extract(month from created) as mon, sum(amount) from stripe.charges group by 1 order by 1
select to_char(created, 'YYYY-MM-DD') d from stripe.customers where id = 'cus_3'
select to_char(created, 'YYYY-MM') m, count(*) from stripe.charges group by 1 order by 1
select created::date from stripe.customers where id = 'cus_40'
select created + interval '1 day' from stripe.customers where id = 'cus_41'
select created - interval '2 hours' from stripe.customers where id = 'cus_42'
select id from stripe.customers where created > '2024-01-01'::timestamp + interval '30 days' order by id limit 3
select status, count(*) from stripe.charges group by status order by status
select status, count(*), sum(amount), min(amount), max(amount) from stripe.charges group by status order by status
select currency, status, count(*) from stripe.charges group by currency, status order by currency, status
select customer, count(*) from stripe.charges group by customer having count(*) > 8 order by customer
select customer, sum(amount) total from stripe.charges group by customer order by total desc, customer limit 5
select count(distinct customer) from stripe.charges
select count(*) filter (where paid) paid, count(*) filter (where not paid) unpaid from stripe.charges
select sum(amount) filter (where currency = 'eur') from stripe.charges
select status, round(avg(amount), 2) from stripe.charges group by status order by status
select round(avg(balance)) from stripe.customers
select sum(balance) from stripe.customers
select sum(amount) / count(*) from stripe.charges
select max(amount) - min(amount) from stripe.charges
select amount / 100 from stripe.charges where id = 'ch_17'
select amount % 7 from stripe.charges where id = 'ch_17'
select amount * 2 + 1 from stripe.charges where id = 'ch_18'
select amount::numeric / 100 from stripe.charges where id = 'ch_19'
select cast(amount as text) from stripe.charges where id = 'ch_20'
select amount::float8 / 3 from stripe.charges where id = 'ch_21'
select id, amount from stripe.charges where customer = 'cus_10' order by id
select id from stripe.charges where customer = 'cus_10' and status = 'failed' order by id
select id from stripe.charges where status in ('failed', 'pending') and customer = 'cus_11' order by id
select id from stripe.charges where paid = false and currency = 'eur' order by id limit 5
select id from stripe.charges where paid and amount > 4900 order by id
select id from stripe.charges where not paid and amount < 200 order by id
select id from stripe.charges where amount >= 4990 order by amount, id
select id from stripe.charges where status <> 'succeeded' and amount > 4950 order by id
select id from stripe.charges where id = 'ch_1' or id = 'ch_2' order by id
select id from stripe.charges where (status = 'failed' and amount > 4900) or (status = 'pending' and amount < 100) order by id
select distinct status from stripe.charges order by status
select distinct currency, paid from stripe.charges order by currency, paid
select distinct on (customer) customer, id, amount from stripe.charges where customer in ('cus_1','cus_2','cus_3') order by customer, amount desc
select attrs->>'id' from stripe.customers where id = 'cus_9'
select attrs->'metadata'->>'plan' from stripe.customers where id = 'cus_9'
select attrs->'metadata' from stripe.customers where id = 'cus_10'
select attrs->'metadata'->'rank' from stripe.customers where id = 'cus_10'
select attrs #>> '{metadata,plan}' from stripe.customers where id = 'cus_11'
select attrs #> '{metadata}' from stripe.customers where id = 'cus_11'
select attrs->'tags'->0 from stripe.customers where id = 'cus_12'
select attrs->'tags'->>1 from stripe.customers where id = 'cus_12'
select id from stripe.customers where attrs->'metadata'->>'plan' = 'pro' order by id limit 5
select attrs->'metadata'->>'plan' p, count(*) from stripe.customers group by 1 order by 1
select count(*) from stripe.customers where (attrs->'metadata'->>'rank')::int > 250
-- skip: sum(integer) is numeric in wirewrap (bigint in PostgreSQL); sum(bigint) matches
select sum((attrs->'outcome'->>'risk_score')::int) from stripe.charges
select id from stripe.charges where (attrs->'outcome'->>'risk_score')::int > 85 and status = 'failed' order by id
select attrs->'metadata'->>'order' from stripe.charges where id = 'ch_100'
select id from stripe.charges where attrs->'metadata'->>'order' = '1500'
select jsonb_array_length(attrs->'tags') from stripe.customers where id = 'cus_1'
select jsonb_typeof(attrs->'metadata') from stripe.customers where id = 'cus_1'
select jsonb_typeof(attrs->'metadata'->'rank') from stripe.customers where id = 'cus_1'
select attrs->'missing' from stripe.customers where id = 'cus_1'
select attrs->'metadata'->>'missing' is null from stripe.customers where id = 'cus_1'
select jsonb_build_object('id', id, 'balance', balance) from stripe.customers where id = 'cus_2'
select k.id, count(c.id) from stripe.customers k join stripe.charges c on c.customer = k.id where k.id in ('cus_1', 'cus_2') group by k.id order by k.id
select k.email, c.id, c.amount from stripe.customers k join stripe.charges c on c.customer = k.id where k.id = 'cus_3' order by c.id
select c.id, k.name from stripe.charges c join stripe.customers k on k.id = c.customer where c.status = 'failed' and c.amount > 4900 order by c.id
select k.id, c.id from stripe.customers k left join stripe.charges c on c.customer = k.id and c.status = 'pending' where k.id in ('cus_4', 'cus_5') order by k.id, c.id
select k.id from stripe.customers k left join stripe.charges c on c.customer = k.id where c.id is null order by k.id limit 5
select count(*) from stripe.customers k, stripe.charges c where c.customer = k.id and k.balance > 600
select k.id, sum(c.amount) from stripe.customers k join stripe.charges c on c.customer = k.id group by k.id order by 2 desc, 1 limit 3
select k.id from stripe.customers k where exists (select 1 from stripe.charges c where c.customer = k.id and c.amount > 4990) order by k.id
select k.id from stripe.customers k where k.id in (select customer from stripe.charges where amount > 4995) order by k.id
select id, (select count(*) from stripe.charges c where c.customer = k.id) from stripe.customers k where k.id in ('cus_1','cus_2') order by id
select id from stripe.customers where id not in (select customer from stripe.charges) order by id
with big as (select customer, sum(amount) s from stripe.charges group by customer) select count(*) from big where s > 40000
with t as (select id, balance from stripe.customers where balance > 690) select id from t order by id
with a as (select 1 x), b as (select x + 1 y from a) select y from b
select id, row_number() over (order by created) from stripe.customers order by created limit 3
select customer, id, rank() over (partition by customer order by amount desc) r from stripe.charges where customer = 'cus_6' order by r, id
select customer, amount, sum(amount) over (partition by customer) from stripe.charges where customer = 'cus_7' order by amount
select id, lag(amount) over (order by id) from stripe.charges where customer = 'cus_8' order by id
-- skip: avg as a window function is float8 (numeric in PostgreSQL); plain avg() of integer columns matches
select id, amount, avg(amount) over () from stripe.charges where customer = 'cus_9' order by id
select string_agg(id, ',' order by id) from stripe.charges where customer = 'cus_12'
select array_agg(id order by id) from stripe.charges where customer = 'cus_13'
select customer, string_agg(status, '|' order by id) from stripe.charges where customer in ('cus_14','cus_15') group by customer order by customer
select coalesce(email, 'none') from stripe.customers where id = 'cus_7'
select nullif(status, 'failed') from stripe.charges where id = 'ch_2'
select case when amount > 2500 then 'big' else 'small' end, count(*) from stripe.charges group by 1 order by 1
select case status when 'failed' then 0 else 1 end s, count(*) from stripe.charges group by 1 order by 1
select greatest(amount, 1000), least(amount, 1000) from stripe.charges where id = 'ch_3'
select upper(currency), lower(status), length(id) from stripe.charges where id = 'ch_4'
select substring(id from 4) from stripe.charges where id = 'ch_123'
select substr(email, 1, 5) from stripe.customers where id = 'cus_1'
select position('@' in email) from stripe.customers where id = 'cus_1'
select split_part(email, '@', 2) from stripe.customers where id = 'cus_1'
select replace(email, 'example', 'test') from stripe.customers where id = 'cus_1'
select email || ' <' || name || '>' from stripe.customers where id = 'cus_2'
select concat(id, '-', balance) from stripe.customers where id = 'cus_2'
select trim('  x  '), ltrim('xxa', 'x'), rtrim('axx', 'x')
select left(name, 3), right(name, 2) from stripe.customers where id = 'cus_3'
select lpad(id, 8, '0'), rpad(id, 8, '-') from stripe.customers where id = 'cus_3'
select id from stripe.customers where name ~ 'er 1[0-9]$' order by id
select id from stripe.customers where name ~* '^customer 2.$' order by id
select id from stripe.customers where name !~ '[0-8]' order by id
select regexp_replace(name, '[0-9]+', 'N') from stripe.customers where id = 'cus_4'
-- skip: sign(bigint) is smallint in DuckDB (double precision in PostgreSQL)
select abs(balance), sign(balance) from stripe.customers where id = 'cus_1'
select round(12.345, 2), ceil(1.2), floor(-1.2), trunc(3.99)
select 7 / 2, -7 / 2, 7 % 3, 7.0 / 2
select 2 ^ 10
-- skip: sqrt(numeric) is float8 in DuckDB (numeric in PostgreSQL)
select sqrt(16.0), power(2, 8)
select 1 + 1, 'a' || 'b', true and false, null is null
select 'abc' like 'a%', 'abc' ilike 'A_C', 'a_c' like 'a\_c'
select 'x' < 'y', 2 between 1 and 3, 5 in (1, 2, 3)
-- skip: unconstrained numeric results print without trailing zeros (7, PostgreSQL prints 7.0)
select cast('42' as int) + 1, '3.5'::numeric * 2, 'true'::boolean
select date '2024-02-28' + 1
-- skip: date - date is bigint in DuckDB (integer in PostgreSQL)
select date '2024-03-01' - date '2024-02-01'
select timestamp '2024-01-01 10:00:00' - timestamp '2024-01-01 08:30:00'
select interval '1 day' + interval '3 hours'
select date_trunc('hour', timestamp '2024-05-06 07:08:09')
select extract(dow from date '2024-05-06'), extract(doy from date '2024-05-06')
select to_char(timestamp '2024-05-06 07:08:09', 'YYYY-MM-DD HH24:MI:SS')
select generate_series(1, 5)
select * from generate_series(1, 3) g(i) order by i
select i, i * i from generate_series(1, 4) as g(i) order by i
select count(*) from generate_series(1, 1000)
values (1, 'a'), (2, 'b')
select * from (values (1, 'a'), (2, 'b')) v(n, s) order by n desc
select x from (select 1 as x union select 2 union select 1) u order by x
select id from stripe.customers where id = 'cus_1' union all select id from stripe.customers where id = 'cus_2' order by 1
select id from stripe.customers where balance > 690 intersect select customer from stripe.charges order by 1
select id from stripe.customers where balance > 690 except select customer from stripe.charges where amount > 100 order by 1
select count(*) from (select distinct customer from stripe.charges where status = 'failed') s
select s.status, s.n from (select status, count(*) n from stripe.charges group by status) s where s.n > 100 order by s.status
select id, balance from stripe.customers order by balance desc nulls last, id limit 3
select id, email from stripe.customers order by email nulls first, id limit 3
select id, email from stripe.customers order by email desc, id limit 3
select id from stripe.customers order by 1 desc limit 2
select bool_and(paid), bool_or(paid) from stripe.charges where customer = 'cus_20'
select every(amount > 0) from stripe.charges
select count(*) from stripe.charges where created between '2024-03-05' and '2024-03-06'
select min(id), max(id) from stripe.charges
select count(*), count(email) from stripe.customers
select avg(balance)::numeric(10,2) from stripe.customers
select percentile_cont(0.5) within group (order by amount) from stripe.charges
select stddev_samp(amount)::int from stripe.charges where customer = 'cus_1'
select id from stripe.charges where amount = any(array[50, 163, 276]) order by id
select id, paid from stripe.charges where id = 'ch_2'
select 'cus_1' = any(array['cus_1', 'cus_2'])
select current_date = now()::date
select pg_typeof(1)::text
select now() > '2020-01-01'::timestamptz
select id from stripe.customers where id like 'cus\_1_' order by id
select array_length(array[1, 2, 3], 1)
select md5('abc')
select initcap('hello world')
select repeat('ab', 3)
select reverse('abc')
select chr(65), ascii('A')
select octet_length('héllo'), char_length('héllo')
select 10::bigint * 10::bigint, 2147483647::bigint + 1
-- skip: smallint + integer stays smallint in DuckDB (integer in PostgreSQL)
select 5::smallint + 1
-- skip: real * integer stays real in DuckDB (double precision in PostgreSQL)
select 1.5::float4 * 2
select 1::int / 3::numeric
select count(*) from stripe.charges c join stripe.customers k on k.id = c.customer where k.attrs->'metadata'->>'plan' = 'free' and c.currency = 'eur'
select date_trunc('week', created) w, count(*), sum(amount) from stripe.charges where paid group by 1 order by 1 limit 5
select to_char(date_trunc('month', created), 'YYYY-MM') m, currency, sum(amount) from stripe.charges group by 1, 2 order by 1, 2
select k.attrs->'metadata'->>'plan' plan, count(distinct k.id) customers, coalesce(sum(c.amount), 0) revenue from stripe.customers k left join stripe.charges c on c.customer = k.id and c.paid group by 1 order by 1
select k.id, coalesce(sum(c.amount), 0) from stripe.customers k left join stripe.charges c on c.customer = k.id where k.balance > 650 group by k.id order by k.id
select c.status, count(*) * 100 / (select count(*) from stripe.charges) pct from stripe.charges c group by c.status order by c.status
select customer, max(created) - min(created) span from stripe.charges where customer in ('cus_1', 'cus_2') group by customer order by customer
select id, amount, sum(amount) over (partition by customer order by created rows between unbounded preceding and current row) running from stripe.charges where customer = 'cus_16' order by created
select id, ntile(4) over (order by amount) from stripe.charges where customer = 'cus_17' order by id
select id, first_value(id) over (partition by customer order by amount desc) from stripe.charges where customer in ('cus_18', 'cus_19') order by id
select customer, count(*) filter (where status = 'failed') failed, count(*) total from stripe.charges group by customer having count(*) filter (where status = 'failed') > 3 order by customer
select id from stripe.charges where attrs->'outcome'->>'risk_score' in ('1', '2', '3') order by id limit 10
select attrs->'outcome'->'risk_score' from stripe.charges where id = 'ch_77'
select (attrs->'outcome'->>'risk_score')::int + 1 from stripe.charges where id = 'ch_78'
select count(*) from stripe.charges where attrs->'metadata' ? 'order'
select count(*) from stripe.customers where attrs->'tags' @> '["a"]'
select jsonb_agg(id order by id) from stripe.charges where customer = 'cus_21'
select jsonb_object_agg(id, amount) from stripe.charges where customer = 'cus_22'
select k.id, (select max(amount) from stripe.charges c where c.customer = k.id) from stripe.customers k where k.id in ('cus_23', 'cus_24') order by 1
select id, case when email is null then 'no email' when email like '%1%' then 'has one' else 'other' end from stripe.customers where id in ('cus_7', 'cus_10', 'cus_22') order by id
select count(*) from stripe.customers where created < (select min(created) from stripe.charges)
select id from stripe.customers where id = any(select customer from stripe.charges where amount > 4995) order by id
select count(*) from stripe.charges c where not exists (select 1 from stripe.customers k where k.id = c.customer and k.balance < 0)
select upper(substr(name, 1, 1)) || lower(substr(name, 2)) from stripe.customers where id = 'cus_25'
select split_part(email, '@', 1), length(split_part(email, '@', 1)) from stripe.customers where id = 'cus_26'
select count(*) from stripe.customers where email ~ '^user[0-9]{2}@'
select id, amount from stripe.charges order by amount desc, id limit 3 offset 2
select currency, round(100.0 * sum(case when paid then 1 else 0 end) / count(*), 1) from stripe.charges group by currency order by currency
select id from stripe.customers where created between '2024-01-02' and '2024-01-03' order by id
select extract(hour from created) h, count(*) from stripe.charges group by 1 order by 1 limit 5
select date_part('day', created) from stripe.customers where id = 'cus_27'
select created::date d, count(*) from stripe.charges group by d order by d desc limit 3
select id, created at time zone 'UTC' from stripe.customers where id = 'cus_28'
select time '10:00' + interval '90 minutes', time '23:59:59.5'
-- arithmetic type rules: numeric division is exact numeric, integer division truncates, floats stay floats
select sum(amount) / count(*), sum(amount) / 3, avg(amount) / 2 from stripe.charges where status = 'failed'
select amount / 7, amount::numeric / 7, amount / 7.0, amount::float8 / 7, amount % 7 from stripe.charges where id = 'ch_31'
select 10.5 / 4, -10.5 / 4, 2.5 * 4 / 3, (1 + 2.5) / 7 from stripe.charges where id = 'ch_1'
select round(sum(amount)::numeric / count(*), 2), round(100.0 * count(*) / (select count(*) from stripe.charges), 3) from stripe.charges where paid
select currency, sum(amount) / count(*) as mean from stripe.charges group by currency order by currency
select balance / 100.0 from stripe.customers where id in ('cus_3', 'cus_4', 'cus_5') order by id
select 9 / 2, 9 / 2.0, 9.0 / 2, 9 / 2::numeric, 9::float8 / 2, 9 % 2
