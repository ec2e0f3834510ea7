-- Who runs a job, so that a replica that lost the lead (paused past its lease, then resumed) writes nothing over a
-- job the new leader took over: every write of a run is conditional on the row still naming its runner and epoch.
-- runner: the replica's identity (OSC_POD_NAME, or host name and process id); null: none (a job a follower stored
-- for the leader, or a job stored before this migration). runner_epoch: the fencing token of the runner's term of
-- leadership, the lease's transitions count when it started leading, which only grows from one leader to the next;
-- a replica takes a job over only from a runner of its own epoch or an older one. (V11 is the job_object index.)
ALTER TABLE job ADD COLUMN runner VARCHAR(253);
ALTER TABLE job ADD COLUMN runner_epoch BIGINT NOT NULL DEFAULT 0;
