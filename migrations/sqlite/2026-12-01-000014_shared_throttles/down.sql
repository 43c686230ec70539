DROP TABLE throttle_counts;
