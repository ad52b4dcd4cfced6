-- One row per rejected input and stage.
create or replace view stg_quarantine as
with source as (
    select * from read_parquet('quarantine/**/*.parquet', union_by_name = true)
)

select distinct
    quarantine_id,
    source_uri,
    stage,
    reason,
    detail,
    raw_id
from source
