-- Whether a VNF pod is ready (its Ready condition, which its readiness probe decides), as the platform reports
-- it. Instances stored before this was recorded were taken as ready, which they stay until the next report.
ALTER TABLE distributed_appliance_instance ADD COLUMN pod_ready BOOLEAN NOT NULL DEFAULT TRUE;
