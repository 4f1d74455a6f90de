-- The wait estimate reads, per issued ticket and per public status, the day's waiting tickets, the
-- tickets at counters, the last half hour's arrivals and per line the calls and no-shows. Through
-- the day's rows (tickets_number) those reads were most of an issue's time once a few hundred
-- tickets waited; these indexes hold every column each read needs, so none touches the table.
-- tickets_waiting_load starts like tickets_waiting (business date, line), which it replaces.
DROP INDEX tickets_waiting;
CREATE INDEX tickets_waiting_load ON tickets (business_date, service_id, class, queued_at, appointment_at, target_counter_id, id) WHERE state = 'waiting';
CREATE INDEX tickets_at_counters ON tickets (business_date) WHERE state IN ('called', 'serving');
CREATE INDEX tickets_arrivals ON tickets (business_date, issued_at, service_id, class);
CREATE INDEX tickets_call_outcomes ON tickets (business_date, service_id, state, called_at);
